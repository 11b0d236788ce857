import type { FastifyInstance } from 'fastify';
import { GraphErrors } from '../../graph/errors/graph.exception.js';

/**
 * The identity platform's form-posted endpoints (`/{tenant}/oauth2/v2.0/token`, `authorize`, `devicecode`, `logout`,
 * the sign-in page's `/{tenant}/login` and the device page `/{tenant}/oauth2/deviceauth`); Graph routes stay JSON only.
 */
const FORM_ROUTES = /^\/[^/?]+\/(?:oauth2\/v2\.0\/(?:token|authorize|devicecode|logout)|login|oauth2\/deviceauth)(?:\?|$)/i;

/** Entra's token requests are a few kilobytes; anything larger is refused (413) before it is parsed. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `application/x-www-form-urlencoded` bodies, for the token endpoint only (any other route answers 415 as before),
 * UTF-8, bounded. Parsed with WHATWG `URLSearchParams`; kept as name/value pairs so that the endpoint can refuse a
 * repeated parameter (an ambiguous `client_id` must not be read two ways).
 */
export function registerFormBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES }, (request, body, done) => {
    if (!FORM_ROUTES.test(request.url)) return done(GraphErrors.unsupportedMediaType(), undefined);
    done(null, { form: [...new URLSearchParams(body as string)] } satisfies FormBody);
  });
}

/** The name/value pairs of a parsed form body (none when the body was not a form). */
export function formPairs(body: unknown): [string, string][] {
  const form = (body as Partial<FormBody> | undefined)?.form;
  return Array.isArray(form) ? form : [];
}

/** What the parser hands to the controller. */
export interface FormBody {
  form: [string, string][];
}
