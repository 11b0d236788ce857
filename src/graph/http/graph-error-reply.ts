import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from '../errors/error-envelope.js';
import type { GraphException } from '../errors/graph.exception.js';
import { generateRequestId, clientRequestIdOf } from './request-ids.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers from a Fastify hook or framework callback, before Nest's filter can run: the same
 * envelope, ids and headers as GraphExceptionFilter produces.
 */
export function replyGraphError(request: FastifyRequest, reply: FastifyReply, graph: GraphException): void {
  const clientRequestId = request.clientRequestId || clientRequestIdOf(request);
  for (const [name, value] of Object.entries(graph.headers)) reply.header(name, value);
  void reply
    .status(graph.getStatus())
    .header('request-id', request.id)
    .header('client-request-id', clientRequestId)
    .header('content-type', JSON_TYPE)
    .send(errorEnvelope(graph.code, graph.message, { requestId: request.id, clientRequestId }, graph.innerError));
}

/**
 * A whole HTTP/1.1 error response as bytes, for the places Node answers below Fastify (a request
 * it could not parse): no request object exists there, so the ids are fresh.
 */
export function rawGraphErrorResponse(graph: GraphException, options: { close: boolean }): { requestId: string; bytes: string } {
  const requestId = generateRequestId();
  const body = JSON.stringify(errorEnvelope(graph.code, graph.message, { requestId, clientRequestId: requestId }, graph.innerError));
  const status = graph.getStatus();
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `request-id: ${requestId}`,
    `client-request-id: ${requestId}`,
    ...Object.entries(graph.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: ${JSON_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Date: ${new Date().toUTCString()}`,
    ...(options.close ? ['Connection: close'] : []),
  ];
  return { requestId, bytes: `${headers.join('\r\n')}\r\n\r\n${body}` };
}
