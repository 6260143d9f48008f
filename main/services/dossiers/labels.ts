// Words and dates as every export format prints them.
import {
  CREDIBILITY_GRADES,
  RELIABILITY_GRADES,
  type AnchorStatus,
  type AnnotationKind,
  type Credibility,
  type Reliability,
} from '../../../common/api/methods/annotations.ts';
import { SOURCE_TYPES, type SourceType } from '../../../common/api/methods/entities.ts';

export const KIND_LABELS: Record<AnnotationKind, string> = { claim: 'Claim', actor: 'Actor', source: 'Source', highlight: 'Highlight' };

export const ANCHOR_LABELS: Record<AnchorStatus, string> = {
  exact: 'exact',
  moved: 'position moved after a text edit',
  fuzzy: 'found approximately after a text edit',
  orphan: 'not found in the current text',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "22 November 2026" for a date, with the time in UTC for a datetime. Written out by
 * hand: the same words on every machine whatever its locale, and no time-zone shift of
 * a bare date.
 */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  if (!withTime || iso.length <= 10) return day;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

export function reliabilityText(grade: Reliability | null | undefined): string {
  return grade ? `${grade} – ${RELIABILITY_GRADES[grade]}` : '';
}

export function credibilityText(grade: Credibility | null | undefined): string {
  return grade ? `${grade} – ${CREDIBILITY_GRADES[grade]}` : '';
}

export function sourceTypeText(type: SourceType | null | undefined): string {
  return type ? SOURCE_TYPES[type] : '';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
