import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api/errors.ts';
import { createDispatcher } from '../dispatch.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { nodeHost } from '../../services/host.ts';

describe('exports.save (the desktop app saves through its save dialog)', () => {
  it('renders the export, asks the host where to save it and writes it there', async () => {
    const library = tempLibrary();
    const target = path.join(tempDir(), 'chosen.md');
    const asked: string[] = [];
    const dispatch = createDispatcher(() => ({ library, host: nodeHost({ chooseSaveFile: async (name) => (asked.push(name), target) }) }));
    const result = await dispatch('exports.save', { source: { all: true }, format: 'md' });
    expect(result).toMatchObject({ ok: true, value: { saved: true, fileName: 'chosen.md' } });
    expect(asked[0]).toMatch(/\.md$/);
    expect(fs.readFileSync(target, 'utf8')).toContain('Taliban, Pakistan Enter Tentative Rapprochement');
  });

  it('writes nothing when the dialog is cancelled, and is refused where there is no dialog (browser mode)', async () => {
    const library = tempLibrary();
    const cancelled = await createDispatcher(() => ({ library, host: nodeHost({ chooseSaveFile: async () => null }) }))('exports.save', { source: { all: true }, format: 'csv' });
    expect(cancelled).toMatchObject({ ok: true, value: { saved: false } });
    const browser = await createDispatcher(() => ({ library }))('exports.save', { source: { all: true }, format: 'csv' });
    expect(browser).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: expect.stringContaining('browser mode the export downloads') } });
  });

  it('exports.render prints a PDF with the printer in the handler context (the host\'s), not a global one', async () => {
    const library = tempLibrary();
    const printed: string[] = [];
    const host = nodeHost({
      openPdfPrinter: async () => ({
        printPdf: async (html) => {
          printed.push(html);
          throw new AppError('EXPORT_FAILED', 'The stand-in printer was asked.');
        },
        close: async () => undefined,
      }),
    });
    const result = await createDispatcher(() => ({ library, host }))('exports.render', { source: { all: true }, format: 'pdf' });
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: 'The stand-in printer was asked.' } });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Taliban, Pakistan Enter Tentative Rapprochement');
  });
});
