// What differs between the two hosts of the page, the desktop app (preload bridge) and
// browser mode (HTTP), beyond how calls travel: views ask the host, never `window.casefile`.
import type { Input } from '../../../common/api/contract.ts';
import type { SavedExport } from '../../../common/api/methods/dossiers.ts';
import type { ApiClient } from './client.ts';

export type ExportRequest = Input<'exports.save'>;

export interface Host {
  /** Makes an export and puts it where the user wants it; `saved` is false when they cancelled the save dialog. */
  saveExport(request: ExportRequest): Promise<SavedExport>;
}

/** The desktop app: main makes the file and asks where through the system's save dialog. */
export function desktopHost(client: Pick<ApiClient, 'call'>): Host {
  return { saveExport: (request) => client.call('exports.save', request) };
}

/** Browser mode: the file comes back as bytes and is saved as a download (the page never names a path). */
export function browserHost(client: Pick<ApiClient, 'call'>, save: (bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string) => void = download): Host {
  return {
    async saveExport(request) {
      const file = await client.call('exports.render', request);
      save(base64ToBytes(file.base64), file.fileName, file.mimeType);
      return { saved: true, fileName: file.fileName, byteLength: file.byteLength, pageCount: file.pageCount };
    },
  };
}

/** The host this page runs in: the app when the preload bridge is there, else browser mode. */
export function chooseHost(client: Pick<ApiClient, 'call'>, page: Pick<Window, 'casefile'> = window): Host {
  return page.casefile ? desktopHost(client) : browserHost(client);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a download; the browser asks where, or uses its downloads folder. */
function download(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to start; the object would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
