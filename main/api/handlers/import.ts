import type { importMethods } from '../../../common/api/methods/import.ts';
import { cancelImportJob, importFromUrl, importPasted, importUploadedFiles } from '../../services/import/jobs.ts';
import { sharedPool } from '../../services/import/importer.ts';
import type { HandlersFor } from './types.ts';

export const importHandlers: HandlersFor<typeof importMethods> = {
  'import.files': ({ library, host }, input) => importUploadedFiles(library, input.files, sharedPool(host.conversionWorker), input.jobId),
  'import.paste': ({ library, host }, input) => importPasted(library, input.content, input.format, sharedPool(host.conversionWorker)),
  'import.url': ({ library, host }, input) => importFromUrl(library, input.url, sharedPool(host.conversionWorker), host.fetch ? { fetchImpl: host.fetch } : {}),
  'import.cancel': (_context, input) => ({ cancelled: cancelImportJob(input.jobId) }),
};
