// Statement dates to 'YYYY-MM-DD'. UK banks write day first; a file whose
// dates only make sense month first (a 13th month) is read month first, and
// the statement says so in a warning rather than guessing row by row.
import type { Parsed } from './amounts.js';

export type DayOrder = 'dmy' | 'mdy';

/** The date formats a saved column mapping may name. Separators and leading zeros are not strict. */
export const DATE_FORMATS = [
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'YYYY-MM-DD',
  'DD/MM/YY',
  'MM/DD/YY',
  'D MMM YYYY',
  'MMM D YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export function formatDayOrder(format: DateFormat): DayOrder {
  return format.startsWith('MM') || format.startsWith('MMM') ? 'mdy' : 'dmy';
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/;
// A time after the date ("05/01/2024 14:32", "…T10:00:00Z") says nothing about the day.
const TIME = /[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[AP]M|[+-]\d{2}:?\d{2})?$/i;
const SEPARATORS = /[\s/.\-,']+/;

export function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function year(token: string): number | undefined {
  if (/^\d{4}$/.test(token)) return Number(token);
  // Two digits: 00-69 are this century (QIF's 1/ 2'24, DD/MM/YY exports), 70-99 the last.
  if (/^\d{2}$/.test(token)) return Number(token) + (Number(token) < 70 ? 2000 : 1900);
  return undefined;
}

/** Reads one date: ISO always; otherwise three parts in `order` (a month name may stand anywhere). */
export function parseDate(text: string, order: DayOrder = 'dmy'): Parsed<string> {
  const trimmed = text.trim();
  const bad = (why: string): Parsed<string> => ({ ok: false, reason: `the date ${JSON.stringify(trimmed)} ${why}` });
  if (!trimmed) return { ok: false, reason: 'the date is missing' };
  const iso = ISO.exec(trimmed);
  if (iso) {
    const value = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return value ? { ok: true, value } : bad('does not exist');
  }
  const parts = trimmed.replace(TIME, '').split(SEPARATORS).filter(Boolean);
  if (parts.length !== 3) return bad('cannot be read');
  const named = parts.findIndex((p) => /^[a-z]+$/i.test(p));
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  if (named >= 0) {
    m = MONTHS[parts[named]?.toLowerCase() ?? ''];
    const rest = parts.filter((_, i) => i !== named);
    if (!rest.every((p) => /^\d{1,4}$/.test(p))) return bad('cannot be read');
    // "5 Jan 2024", "Jan 5 2024", "2024 Jan 5": the four-digit part is the year.
    const [first = '', second = ''] = rest;
    [d, y] = first.length === 4 ? [Number(second), year(first)] : [Number(first), year(second)];
  } else {
    if (!parts.every((p) => /^\d{1,4}$/.test(p))) return bad('cannot be read');
    const [a = '', b = '', c = ''] = parts;
    if (a.length === 4) [y, m, d] = [Number(a), Number(b), Number(c)];
    else if (order === 'dmy') [d, m, y] = [Number(a), Number(b), year(c)];
    else [m, d, y] = [Number(a), Number(b), year(c)];
  }
  if (m === undefined || y === undefined) return bad('cannot be read');
  const value = isoDate(y, m, d);
  if (value) return { ok: true, value };
  return m > 12 && order === 'dmy' && named < 0
    ? bad('does not exist (read day first, as UK banks write dates)')
    : bad('does not exist');
}

export interface InferredOrder {
  order: DayOrder;
  warning?: string;
}

/**
 * Day first unless some dates only exist month first and all of them do then
 * (a US export). A mix stays day first and the odd dates become unreadable rows.
 */
export function inferDayOrder(texts: readonly string[], preferred: DayOrder = 'dmy'): InferredOrder {
  const example = texts.find((t) => t.trim() && !parseDate(t, preferred).ok);
  if (example === undefined) return { order: preferred };
  const other: DayOrder = preferred === 'dmy' ? 'mdy' : 'dmy';
  if (texts.every((t) => !t.trim() || parseDate(t, other).ok)) {
    const how = other === 'mdy' ? 'month first (MM/DD/YYYY)' : 'day first (DD/MM/YYYY)';
    return {
      order: other,
      warning: `Dates were read ${how} because ${JSON.stringify(example.trim())} cannot be read the other way.`,
    };
  }
  return { order: preferred };
}
