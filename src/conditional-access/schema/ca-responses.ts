import { GraphException } from '../../graph/errors/graph.exception.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { buildCollectionPage, contextSuffix, projectSelect, type ODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';

type Body = Record<string, unknown>;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 404 for a CA object that does not exist or is not the caller's (graph-spec-ca-root §1.5: ResourceNotFound). */
export function caNotFound(type: string, id: string): GraphException {
  return new GraphException(404, 'ResourceNotFound', `The ${type} '${id}' was not found.`);
}

/** Ids in URLs are GUIDs; anything else cannot exist, and must never reach a uuid column (that would be a 500). */
export function requireGuid(type: string, id: string): string {
  if (!GUID.test(id)) throw caNotFound(type, id);
  return id.toLowerCase();
}

/**
 * A collection body: `@odata.context` for the path called (aliases keep their own), `@odata.count` when asked,
 * the `$skip` nextLink, each item projected by `$select`.
 */
export function collectionBody<R>(
  call: GraphCall,
  path: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
  rows: R[],
  count: number | undefined,
  render: (row: R) => Body,
): Body {
  const page = buildCollectionPage(rows, query, spec, call.requestUrl, call.query, () => ({}));
  return {
    '@odata.context': metadataContext(call, `${path}${contextSuffix(query.select)}`),
    ...(count !== undefined ? { '@odata.count': count } : {}),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    value: page.value.map((r) => projectSelect(render(r), query.select)),
  };
}

export function entityBody(call: GraphCall, path: string, entity: Body, select?: string[]): Body {
  return { '@odata.context': metadataContext(call, `${path}${contextSuffix(select)}/$entity`), ...projectSelect(entity, select) };
}

export function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString().replace('.000Z', 'Z');
}

/** TypeORM's postgres `query()` answers an UPDATE/DELETE … RETURNING with `[rows, affected]`, a SELECT/INSERT with rows. */
export function returnedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}
