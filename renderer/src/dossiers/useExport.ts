// One export at a time from a dossier: started with a fresh id (so it can be cancelled
// while main still works on it), its progress followed from main's events, and the file
// handed to the host (the desktop app's save dialog, or a download in browser mode).
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat, ExportProgress } from '../../../common/api/methods/dossiers.ts';
import { useApi, useHost } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { useServices } from '../shell/services.tsx';

export interface RunningExport {
  exportId: string;
  /** Null until main reports the first step. */
  progress: ExportProgress | null;
}

function newExportId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `export-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

export function useExport(dossierId: number): { running: RunningExport | null; start(format: ExportFormat, options?: { attribution?: boolean }): void; cancel(): void } {
  const api = useApi();
  const host = useHost();
  const { reportError, announce } = useServices();
  const [running, setRunning] = useState<RunningExport | null>(null);
  const runningId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('export.progress', (progress) => {
        if (progress.exportId === runningId.current) setRunning({ exportId: progress.exportId, progress });
      }),
    [api],
  );

  const start = (format: ExportFormat, options: { attribution?: boolean } = {}) => {
    const exportId = newExportId();
    runningId.current = exportId;
    setRunning({ exportId, progress: null });
    host.saveExport({ exportId, source: { dossierId }, format, ...(options.attribution ? { attribution: true } : {}) }).then(
      (file) => {
        if (file.saved) announce(`Exported “${file.fileName}”${file.pageCount ? ` (${file.pageCount} pages)` : ''}.`);
      },
      (e: unknown) => {
        if (e instanceof ApiCallError && e.error.code === 'CANCELLED') announce('Export cancelled.');
        else reportError(e, 'Could not export the dossier');
      },
    ).finally(() => {
      if (runningId.current === exportId) {
        runningId.current = null;
        setRunning(null);
      }
    });
  };

  const cancel = () => {
    if (running) api.call('exports.cancel', { exportId: running.exportId }).catch((e: unknown) => reportError(e, 'Could not cancel the export'));
  };

  return { running, start, cancel };
}
