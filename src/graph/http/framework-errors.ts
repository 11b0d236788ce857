import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphErrors, GraphException } from '../errors/graph.exception.js';
import { replyGraphError } from './graph-error-reply.js';

/** Errors Fastify raises while routing, before any hook or Nest filter runs. */
const ROUTING_ERRORS: Record<string, () => GraphException> = {
  FST_ERR_BAD_URL: () => GraphErrors.badUri('it contains a malformed percent-encoding'),
  FST_ERR_MAX_PARAM_LENGTH: () => new GraphException(414, 'RequestUriTooLong', 'A segment of the request URI is too long.'),
};

/** Fastify's `frameworkErrors`: the same Graph envelope and id headers as every other error. */
export function sendFrameworkError(error: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const graph = ROUTING_ERRORS[error.code ?? '']?.() ?? GraphErrors.badRequest('The request could not be routed.');
  replyGraphError(request, reply, graph);
}
