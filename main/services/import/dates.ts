// Publication dates as pages and documents write them, normalized to ISO 8601: a
// date ("2025-11-20") when only the day is known, a UTC datetime ("2025-11-20T05:30:00Z")
// when the time and its zone are, and null when the value cannot be read with confidence.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isoDate(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

function utcDateTime(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const NUMERIC = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// "November 20, 2025", "Nov. 20 2025", "Thursday, November 20, 2025 10:30 AM"
const MONTH_FIRST = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
// "20 November 2025", "20 Nov. 2025", "Thu, 20 Nov 2025 10:30:00 GMT"
const DAY_FIRST = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i;
const HAS_TIME_AND_ZONE = /\d{1,2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC|Z|[+-]\d{4})\s*$/i;

function monthNumber(name: string): number | null {
  const key = name.toLowerCase();
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const index = full.indexOf(key);
  if (index !== -1) return index + 1;
  return MONTHS[key] ?? null;
}

export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim().replace(/\s+/g, ' ');
  if (s.length === 0 || s.length > 80) return null;

  const iso = ISO.exec(s);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    const date = isoDate(Number(y), Number(m), Number(d));
    if (!date || hh === undefined) return date;
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return date;
    const time = `${hh}:${mm}:${ss ?? '00'}`;
    if (!zone) return `${date}T${time}`;
    const z = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return utcDateTime(Date.parse(`${date}T${time}${z}`));
  }

  const numeric = NUMERIC.exec(s) ?? COMPACT.exec(s);
  if (numeric) return isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));

  const monthFirst = MONTH_FIRST.exec(s);
  const dayFirst = monthFirst ? null : DAY_FIRST.exec(s);
  const parts = monthFirst
    ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! }
    : dayFirst
      ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! }
      : null;
  if (!parts) return null;
  const month = monthNumber(parts.month);
  if (month === null) return null;
  const date = isoDate(Number(parts.year), month, Number(parts.day));
  // An RFC 2822 stamp ("Thu, 20 Nov 2025 10:30:00 GMT") names its zone, so its time can be kept.
  if (date && HAS_TIME_AND_ZONE.test(s)) return utcDateTime(Date.parse(s)) ?? date;
  return date;
}
