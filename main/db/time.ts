// The one clock for times the library stores (created_at, updated_at, change sets): ISO
// 8601 in UTC with milliseconds, so stored times sort as text and compare across devices.
export function nowIso(): string {
  return new Date().toISOString();
}
