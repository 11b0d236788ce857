import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { graphVersionOf, type GraphVersion } from './http/base-url.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Scheme and host links are built from (PUBLIC_BASE_URL or the request's own); set in onRequest. */
    origin: string;
  }
}

/** What a handler needs to know about the Graph call it serves: version, base URL, query. */
export interface GraphCall {
  readonly version: GraphVersion;
  /** `{origin}/{version}`: the root of `@odata.context`, `Location` and next links. */
  readonly baseUrl: string;
  /** Absolute URL of this request without its query string (base of `@odata.nextLink`). */
  readonly requestUrl: string;
  /** Fastify's parsed query string. */
  readonly query: Record<string, unknown>;
}

export function graphCallOf(request: FastifyRequest): GraphCall {
  const version = graphVersionOf(request.url);
  const path = request.url.split('?')[0];
  return {
    version,
    baseUrl: `${request.origin}/${version}`,
    requestUrl: `${request.origin}${path}`,
    query: (request.query ?? {}) as Record<string, unknown>,
  };
}

/** Handler parameter: `@Call() call: GraphCall`. */
export const Call = createParamDecorator((_: unknown, ctx: ExecutionContext): GraphCall => graphCallOf(ctx.switchToHttp().getRequest<FastifyRequest>()));

/** `{base}/$metadata#{fragment}`: the `@odata.context` value (graph-spec §4.4). */
export function metadataContext(call: GraphCall, fragment: string): string {
  return `${call.baseUrl}/$metadata#${fragment}`;
}
