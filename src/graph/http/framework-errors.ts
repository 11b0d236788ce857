import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from '../errors/error-envelope.js';
import { GraphException } from '../errors/graph.exception.js';
import { clientRequestIdOf } from './request-ids.js';

/** Errors Fastify raises while routing, before any hook or Nest filter runs. */
const ROUTING_ERRORS: Record<string, () => GraphException> = {
  FST_ERR_BAD_URL: () => new GraphException(400, 'BadRequest', 'The request URI is not valid: it contains a malformed percent-encoding.'),
  FST_ERR_MAX_PARAM_LENGTH: () => new GraphException(414, 'RequestUriTooLong', 'A segment of the request URI is too long.'),
};

/** Fastify's `frameworkErrors`: the same Graph envelope and id headers as every other error. */
export function sendFrameworkError(error: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const graph = ROUTING_ERRORS[error.code ?? '']?.() ?? new GraphException(400, 'BadRequest', 'The request could not be routed.');
  const clientRequestId = clientRequestIdOf(request);
  void reply
    .status(graph.getStatus())
    .header('request-id', request.id)
    .header('client-request-id', clientRequestId)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorEnvelope(graph.code, graph.message, { requestId: request.id, clientRequestId }));
}
