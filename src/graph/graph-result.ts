import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

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

@Injectable()
export class GraphResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value) => {
        if (!(value instanceof GraphResult)) return value;
        const http = context.switchToHttp();
        const reply = http.getResponse<FastifyReply>();
        chosenStatus.set(http.getRequest<FastifyRequest>(), value.status);
        for (const [name, v] of Object.entries(value.headers)) reply.header(name, v);
        return value.body;
      }),
    );
  }
}
