import type { FastifyReply } from 'fastify';

/**
 * Entra's caching headers on what carries a token, a code or a sign-in step (RFC 6749 §5.1: `Cache-Control: no-store`,
 * `Pragma: no-cache`): the token and device authorization endpoints, their refusals and the sign-in pages.
 */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
}
