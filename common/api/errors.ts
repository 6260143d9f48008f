// The closed set of error codes that cross the API, each with a fixed safe message.
// A service may add a `detail` it wrote itself (naming a file, a field, a reason);
// nothing from an exception's own message or stack ever crosses the boundary.

export const errorMessages = {
  UNKNOWN_METHOD: 'That request is not part of the Casefile API.',
  INVALID_INPUT: 'The request was not valid.',
  UNAUTHORIZED: 'This request was refused: it did not come from the Casefile app.',
  NOT_FOUND: 'That item does not exist in this library.',
  CONFLICT: 'That change conflicts with what is already in the library.',
  LIBRARY_NOT_FOUND: 'There is no library at that path.',
  NOT_A_LIBRARY: 'That file is not a Casefile library.',
  LIBRARY_CORRUPT: 'That library is damaged and cannot be opened. It was left untouched; open a backup instead.',
  LIBRARY_TOO_NEW: 'That library was written by a newer version of Casefile. It was left untouched; update Casefile to open it.',
  LIBRARY_LOCKED: 'That library is in use by another program. Close it there and try again.',
  LIBRARY_READ_ONLY: 'That library cannot be written to (read-only file or folder).',
  DISK_FULL: 'The disk is full. Nothing was changed; free some space and try again.',
  TEAM_NOT_JOINED: 'This library is not part of a team library. Join one with "casefile team join URL".',
  TEAM_UNREACHABLE: 'The team server could not be reached. Your changes are kept in this library and sync when it can be reached.',
  TEAM_LOGIN_FAILED: 'The team server did not accept that login (name or password).',
  TEAM_INSECURE: 'That team server is not on this computer, so Casefile connects to it only over TLS with a verified certificate.',
  TEAM_SERVER_TOO_NEW: 'The team server was set up by a newer version of Casefile. Update Casefile to sync with it.',
  TEAM_REFUSED: 'The team server refused that: your role in this team library does not allow it.',
  TEAM_BAD_EVIDENCE: 'An evidence file from the team server did not match its SHA-256 fingerprint. Nothing was changed.',
  EVIDENCE_CORRUPT: 'An original file stored in this library no longer matches its SHA-256 fingerprint, so it was not used. Restore the library from a backup.',
  IMPORT_FAILED: 'That file could not be imported.',
  EXPORT_FAILED: 'The export could not be written.',
  QUOTE_NOT_FOUND: 'That quote is not in the article.',
  QUOTE_AMBIGUOUS: 'That quote occurs more than once in the article.',
  SEARCH_SYNTAX: 'That search could not be understood.',
  CANCELLED: 'The operation was cancelled.',
  HISTORY_CONFLICT: 'That step cannot be undone: what it changed has been changed since. Nothing was changed.',
  INTERNAL: 'Something went wrong inside Casefile. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export interface FieldIssue {
  /** Dotted path of the input field, e.g. "id" or "quote.exact". */
  field: string;
  reason: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** A sentence written by Casefile itself that names the file, field or reason. */
  detail?: string;
  issues?: FieldIssue[];
}

/** Thrown by services for failures the user should hear about; dispatch turns it into an ApiError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, detail?: string, issues?: FieldIssue[]) {
    super(detail ? `${errorMessages[code]} ${detail}` : errorMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.issues = issues;
  }

  toApiError(): ApiError {
    return apiError(this.code, this.detail, this.issues);
  }
}

export function apiError(code: ErrorCode, detail?: string, issues?: FieldIssue[]): ApiError {
  const error: ApiError = { code, message: errorMessages[code] };
  if (detail) error.detail = detail;
  if (issues && issues.length > 0) error.issues = issues;
  return error;
}

/** One line for a terminal or a toast: the fixed message, then the detail when there is one. */
export function describeError(error: ApiError): string {
  const parts = [error.detail ?? error.message];
  if (error.issues?.length) parts.push(error.issues.map((i) => `${i.field}: ${i.reason}`).join('; '));
  return parts.join(' ');
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorMessages, value);
}
