import type { ODataQuery, ODataResourceSpec } from './odata.types.js';
import { isPagingOption } from './query-options.parser.js';
import { encodeSkipToken, keysetColumns, toKeysetValue } from './skiptoken.js';

export interface CollectionPage<T> {
  value: T[];
  /** Absolute `@odata.nextLink`; absent on the last page. */
  nextLink?: string;
}

/**
 * Turns the rows of a query built by applyODataQuery (up to pageSize + 1) into one page. The extra row
 * only signals that more exist. The nextLink repeats every original parameter as sent, except
 * `$skip`/`$skiptoken`, and continues with `$skiptoken` (or `$skip` when the resource pages by offset).
 * `toKeyValues` returns the row's values of the keyset properties (the `$orderby` ones and the key),
 * keyed by Graph name.
 */
export function buildCollectionPage<T>(
  rows: T[],
  query: ODataQuery,
  spec: ODataResourceSpec,
  nextLinkBase: string,
  originalQuery: Record<string, unknown>,
  toKeyValues: (row: T) => Record<string, unknown>,
): CollectionPage<T> {
  if (rows.length <= query.pageSize) return { value: rows };
  const value = rows.slice(0, query.pageSize);
  let next: [string, string];
  if (spec.options.skiptoken) {
    const last = toKeyValues(value[value.length - 1]);
    const values = keysetColumns(spec, query.orderby).map((c) => toKeysetValue(spec, c.property, last[c.property]));
    next = ['$skiptoken', encodeSkipToken(spec, query, values)];
  } else if (spec.options.skip) {
    next = ['$skip', String((query.skip ?? 0) + query.pageSize)];
  } else {
    // No paging option enabled: the resource's set is bounded by the page size; nothing more to link to.
    return { value };
  }
  const params: [string, string][] = [];
  for (const [name, raw] of Object.entries(originalQuery)) {
    if (isPagingOption(name) || raw === undefined) continue;
    for (const v of Array.isArray(raw) ? raw : [raw]) params.push([name, String(v)]);
  }
  params.push(next);
  const search = params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return { value, nextLink: `${nextLinkBase.split('?')[0]}?${search}` };
}

/**
 * `$select` projection: the selected properties plus `alwaysInclude` (Graph returns `id` anyway) and any
 * `@odata.*` annotation (e.g. `@odata.type` in polymorphic collections). Without `$select`, the entity as is.
 */
export function projectSelect<E extends Record<string, unknown>>(entity: E, select?: string[], alwaysInclude: readonly string[] = ['id']): Partial<E> {
  return select ? pickSelected(entity, selectedKeys(select, alwaysInclude)) : entity;
}

/** What `$select` keeps, built once per request so a list projects its rows without a set each. */
export function selectedKeys(select: readonly string[], alwaysInclude: readonly string[] = ['id']): ReadonlySet<string> {
  return new Set([...select, ...alwaysInclude]);
}

/** The entity's properties in `keep`, and its annotations, in the entity's own order. */
export function pickSelected<E extends Record<string, unknown>>(entity: E, keep: ReadonlySet<string>): Partial<E> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(entity)) if (keep.has(k) || k.startsWith('@')) out[k] = entity[k];
  return out as Partial<E>;
}

/** The `@odata.context` suffix for `$select`: `'(id,displayName)'`, or `''` without `$select`. */
export function contextSuffix(select?: string[]): string {
  return select && select.length > 0 ? `(${select.join(',')})` : '';
}

/** Percent-encodes, but leaves `$`, `,` and `:` readable as Graph's own nextLinks do (all legal in a query). */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}
