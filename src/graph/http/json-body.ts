import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies: an empty body counts as no body (SDKs send actions such as enableSmsSignIn with
 * `Content-Type: application/json` and nothing else); `__proto__`/`constructor` keys are rejected.
 * Every other content type is 415 (Fastify's default for unknown types).
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // JSON only: Fastify's default text/plain parser would let other bodies through.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}
