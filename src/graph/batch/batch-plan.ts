import { GraphErrors } from '../errors/graph.exception.js';
import type { GraphVersion } from '../http/base-url.js';
import { pathSegments } from '../http/canonical-url.js';
import type { BatchRequestDto } from './batch.dto.js';

/** One validated inner request, ready to dispatch. */
export interface PlannedRequest {
  /** The id as the client wrote it (responses echo it). */
  readonly id: string;
  readonly method: string;
  /** Absolute path with the version prefix and query: `/v1.0/users?$top=1`. */
  readonly url: string;
  /** The client's headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent on the wire, or undefined for none. */
  readonly payload?: string | Buffer;
  /** Indexes of the (earlier) requests this one waits for. */
  readonly dependsOn: readonly number[];
}

const VERSION_PREFIX = /^\/(v1\.0|beta)(\/|\?|$)/i;
const VERSION_SEGMENT = /^(v1\.0|beta)$/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The batch-level rules of graph-spec §4.9 / DECISIONS §11 that the DTO cannot state alone: ids
 * unique case-insensitively, `dependsOn` naming earlier requests, `Content-Type` with a body,
 * relative urls of this service, no nested `$batch`. Any breach is `400` for the whole batch, before
 * anything runs. The DTO has already checked types, methods and the 1-20 count.
 */
export function planBatch(batch: BatchRequestDto, version: GraphVersion): PlannedRequest[] {
  const indexById = new Map<string, number>();
  return batch.requests.map((item, index) => {
    const key = item.id.toLowerCase();
    if (indexById.has(key)) throw invalid(`the request id '${item.id}' is used more than once (ids are compared case-insensitively)`);
    const dependsOn = (item.dependsOn ?? []).map((dep) => {
      const at = indexById.get(dep.toLowerCase());
      if (at === undefined) throw invalid(`request '${item.id}' depends on '${dep}', which is not an earlier request of the batch`);
      return at;
    });
    indexById.set(key, index);
    const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    if (item.body !== undefined && !headers['content-type']) {
      throw invalid(`request '${item.id}' has a body, so its headers must include Content-Type`);
    }
    return {
      id: item.id,
      method: item.method,
      url: innerUrl(item.id, item.url, version),
      headers,
      payload: payloadOf(item.body, headers['content-type']),
      dependsOn: [...new Set(dependsOn)],
    };
  });
}

/** `/users`, `users` or `/v1.0/users` → `/v1.0/users`; absolute URLs and nested batches are refused. */
function innerUrl(id: string, url: string, version: GraphVersion): string {
  if (HAS_SCHEME.test(url) || url.startsWith('//') || url.includes('\\')) {
    throw invalid(`the url of request '${id}' must be relative to the service version, such as /users`);
  }
  // A direct request line cannot carry these either (Node refuses it); the URL parser would drop them silently.
  if (CONTROL.test(url)) throw invalid(`the url of request '${id}' contains control characters`);
  const path = url.startsWith('/') ? url : `/${url}`;
  const full = VERSION_PREFIX.test(path) ? path : `/${version}${path}`;
  const fullPath = full.split(/[?#]/)[0];
  if (fullPath.split('/').some((segment) => decoded(segment).toLowerCase() === '$batch')) {
    throw invalid(`request '${id}' is a $batch request; batches cannot be nested`);
  }
  // The router resolves dot segments (canonical-url.ts): `/../health` would reach a route outside Graph's.
  if (!VERSION_SEGMENT.test(pathSegments(fullPath)[0] ?? '')) {
    throw invalid(`the url of request '${id}' leaves the service version with '..' segments`);
  }
  return full;
}

/** JSON bodies as JSON; a string body under another content type is base64 (json-batching.md). */
function payloadOf(body: unknown, contentType: string | undefined): string | Buffer | undefined {
  if (body === undefined) return undefined;
  const json = /^application\/(.+\+)?json\b/i.test(contentType ?? '');
  if (typeof body === 'string' && !json) return Buffer.from(body, 'base64');
  return JSON.stringify(body);
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function invalid(reason: string) {
  return GraphErrors.badRequest(`Invalid batch payload: ${reason}.`);
}
