import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { unwrapGraphResult } from '../graph-result.js';

/**
 * Nest's Fastify adapter, with a handler's GraphResult (status, headers) applied where Nest sends the value.
 * This replaces a global interceptor: with no interceptor at all, Nest skips its rxjs chain per request.
 */
export class GraphFastifyAdapter extends FastifyAdapter {
  override reply(response: Parameters<FastifyAdapter['reply']>[0], body: unknown, statusCode?: number) {
    // Nest passes the FastifyReply for every handler's value (a raw response only for its own error pages).
    return super.reply(response, unwrapGraphResult(response as FastifyReply, body), statusCode);
  }
}
