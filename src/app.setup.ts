import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config/app-config.js';
import { setupApiDocs } from './graph/openapi/api-docs.js';
import { GraphExceptionFilter } from './graph/errors/graph-exception.filter.js';
import { applyGraphResultStatus } from './graph/graph-result.js';
import { requestOrigin } from './graph/http/base-url.js';
import { registerJsonBodyParser } from './graph/http/json-body.js';
import { registerFormBodyParser } from './identity-platform/http/form-body.js';
import { answerBelowFastify } from './graph/http/client-errors.js';
import type { LingeringClose } from './graph/http/lingering-close.js';
import { installCors } from './graph/http/cors.js';
import { requestGuards } from './graph/http/request-guards.js';
import { stampRequestIds } from './graph/http/request-ids.js';
import { graphValidationPipe } from './graph/validation/graph-validation.pipe.js';
import { RouteTable } from './graph/http/route-table.js';

const ODATA_JSON = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

/**
 * Fastify-level conventions that must run before Nest routes exist: route table (canonical URLs,
 * 405s, OPTIONS), request ids, request-line checks, JSON parsing, per-request origin, polite
 * closes, the one-line access log. Returns the route table.
 */
export function installHttpConventions(fastify: FastifyInstance, config: AppConfig, routes: RouteTable, lingering: LingeringClose): RouteTable {
  // Set once shutdown starts (preClose below).
  let closing = false;
  fastify.addHook('onRoute', (route) => routes.add(route));
  fastify.decorate('graphRoutes', routes);
  fastify.decorateRequest('clientRequestId', '');
  fastify.decorateRequest('origin', '');
  fastify.addHook('onRequest', stampRequestIds);
  // CORS before the guards: a preflight is answered with its CORS headers, not as a plain OPTIONS.
  installCors(fastify, config);
  fastify.addHook(
    'onRequest',
    requestGuards(routes, () => closing),
  );
  fastify.addHook('onRequest', (request, _reply, done) => {
    request.origin = requestOrigin(request, config.publicBaseUrl);
    done();
  });
  fastify.addHook('onSend', applyGraphResultStatus);
  // Graceful shutdown: once closing, every response (in-flight ones included) ends its connection,
  // or keep-alive sockets would hold the server open until SHUTDOWN_TIMEOUT_MS.
  fastify.addHook('preClose', (done) => {
    closing = true;
    lingering.destroyAll();
    done();
  });
  answerBelowFastify(fastify.server, lingering);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    // Answered before the whole body arrived (413, 415, ...): let the client read it (lingering-close.ts).
    if (!request.raw.complete) lingering.afterResponse(request.raw);
    // Graph's OData content type on successful Graph JSON responses; errors stay plain JSON.
    if (reply.statusCode < 400 && (request.url.startsWith('/v1.0/') || request.url.startsWith('/beta/'))) {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', ODATA_JSON);
      reply.header('OData-Version', '4.0');
    }
    done(null, payload);
  });
  const accessLog = ['info', 'debug', 'trace'].includes(config.logLevel);
  fastify.addHook('onResponse', (request, reply, done) => {
    // Below the log level (e.g. LOG_LEVEL=warn) the line is not even built: no object, no string per request.
    if (!accessLog) return done();
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms },
      `${request.method} ${request.url} ${reply.statusCode} ${ms} ms`,
    );
    done();
  });
  registerJsonBodyParser(fastify);
  registerFormBodyParser(fastify);
  return routes;
}

/** Nest-level setup: the error filter, pipes and the live docs (graph/openapi). GraphResults: GraphFastifyAdapter. */
export function configureApp(app: NestFastifyApplication, config: AppConfig, routes: RouteTable): void {
  app.useGlobalFilters(new GraphExceptionFilter(routes, config.bodyLimitBytes));
  app.useGlobalPipes(graphValidationPipe());
  setupApiDocs(app);
}
