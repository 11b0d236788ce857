import { metadataContext, type GraphCall } from '../graph/graph-call.js';
import type { UserRef } from '../users/user-ref.js';

/**
 * `users('{key}')/authentication`, with the key as the URL gave it (URL-encoded, `%40` for `@`) and
 * the caller's object id for `/me` (graph-spec §2.4).
 */
export function authenticationPath(ref: UserRef): string {
  return `users('${encodeURIComponent(ref.key).replace(/'/g, "''")}')/authentication`;
}

/** `@odata.context` for something under the user's `authentication`: `rest` like `/phoneMethods`. */
export function authenticationContext(call: GraphCall, ref: UserRef, rest = ''): string {
  return metadataContext(call, `${authenticationPath(ref)}${rest}`);
}

/** Canonical URL of something under the user's `authentication`, by object id (graph-spec §4.7). */
export function authenticationUrl(call: GraphCall, userId: string, rest = ''): string {
  return `${call.baseUrl}/${authenticationRelative(userId, rest)}`;
}

export function authenticationRelative(userId: string, rest = ''): string {
  return `users/${userId}/authentication${rest}`;
}
