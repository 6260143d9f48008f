// Dates and numbers as a reader expects them. Intl formatters are costly to make
// (0.2-0.7 ms each: `toLocaleDateString(undefined, options)` builds one per call, and a
// list of 500 rows did it 500 times per render), so each is made once and kept.

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The shared Intl.DateTimeFormat for these options (and locale; the user's by default). */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions = {}, locale?: string): Intl.DateTimeFormat {
  const key = JSON.stringify([locale ?? null, options]);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** The shared Intl.NumberFormat for these options (and locale; the user's by default). */
export function numberFormat(options: Intl.NumberFormatOptions = {}, locale?: string): Intl.NumberFormat {
  const key = JSON.stringify([locale ?? null, options]);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;
// A bare date (2026-11-22) names a calendar day: shown as is, in UTC. A datetime is shown
// on the reader's own calendar.
const UTC_DAY = dateTimeFormat({ ...DAY, timeZone: 'UTC' });
const LOCAL_DAY = dateTimeFormat(DAY);

/** A date or datetime (ISO 8601) as a reader expects it, e.g. "22 Nov 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (iso.length <= 10 ? UTC_DAY : LOCAL_DAY).format(date);
}

const COUNT = numberFormat();

/** A count with the reader's digit grouping, e.g. "100,000". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
