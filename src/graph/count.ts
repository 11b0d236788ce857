import { GraphErrors } from './errors/graph.exception.js';
import { GraphResult } from './graph-result.js';
import { parseODataQuery, type ODataQuery, type ODataResourceSpec } from './odata/index.js';

/**
 * `GET {collection}/$count` (graph-spec §4.4): the size of the collection as a plain-text integer.
 * Every collection route declares its count route with `countPath`, parses with `parseCountQuery`
 * and answers with `countResult`, so the segment is never taken for an item key.
 */
export const COUNT_SEGMENT = '$count';

/** `users` → `users/$count`; arrays (the `/me` and `/users/:user` forms) map element-wise. */
export function countPath(path: string): string;
export function countPath(paths: string[]): string[];
export function countPath(paths: string | string[]): string | string[] {
  const one = (p: string) => `${p.replace(/\/+$/, '')}/${COUNT_SEGMENT}`;
  return Array.isArray(paths) ? paths.map(one) : one(paths);
}

/** Graph answers `/$count` with `text/plain`, not JSON. */
export function countResult(count: number): GraphResult<string> {
  return new GraphResult(200, String(count), { 'Content-Type': 'text/plain; charset=utf-8' });
}

/**
 * The query options `/$count` accepts: `$filter` where the collection has it, nothing else (a `$top`
 * or `$select` on a count is a 400, as any unknown option). `count` is always true.
 */
export function parseCountQuery(query: Record<string, unknown>, spec: ODataResourceSpec): ODataQuery {
  const parsed = parseODataQuery(query, { ...spec, options: { filter: spec.options.filter } });
  return { ...parsed, count: true };
}

/**
 * Directory objects (users) count only with `ConsistencyLevel: eventual` (graph-spec §4.6); Graph's
 * answer without it, as observed in 2025.
 */
export function requireEventualForRawCount(consistencyLevel: string | undefined): void {
  if (consistencyLevel?.trim().toLowerCase() !== 'eventual') {
    throw GraphErrors.unsupportedQuery(
      "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    );
  }
}
