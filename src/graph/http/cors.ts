import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';

/** What a browser may send: the headers Graph's clients and SDKs set (a preflight asks for them). */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Accept-Language',
  'ConsistencyLevel',
  'client-request-id',
  'return-client-request-id',
  'Prefer',
  'If-Match',
  'If-None-Match',
  'OData-Version',
  'OData-MaxVersion',
  'SdkVersion',
].join(', ');
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
/** Response headers a page may read (the rest are hidden by the browser). */
const EXPOSED_HEADERS = [
  'request-id',
  'client-request-id',
  'Location',
  'Retry-After',
  'ETag',
  'Preference-Applied',
  'OData-Version',
  'WWW-Authenticate',
  'Content-Range',
].join(', ');
const PREFLIGHT_MAX_AGE_SECONDS = '3600';

/**
 * CORS for single-page apps calling the API from a page (CORS_ORIGINS). Bearer tokens, no cookies,
 * so no credentials mode: as Graph, any origin by default. A preflight (OPTIONS with
 * Access-Control-Request-Method) from an allowed origin is answered here, before authentication:
 * 204 and the allowed methods and headers. Not @fastify/cors: its catch-all OPTIONS route and its
 * plain-text 400 for other OPTIONS requests would replace Graph's 405 in the error envelope.
 */
export function installCors(fastify: FastifyInstance, config: AppConfig): void {
  const origins = config.corsOrigins;
  if (origins !== '*' && origins.length === 0) return;
  const allowed = origins === '*' ? () => true : (origin: string) => origins.includes(origin);
  fastify.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (origins !== '*') reply.header('vary', 'Origin');
    if (!origin || !allowed(origin)) return done();
    reply.header('access-control-allow-origin', origins === '*' ? '*' : origin);
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method']) return done();
    reply
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS)
      .code(204)
      .send();
  });
}
