import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A client-request-id we are willing to echo: short, printable, no header-splitting characters. */
const SAFE_CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's `client-request-id`, or our `request-id` when none (or an unusable one) was sent. */
    clientRequestId: string;
  }
}

/** Fastify's `genReqId`: every request gets a fresh GUID, Graph's `request-id`. */
export const generateRequestId = (): string => randomUUID();

/** The caller's `client-request-id` when it is safe to echo, else our `request-id`. */
export function clientRequestIdOf(request: Pick<FastifyRequest, 'headers' | 'id'>): string {
  const sent = request.headers['client-request-id'];
  const candidate = Array.isArray(sent) ? sent[0] : sent;
  return candidate && SAFE_CLIENT_ID.test(candidate) ? candidate : request.id;
}

/** onRequest hook: both ids on every response, success or error (graph-spec §4.3). */
export function stampRequestIds(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  request.clientRequestId = clientRequestIdOf(request);
  reply.header('request-id', request.id);
  reply.header('client-request-id', request.clientRequestId);
  done();
}
