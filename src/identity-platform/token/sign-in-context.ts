import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ids = new WeakMap<object, string>();

/**
 * The request's STS correlation id: the client's `client-request-id` when it is a GUID (as MSAL sends), else a new one;
 * the same for the whole request, so a refusal's `correlation_id` and the sign-in log's `correlationId` agree.
 */
export function correlationIdOf(request: FastifyRequest): string {
  let id = ids.get(request);
  if (!id) {
    const sent = request.headers['client-request-id'];
    id = typeof sent === 'string' && GUID.test(sent) ? sent.toLowerCase() : randomUUID();
    ids.set(request, id);
  }
  return id;
}

/** What a sign-in log needs to know about the request (issue #14). */
export interface SignInContext {
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly correlationId: string | null;
}

export const NO_SIGN_IN_CONTEXT: SignInContext = { ipAddress: null, userAgent: null, correlationId: null };

export function signInContextOf(request: FastifyRequest): SignInContext {
  const agent = request.headers['user-agent'];
  return { ipAddress: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null, correlationId: correlationIdOf(request) };
}
