// SQLite failures mapped to the API's closed error codes. Anything unrecognised stays
// an internal error: its message never reaches the user.
import { AppError, type ErrorCode } from '../../common/api/errors.ts';

const SQLITE_CODES: Record<string, ErrorCode> = {
  SQLITE_NOTADB: 'NOT_A_LIBRARY',
  SQLITE_CORRUPT: 'LIBRARY_CORRUPT',
  SQLITE_CORRUPT_VTAB: 'LIBRARY_CORRUPT',
  SQLITE_CORRUPT_INDEX: 'LIBRARY_CORRUPT',
  SQLITE_BUSY: 'LIBRARY_LOCKED',
  SQLITE_LOCKED: 'LIBRARY_LOCKED',
  SQLITE_READONLY: 'LIBRARY_READ_ONLY',
  SQLITE_READONLY_DIRECTORY: 'LIBRARY_READ_ONLY',
  SQLITE_READONLY_DBMOVED: 'LIBRARY_READ_ONLY',
  SQLITE_CANTOPEN: 'LIBRARY_READ_ONLY',
  SQLITE_FULL: 'DISK_FULL',
  SQLITE_IOERR_WRITE: 'DISK_FULL',
};

/** Returns the AppError a SQLite error stands for, or null when it is not one we know. */
export function appErrorFromSqlite(error: unknown, detail?: string): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const mapped = SQLITE_CODES[code] ?? (code.startsWith('SQLITE_CORRUPT') ? 'LIBRARY_CORRUPT' : undefined);
  return mapped ? new AppError(mapped, detail) : null;
}
