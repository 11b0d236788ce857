import { GraphException } from '../../graph/errors/graph.exception.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

/** 404 for a CA object that does not exist or is not the caller's (graph-spec-ca-root §1.5: ResourceNotFound). */
export function caNotFound(type: string, id: string): GraphException {
  return new GraphException(404, 'ResourceNotFound', `The ${type} '${id}' was not found.`);
}

/** Ids in URLs are GUIDs; anything else cannot exist, and must never reach a uuid column (that would be a 500). */
export function requireGuid(type: string, id: string): string {
  if (!GUID.test(id)) throw caNotFound(type, id);
  return id.toLowerCase();
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
