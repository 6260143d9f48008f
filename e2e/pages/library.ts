// Setting up a library bigger than one page of anything: short text articles imported
// through the API after the sample ones, so the sample articles are the oldest.
import { apiCall } from './reader.ts';

/** Imports `count` short articles titled "Market report N", 170 to a request. */
export async function importMarketReports(appUrl: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += 170) {
    const files = Array.from({ length: Math.min(170, count - from) }, (_, i) => {
      const n = from + i;
      return { name: `market-report-${n}.txt`, data: Buffer.from(`Market report ${n}\n\nWheat and flour prices in week ${n} were unchanged.\n`).toString('base64') };
    });
    await apiCall(appUrl, 'import.files', { files });
  }
}
