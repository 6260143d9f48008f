import type { dossierMethods } from '../../../common/api/methods/dossiers.ts';
import * as dossiers from '../../services/dossiers/service.ts';
import { cancelExport, renderExport } from '../../services/dossiers/exports.ts';
import type { HandlersFor } from './types.ts';

export const dossierHandlers: HandlersFor<typeof dossierMethods> = {
  'dossiers.list': ({ library }) => dossiers.listDossiers(library),
  'dossiers.get': ({ library }, input) => dossiers.getDossier(library, input.id),
  'dossiers.create': ({ library }, input) => dossiers.createDossier(library, input),
  'dossiers.update': ({ library }, input) => dossiers.updateDossier(library, input),
  'dossiers.setItems': ({ library }, input) => dossiers.setDossierItems(library, input.id, input.items),
  'dossiers.addItems': ({ library }, input) => dossiers.addDossierItems(library, input),
  'dossiers.delete': ({ library }, input) => dossiers.deleteDossier(library, input.id),
  'exports.render': async ({ library }, input) => {
    const output = await renderExport(library, { source: input.source, format: input.format, exportId: input.exportId });
    return {
      fileName: output.fileName,
      mimeType: output.mimeType,
      base64: Buffer.from(output.bytes.buffer, output.bytes.byteOffset, output.bytes.byteLength).toString('base64'),
      byteLength: output.bytes.byteLength,
      pageCount: output.pageCount,
    };
  },
  'exports.cancel': (_context, input) => ({ cancelled: cancelExport(input.exportId) }),
};
