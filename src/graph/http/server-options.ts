import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import { canonicalUrl } from './canonical-url.js';
import { graphClientErrorHandler } from './client-errors.js';
import { sendFrameworkError } from './framework-errors.js';
import type { LingeringClose } from './lingering-close.js';
import { generateRequestId } from './request-ids.js';
import type { RouteTable } from './route-table.js';

/** Path segments carry userPrincipalNames (up to 113 characters) and method ids; Fastify's default is 100. */
export const MAX_PARAM_LENGTH = 512;

/**
 * The HTTP-layer options of the Fastify instance: request ids, Graph errors for what Node or the
 * router refuse, canonical URLs (case-insensitive literals, no empty or dot segments) and the
 * slow-client bounds. `log` is read lazily: the logger exists only once Fastify does.
 */
export function httpServerOptions(config: AppConfig, routes: RouteTable, lingering: LingeringClose, log: () => FastifyBaseLogger) {
  const server: ServerOptions = {
    // Checked in request-guards.ts, so the 400 carries the envelope (Node's own has no body).
    requireHostHeader: false,
    headersTimeout: config.http.headersTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    // Node looks for timed-out requests every 30 s by default: too coarse for a 30 s headers bound.
    connectionsCheckingInterval: Math.min(1000, config.http.headersTimeoutMs),
  };
  return {
    genReqId: generateRequestId,
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: graphClientErrorHandler(lingering, log),
    rewriteUrl: (request: { url?: string }) => canonicalUrl(request.url ?? '/', routes),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, caseSensitive: false },
    // Fastify applies its own (default: none) after creating the server; keep ours.
    requestTimeout: config.http.requestTimeoutMs,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile), ...server } } : { http: server }),
  };
}
