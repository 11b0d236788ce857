import { metadataContext, type GraphCall } from '../graph-call.js';
import { buildCollectionPage, contextSuffix, pickSelected, projectSelect, selectedKeys } from '../odata/paging.js';
import type { ODataQuery, ODataResourceSpec } from '../odata/odata.types.js';

type Json = Record<string, unknown>;

/** A Graph collection response, its annotations in Graph's order (graph-spec §4.4). */
export type CollectionBody<T extends Json = Json> = {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Partial<T>[];
};

/** An entity response: `@odata.context` (`…/$entity`), then the (projected) entity. */
export type EntityBody<T extends Json = Json> = { '@odata.context': string } & Partial<T>;

/**
 * What a collection route hands `collectionBody`. `rows` are either stored rows with their `render`, or
 * items already in Graph JSON (no `render`).
 */
export type CollectionSource<R, T extends Json> = CollectionOptions<R> &
  (
    | {
        /** With `paging`, what the repository read: up to `pageSize + 1` rows (the extra one only says more exist). */
        rows: R[];
        /** One row as Graph JSON, in Graph's property order; `$select` is applied to what it returns. */
        render: (row: R) => T;
      }
    | { rows: T[]; render?: undefined }
  );

interface CollectionOptions<R> {
  /**
   * The `@odata.context` fragment of the collection as called, without `$select`: `users`,
   * `users('a%40b')/authentication/methods`. An alias route passes its own path.
   */
  context: string;
  /** The parsed query: its `$select` projects each item and names the context (`users(id,mail)`). */
  query?: ODataQuery;
  /** The spec `rows` were read with: trims the look-ahead row and writes `@odata.nextLink`. Absent: `rows` are all. */
  paging?: ODataResourceSpec;
  /** The keyset values of a row by Graph name, for `$skiptoken`; defaults to `render` (called on the last row only). */
  keyOf?: (row: R) => Json;
  /** `$count=true`'s answer; absent leaves `@odata.count` out. */
  count?: number;
}

/** `{base}/$metadata#users(id,mail)`: a collection's `@odata.context`, with the `$select` list. */
export function collectionContext(call: GraphCall, context: string, select?: string[]): string {
  return metadataContext(call, `${context}${contextSuffix(select)}`);
}

/** `{base}/$metadata#users(id,mail)/$entity`: one entity's `@odata.context`. */
export function entityContext(call: GraphCall, context: string, select?: string[]): string {
  return metadataContext(call, `${context}${contextSuffix(select)}/$entity`);
}

/**
 * The list envelope every collection route answers with: `@odata.context`, `@odata.count` when
 * asked, `@odata.nextLink` when `paging` says more exist, and `value`, each item projected by `$select`.
 */
export function collectionBody<R, T extends Json>(call: GraphCall, source: CollectionSource<R, T>): CollectionBody<T> {
  const { query, paging } = source;
  const render = (source.render ?? asIs) as (row: R) => T;
  const select = query?.select;
  let rows = source.rows as R[];
  let nextLink: string | undefined;
  if (paging && query) {
    ({ value: rows, nextLink } = buildCollectionPage(rows, query, paging, call.requestUrl, call.query, source.keyOf ?? render));
  }
  // Added in this order so the JSON keeps Graph's: context, count, nextLink, value.
  const body: Json = { '@odata.context': collectionContext(call, source.context, select) };
  if (source.count !== undefined) body['@odata.count'] = source.count;
  if (nextLink) body['@odata.nextLink'] = nextLink;
  const keep = select ? selectedKeys(select) : undefined;
  body.value = keep ? rows.map((r) => pickSelected(render(r), keep)) : rows.map((r) => render(r));
  return body as unknown as CollectionBody<T>;
}

const asIs = <T>(item: T): T => item;

/** One entity with its `@odata.context` (`…/$entity`, with the `$select` list), projected by `$select`. */
export function entityBody<T extends Json>(call: GraphCall, context: string, entity: T, select?: string[]): EntityBody<T> {
  return { '@odata.context': entityContext(call, context, select), ...projectSelect(entity, select) } as EntityBody<T>;
}
