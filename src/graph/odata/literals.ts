import type { ODataPropertyType } from './odata.types.js';

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** Edm names, for messages in ODataLib's words. */
export const EDM_TYPE: Record<ODataPropertyType | 'null', string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  int: 'Edm.Int32',
  datetime: 'Edm.DateTimeOffset',
  guid: 'Edm.Guid',
  null: 'null',
};

export function isGuid(s: string): boolean {
  return GUID_PATTERN.test(s);
}

/**
 * A full ISO 8601 date-time with a zone, and a real calendar date: Postgres would reject
 * `2024-02-30T00:00:00Z` with an error, which must be our 400 and not its 500.
 */
export function isDateTime(s: string): boolean {
  const m = DATETIME_PATTERN.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0));
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > daysInMonth) return false;
  if (m[7].toUpperCase() !== 'Z' && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return true;
}

/** Canonical spelling sent to Postgres and hashed into skiptokens. */
export function normalizeDateTime(s: string): string {
  return s.toUpperCase();
}

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

/** Postgres text cannot hold NUL; letting one through would be a 500. */
export function hasNul(s: string): boolean {
  return s.includes('\u0000');
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
