/** A date or datetime (ISO 8601) as a reader expects it, e.g. "22 Nov 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: iso.length <= 10 ? 'UTC' : undefined });
}
