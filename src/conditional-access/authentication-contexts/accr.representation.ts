import type { GraphCall } from '../../graph/graph-call.js';
import type { AccrEntity } from './accr.entity.js';

/** The Graph path of the collection, below `{base}/`. */
export const ACCR_PATH = 'identity/conditionalAccess/authenticationContextClassReferences';

/** The Graph JSON of one context, in Graph's property order. */
export interface AccrJson extends Record<string, unknown> {
  id: string;
  displayName: string | null;
  description: string | null;
  isAvailable: boolean;
}

export function toGraph(e: Pick<AccrEntity, 'id' | 'displayName' | 'description' | 'isAvailable'>): AccrJson {
  return { id: e.id, displayName: e.displayName, description: e.description, isAvailable: e.isAvailable };
}

/** graph-spec §4.7: the canonical URL of the entity. */
export function entityLocation(call: GraphCall, id: string): string {
  return `${call.baseUrl}/${ACCR_PATH}/${id}`;
}
