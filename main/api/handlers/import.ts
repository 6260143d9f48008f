import type { importMethods } from '../../../common/api/methods/import.ts';
import { cancelImportJob, importFromUrl, importPasted, importUploadedFiles } from '../../services/import/jobs.ts';
import type { HandlersFor } from './types.ts';

export const importHandlers: HandlersFor<typeof importMethods> = {
  'import.files': ({ library }, input) => importUploadedFiles(library, input.files),
  'import.paste': ({ library }, input) => importPasted(library, input.content, input.format),
  'import.url': ({ library, host }, input) => importFromUrl(library, input.url, host.fetch ? { fetchImpl: host.fetch } : {}),
  'import.cancel': (_context, input) => ({ cancelled: cancelImportJob(input.jobId) }),
};
