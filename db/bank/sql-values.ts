// Values as the two dialects take and give them, shared by the bank repositories.

/** Rows per multi-row statement: well under both dialects' parameter limits. */
export const CHUNK = 400;

export const nowIso = () => new Date().toISOString();

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Driver values as text: strings as they are, numbers and bigints written out. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}
export const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Bank timestamps without an offset are taken as UTC, so no session time zone can shift them. */
export function instant(timestamp: string): string {
  return /(Z|[+-]\d\d:?\d\d)$/.test(timestamp) ? timestamp : `${timestamp}Z`;
}
