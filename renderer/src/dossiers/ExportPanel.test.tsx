// @vitest-environment jsdom
// Exporting a dossier: the chosen format goes to the host (whichever it is), main's
// progress shows while it runs, and the panel is ready again when the file is saved.
import { describe, expect, it, vi } from 'vitest';
import type { Dossier, ExportProgress, SavedExport } from '../../../common/api/methods/dossiers.ts';
import type { Host } from '../api/host.ts';
import { byRole, click, fakeClient, render, waitFor } from '../connections/test-helpers.tsx';
import { ServicesProvider } from '../shell/services.tsx';
import { ExportPanel } from './ExportPanel.tsx';

const dossier = { id: 7, name: 'Talks', items: [{ id: 1, type: 'article', articleId: 3 }] } as unknown as Dossier;

describe('the export panel', () => {
  it('hands the chosen format to the host, shows main’s progress, and is ready again when saved', async () => {
    const progressListeners: ((p: ExportProgress) => void)[] = [];
    const client = fakeClient({});
    client.on = ((event: string, listener: (p: ExportProgress) => void) => {
      if (event === 'export.progress') progressListeners.push(listener);
      return () => undefined;
    }) as typeof client.on;
    let finish!: (file: SavedExport) => void;
    const host: Host = { saveExport: vi.fn(() => new Promise<SavedExport>((resolve) => (finish = resolve))) };
    const view = render(
      <ServicesProvider>
        <ExportPanel dossier={dossier} />
      </ServicesProvider>,
      { client, host },
    );

    const select = view.container.querySelector('select')!;
    select.value = 'md';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    click(await waitFor(() => byRole(view.container, 'button', 'Export Markdown')));
    expect(host.saveExport).toHaveBeenCalledWith({ exportId: expect.any(String), source: { dossierId: 7 }, format: 'md' });
    const exportId = vi.mocked(host.saveExport).mock.calls[0]![0].exportId!;
    await waitFor(() => byRole(view.container, 'status')?.textContent === 'Starting…');

    for (const l of progressListeners) l({ exportId, dossierId: 7, phase: 'building', done: 2, total: 5 });
    await waitFor(() => byRole(view.container, 'status')?.textContent === 'Laying out the articles (2 of 5)…');

    finish({ saved: true, fileName: 'Talks.md', byteLength: 10, pageCount: null });
    await waitFor(() => byRole(view.container, 'button', 'Export Markdown') && !byRole(view.container, 'status'));
    view.unmount();
  });
});
