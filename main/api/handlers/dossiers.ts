import type { dossierMethods } from '../../../common/api/methods/dossiers.ts';
import * as dossiers from '../../services/dossiers/service.ts';
import { cancelExport, renderExport } from '../../services/dossiers/exports.ts';
import { writeFileAtomic } from '../../services/dossiers/files.ts';
import { AppError } from '../../../common/api/errors.ts';
import path from 'node:path';
import type { HandlersFor } from './types.ts';

export const dossierHandlers: HandlersFor<typeof dossierMethods> = {
  'dossiers.list': ({ library }) => dossiers.listDossiers(library),
  'dossiers.get': ({ library }, input) => dossiers.getDossier(library, input.id),
  'dossiers.create': ({ library }, input) => dossiers.createDossier(library, input),
  'dossiers.update': ({ library }, input) => dossiers.updateDossier(library, input),
  'dossiers.setItems': ({ library }, input) => dossiers.setDossierItems(library, input.id, input.items),
  'dossiers.addItems': ({ library }, input) => dossiers.addDossierItems(library, input),
  'dossiers.delete': ({ library }, input) => dossiers.deleteDossier(library, input.id),
  'exports.render': async ({ library, host }, input) => {
    const output = await renderExport(library, { source: input.source, format: input.format, exportId: input.exportId, attribution: input.attribution }, host.openPdfPrinter);
    return {
      fileName: output.fileName,
      mimeType: output.mimeType,
      base64: Buffer.from(output.bytes.buffer, output.bytes.byteOffset, output.bytes.byteLength).toString('base64'),
      byteLength: output.bytes.byteLength,
      pageCount: output.pageCount,
    };
  },
  'exports.save': async ({ library, host }, input) => {
    const { chooseSaveFile } = host;
    if (!chooseSaveFile) throw new AppError('INVALID_INPUT', 'Saving to a chosen file is part of the desktop app; in browser mode the export downloads instead.');
    const output = await renderExport(library, { source: input.source, format: input.format, exportId: input.exportId, attribution: input.attribution }, host.openPdfPrinter);
    const file = await chooseSaveFile(output.fileName);
    const summary = { fileName: output.fileName, byteLength: output.bytes.byteLength, pageCount: output.pageCount };
    if (!file) return { saved: false, ...summary };
    // The save dialog has already asked before replacing an existing file.
    writeFileAtomic(file, output.bytes, { force: true });
    return { saved: true, ...summary, fileName: path.basename(file) };
  },
  'exports.cancel': (_context, input) => ({ cancelled: cancelExport(input.exportId) }),
};
