import { describe, expect, it } from 'vitest';
import { planBatches, toBase64, uploadAll, type UploadFile } from './upload.ts';

const file = (name: string, size: number): UploadFile => ({ name, size, bytes: async () => new TextEncoder().encode('x'.repeat(Math.min(size, 10))).buffer });

describe('uploading files in batches', () => {
  it('keeps each batch under the byte and file limits, a big file alone', () => {
    const files = [file('a', 3), file('b', 3), file('c', 3), file('big', 50), file('d', 1)];
    expect(planBatches(files, 7, 10).map((b) => b.map((f) => f.name))).toEqual([['a', 'b'], ['c'], ['big'], ['d']]);
    expect(planBatches([file('a', 1), file('b', 1), file('c', 1)], 100, 2).map((b) => b.length)).toEqual([2, 1]);
    expect(planBatches([])).toEqual([]);
  });

  it('encodes bytes as base64, long ones included', () => {
    expect(toBase64(new TextEncoder().encode('Casefile').buffer)).toBe('Q2FzZWZpbGU=');
    const long = new Uint8Array(100_000).fill(65);
    expect(atob(toBase64(long.buffer)).length).toBe(100_000);
  });

  it('reports files over 50 MB without sending them, and stops sending when cancelled', async () => {
    const sent: string[][] = [];
    const outcomes: string[] = [];
    let cancel = false;
    await uploadAll([file('huge.pdf', 60 * 1024 * 1024), file('a.txt', 10), ...Array.from({ length: 300 }, (_, i) => file(`f${i}.txt`, 10))], {
      send: async (files) => {
        sent.push(files.map((f) => f.name));
        cancel = true;
        return files.map((f) => ({ file: f.name, status: 'imported' as const }));
      },
      onOutcomes: (list) => outcomes.push(...list.map((o) => `${o.file}:${o.status}`)),
      cancelled: () => cancel,
    });
    expect(outcomes[0]).toBe('huge.pdf:failed');
    expect(sent).toHaveLength(1);
    expect(outcomes.filter((o) => o.endsWith(':cancelled'))).toHaveLength(301 - sent[0]!.length);
  });
});
