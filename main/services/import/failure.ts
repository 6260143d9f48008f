// Every import failure is the same closed error code with a sentence naming the file,
// so the CLI, the dialog and the batch report all say the same thing.
import { AppError } from '../../../common/api/errors.ts';

/** The name a message should use: the file name without directories, or a stand-in for pasted content. */
export function displayName(fileName: string | null): string {
  if (fileName === null) return 'The pasted content';
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.length > 0 ? base : fileName;
}

/** An IMPORT_FAILED error whose detail is "<name> <reason>." */
export function importFailed(fileName: string | null, reason: string): AppError {
  const sentence = `${displayName(fileName)} ${reason}`;
  return new AppError('IMPORT_FAILED', /[.!?]$/.test(sentence) ? sentence : `${sentence}.`);
}
