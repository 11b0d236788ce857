import { ArgumentsHost, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteTable } from '../http/route-table.js';
import { errorEnvelope } from './error-envelope.js';
import { GraphErrors, GraphException } from './graph.exception.js';
import { isDatabaseUnavailable } from './database-errors.js';

/** Fastify's own request errors (body parsing, limits), by code. */
const FASTIFY_ERRORS: Record<string, (e: FastifyLikeError, limit: number) => GraphException> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, limit) => GraphErrors.payloadTooLarge(limit),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => GraphErrors.unsupportedMediaType(),
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    GraphErrors.badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => GraphErrors.badRequest('Empty Payload. JSON content expected.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => GraphErrors.badRequest('Request body size did not match Content-Length.'),
};

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/**
 * The one place errors become responses: every failure, from a Graph rule to a JSON syntax error
 * or a bug, leaves as Graph's envelope. Nothing internal (stack, SQL, library text) is sent.
 */
@Catch()
export class GraphExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly routes: RouteTable,
    private readonly bodyLimitBytes: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const graph = this.toGraphException(exception, request);

    if (graph.getStatus() === 503) {
      // An outage answers every request with 503: one short line each, not a stack trace each.
      request.log.warn({ reason: exception instanceof Error ? exception.message : String(exception) }, 'service unavailable');
    } else if (graph.getStatus() >= 500) {
      request.log.error({ err: exception }, 'request failed');
    }
    for (const [name, value] of Object.entries(graph.headers)) reply.header(name, value);
    // Ids are stamped in onRequest; requests that fail before it (rare) still carry them.
    const requestId = request.id;
    const clientRequestId = request.clientRequestId ?? requestId;
    reply.header('request-id', requestId).header('client-request-id', clientRequestId);
    reply
      .status(graph.getStatus())
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorEnvelope(graph.code, graph.message, { requestId, clientRequestId }, graph.innerError, graph.details));
  }

  private toGraphException(exception: unknown, request: FastifyRequest): GraphException {
    if (exception instanceof GraphException) return exception;
    if (exception instanceof NotFoundException && !request.routeOptions?.url) {
      // Nest's not-found handler: no route matched this method and path.
      const allow = this.routes.allowedMethods(request.url);
      return allow ? GraphErrors.methodNotAllowed(allow) : GraphErrors.noRoute(request.url);
    }
    if (exception instanceof HttpException) {
      // Nest re-wraps some of Fastify's body errors; keep our wording for those.
      if (exception.getStatus() === 413) return GraphErrors.payloadTooLarge(this.bodyLimitBytes);
      if (exception.getStatus() === 415) return GraphErrors.unsupportedMediaType();
      return fromHttpException(exception);
    }
    const e = exception as FastifyLikeError;
    if (e && typeof e.code === 'string' && FASTIFY_ERRORS[e.code]) return FASTIFY_ERRORS[e.code](e, this.bodyLimitBytes);
    if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      // Another client error raised by Fastify itself; its message describes the request, not us.
      return new GraphException(e.statusCode, 'BadRequest', e.message ?? 'Bad request.');
    }
    if (isDatabaseUnavailable(exception)) return GraphErrors.serviceNotAvailable();
    return GraphErrors.generalException();
  }
}

/** Nest's built-in exceptions (rare here: our code throws GraphException) mapped to Graph codes. */
function fromHttpException(e: HttpException): GraphException {
  const status = e.getStatus();
  const codes: Record<number, string> = {
    400: 'BadRequest',
    401: 'InvalidAuthenticationToken',
    403: 'Authorization_RequestDenied',
    404: 'itemNotFound',
    405: 'Request_BadRequest',
    409: 'conflict',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    429: 'TooManyRequests',
  };
  if (status >= 500) return status === 503 ? GraphErrors.serviceNotAvailable() : GraphErrors.generalException();
  const response = e.getResponse();
  const raw = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : e.message;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
  return new GraphException(status, codes[status] ?? 'BadRequest', message);
}
