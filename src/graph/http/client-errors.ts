import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { errorEnvelope } from '../errors/error-envelope.js';
import { GraphErrors, GraphException } from '../errors/graph.exception.js';
import { rawGraphErrorResponse } from './graph-error-reply.js';
import type { LingeringClose } from './lingering-close.js';
import { clientRequestIdOf, generateRequestId } from './request-ids.js';

const malformed = (what: string) => GraphErrors.badRequest(`The request is malformed: ${what}.`);

/** Node's parser errors (llhttp `HPE_*`) and timeouts, in Graph's words; anything else is a generic 400. */
const PARSER_ERRORS: Record<string, () => GraphException> = {
  HPE_HEADER_OVERFLOW: () => new GraphException(431, 'RequestHeaderFieldsTooLarge', 'The request line and headers are larger than the server accepts.'),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: () => new GraphException(413, 'RequestEntityTooLarge', 'The chunk extensions of the request body are too large.'),
  ERR_HTTP_REQUEST_TIMEOUT: () => new GraphException(408, 'RequestTimeout', 'The request was not received in time.'),
  HPE_INVALID_CHUNK_SIZE: () => malformed('invalid chunked transfer encoding'),
  HPE_INVALID_TRANSFER_ENCODING: () => malformed('invalid Transfer-Encoding'),
  HPE_INVALID_CONTENT_LENGTH: () => malformed('invalid Content-Length'),
  HPE_UNEXPECTED_CONTENT_LENGTH: () => malformed('Content-Length together with Transfer-Encoding, or repeated'),
  HPE_INVALID_VERSION: () => malformed('unsupported HTTP version'),
  HPE_INVALID_METHOD: () => malformed('unknown HTTP method'),
  HPE_INVALID_URL: () => malformed('invalid request target'),
  HPE_INVALID_HEADER_TOKEN: () => malformed('invalid header'),
};

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse (bad framing, oversized head,
 * a client too slow to send it) still gets Graph's envelope and a `request-id`, then the
 * connection closes politely (lingering-close.ts) so the client can read the answer.
 */
export function graphClientErrorHandler(lingering: LingeringClose, log: () => FastifyBaseLogger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // Our answer went out already (a lingering connection) or the peer is gone: nothing to say.
    if (error.code === 'ECONNRESET' || socket.destroyed || lingering.isClosing(socket)) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // An answer is already on its way (Fastify refused the request before its body went bad):
    // let it finish, then close politely; a second response on the wire would be garbage.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight?.headersSent) {
      lingering.closeAfter(socket, inFlight);
      return;
    }
    const graph = PARSER_ERRORS[error.code ?? '']?.() ?? malformed('the request could not be parsed');
    const { requestId, bytes } = rawGraphErrorResponse(graph, { close: true });
    log().info({ requestId, status: graph.getStatus(), reason: error.code }, 'unparseable request');
    lingering.endWith(socket, bytes);
  };
}

/**
 * Requests Node answers itself, below Fastify, now answered in the envelope: `Expect` other than
 * `100-continue` (Node: an empty 417) and `CONNECT` (Node: a silent close).
 */
export function answerBelowFastify(server: Server, lingering: LingeringClose): void {
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    const graph = GraphErrors.badRequest('The CONNECT method is not supported.');
    lingering.endWith(socket, rawGraphErrorResponse(graph, { close: true }).bytes);
  });
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = generateRequestId();
    const clientRequestId = clientRequestIdOf({ headers: request.headers, id: requestId });
    const graph = new GraphException(417, 'ExpectationFailed', "The only supported expectation is 'Expect: 100-continue'.");
    const body = JSON.stringify(errorEnvelope(graph.code, graph.message, { requestId, clientRequestId }));
    lingering.afterResponse(request);
    response.writeHead(417, {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    response.end(body);
  });
}
