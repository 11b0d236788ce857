import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A response whose status or headers depend on what the service did (201 vs 200 for an upsert,
 * `Location`, 202 with or without a body). Services return it; the interceptor below applies it,
 * so controllers stay one call per handler.
 */
export class GraphResult<T = unknown> {
  constructor(
    readonly status: number,
    readonly body?: T,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  static created<T>(body: T, location: string): GraphResult<T> {
    return new GraphResult(201, body, { Location: location });
  }

  static ok<T>(body: T): GraphResult<T> {
    return new GraphResult(200, body);
  }

  static noContent(): GraphResult<never> {
    return new GraphResult(204);
  }
}

/** Status chosen by a GraphResult, per request; applied in onSend (Nest sets its default status after interceptors). */
const chosenStatus = new WeakMap<FastifyRequest, number>();

/** Fastify onSend hook: the GraphResult's status wins over Nest's per-method default. */
export function applyGraphResultStatus(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) {
  const status = chosenStatus.get(request);
  if (status !== undefined && reply.statusCode < 400) {
    reply.code(status);
    if (status === 204) {
      done(null, '');
      return;
    }
  }
  done(null, payload);
}

/**
 * Applies a GraphResult just before Nest hands the handler's value to Fastify (GraphFastifyAdapter.reply):
 * its headers now, its status in onSend (above); returns the body to send. What an interceptor did, without
 * Nest's interceptor chain (rxjs defer/mergeAll/lastValueFrom on every request).
 */
export function unwrapGraphResult(reply: FastifyReply, value: unknown): unknown {
  if (!(value instanceof GraphResult)) return value;
  chosenStatus.set(reply.request, value.status);
  for (const [name, v] of Object.entries(value.headers)) reply.header(name, v);
  return value.body;
}
