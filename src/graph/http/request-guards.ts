import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphErrors } from '../errors/graph.exception.js';
import { replyGraphError } from './graph-error-reply.js';
import type { RouteTable } from './route-table.js';

/** An escaped C0 control character or DEL (raw ones never get past Node's parser). */
const ESCAPED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;

/**
 * onRequest checks of the request line and Host, before routing has any consequence:
 * - While shutting down, a request arriving on a kept-alive connection is `503` (Fastify's own
 *   answer has no envelope, so its `return503OnClosing` is off).
 * - HTTP/1.1 needs exactly one Host (RFC 9112 §3.2); Node's own check answers without a body.
 * - Control characters (NUL...) in the path or query are refused as http.sys refuses them, so
 *   none reaches a key lookup or the database; so are malformed escapes in the query string
 *   (the router already refuses them in the path).
 * - OPTIONS on a known path answers `204` with `Allow`; on an unknown one it falls through to 404.
 */
export function requestGuards(routes: RouteTable, closing: () => boolean) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (closing()) {
      reply.header('connection', 'close');
      return replyGraphError(request, reply, GraphErrors.serviceNotAvailable());
    }
    const raw = request.raw;
    if (raw.httpVersion === '1.1' && hostHeaders(raw.rawHeaders) !== 1) {
      reply.header('connection', 'close');
      return replyGraphError(request, reply, GraphErrors.badRequest('The request must carry exactly one Host header.'));
    }
    const url = request.url;
    if (ESCAPED_CONTROL.test(url)) {
      return replyGraphError(request, reply, GraphErrors.badUri('it contains control characters'));
    }
    const q = url.indexOf('?');
    if (q >= 0 && !decodable(url.slice(q + 1))) {
      return replyGraphError(request, reply, GraphErrors.badUri('its query string contains a malformed percent-encoding'));
    }
    if (request.method === 'OPTIONS' && request.is404) {
      const allow = routes.allowedMethods(url);
      if (allow) {
        void reply.status(204).header('allow', allow.join(', ')).send();
        return;
      }
    }
    done();
  };
}

function hostHeaders(rawHeaders: string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].length === 4 && rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
}

function decodable(query: string): boolean {
  if (!query.includes('%')) return true;
  try {
    decodeURIComponent(query);
    return true;
  } catch {
    return false;
  }
}
