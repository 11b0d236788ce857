import { createHash } from 'node:crypto';
import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { hasNul, isDateTime, isGuid, isInt32, normalizeDateTime } from './literals.js';
import type { KeysetValue, ODataPropertySpec, ODataQuery, ODataResourceSpec, OrderByItem, SkipToken } from './odata.types.js';

/** Bump when the token layout changes, so old tokens fail cleanly. */
const TOKEN_VERSION = 1;
const MAX_TOKEN_LENGTH = 8192;

/** The query parts a token is bound to. */
export type TokenQuery = Pick<ODataQuery, 'filter' | 'orderby' | 'select' | 'documentFilter'>;

/** The total order a page is read in: the `$orderby` items, then the key (ascending) unless already there. */
export function keysetColumns(spec: ODataResourceSpec, orderby: OrderByItem[]): OrderByItem[] {
  return orderby.some((o) => o.property === spec.key) ? orderby : [...orderby, { property: spec.key, direction: 'asc' }];
}

/**
 * base64url(JSON `{ v: values, h: hash }`). The hash covers the resource, the normalized
 * filter/orderby/select and the values: a token replayed with another query, or edited, fails the check.
 * It is not a secret-keyed MAC: the values are re-validated and only ever bound as parameters,
 * and the caller's own WHERE (tenant) always applies, so a forged token can only move the cursor.
 */
export function encodeSkipToken(spec: ODataResourceSpec, query: TokenQuery, values: KeysetValue[]): string {
  const json = JSON.stringify({ v: values, h: digest(spec, query, values) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes and strictly validates a `$skiptoken`; anything wrong is a 400, never a 500. */
export function decodeSkipToken(token: string, spec: ODataResourceSpec, query: TokenQuery): SkipToken {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalidToken();
  const bytes = Buffer.from(token, 'base64url');
  // Only the canonical spelling: stray trailing bits would otherwise make two tokens decode alike.
  if (bytes.toString('base64url') !== token) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!isPlainObject(parsed) || Object.keys(parsed).length !== 2) throw invalidToken();
  const { v, h } = parsed;
  const columns = keysetColumns(spec, query.orderby);
  if (!Array.isArray(v) || v.length !== columns.length || typeof h !== 'string') throw invalidToken();
  columns.forEach((c, i) => {
    const prop = spec.properties[c.property];
    if (!isValidKeysetValue(v[i], prop, c.property === spec.key)) throw invalidToken();
  });
  const values = v as KeysetValue[];
  if (h !== digest(spec, query, values)) throw invalidToken();
  return { values };
}

/**
 * Converts a row's value of a keyset column to its token form (Date → ISO string, GUID lower-cased).
 * A bad value here is a bug in the resource's `toKeyValues`, so it is a plain Error (500).
 */
export function toKeysetValue(spec: ODataResourceSpec, property: string, raw: unknown): KeysetValue {
  const prop = spec.properties[property];
  let value: unknown = raw === undefined ? null : raw;
  if (prop.type === 'datetime' && value instanceof Date) value = value.toISOString();
  else if (prop.type === 'datetime' && typeof value === 'string') value = normalizeDateTime(value);
  else if (prop.type === 'guid' && typeof value === 'string') value = value.toLowerCase();
  if (!isValidKeysetValue(value, prop, property === spec.key)) {
    throw new Error(`OData paging: invalid value for keyset property '${property}' of '${spec.resource}'`);
  }
  return value as KeysetValue;
}

export function invalidToken(): GraphException {
  return GraphErrors.unsupportedQuery('The $skiptoken is invalid or does not belong to this query.');
}

function isValidKeysetValue(value: unknown, prop: ODataPropertySpec, isKey: boolean): boolean {
  if (value === null) return !isKey && prop.nullable === true;
  switch (prop.type) {
    case 'string':
      return typeof value === 'string' && !hasNul(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && isInt32(value);
    case 'datetime':
      return typeof value === 'string' && isDateTime(value) && value === normalizeDateTime(value);
    case 'guid':
      return typeof value === 'string' && isGuid(value) && value === value.toLowerCase();
  }
}

function digest(spec: ODataResourceSpec, query: TokenQuery, values: KeysetValue[]): string {
  const select = query.select ? [...query.select].sort() : null;
  const parts: unknown[] = [TOKEN_VERSION, spec.resource, query.filter ?? null, query.orderby, select, values];
  // Appended only when present, so the tokens of every other list keep their hash.
  if (query.documentFilter !== undefined) parts.push(query.documentFilter);
  const source = JSON.stringify(parts);
  return createHash('sha256').update(source).digest('base64url').slice(0, 22);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
