import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config.js';
import { GraphException } from '../../graph/errors/graph.exception.js';
import type { Principal } from '../principal.js';
import { IS_PUBLIC } from '../public.decorator.js';
import { GRAPH_JWT } from '../tokens/graph-jwt.strategy.js';
import { isPermanentTokenError, TokenErrors, tokenErrorFrom } from '../tokens/token-errors.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The pipeline's token stage: a valid bearer token or 401. A token verified once is remembered (by its
 * exact text, signature included) until it expires, so the hot path skips RSA and JSON parsing;
 * a token refused for good (bad signature, audience, expired, ...) is remembered with its answer,
 * so replaying a bad token costs no RSA work either. Both caches are bounded.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(GRAPH_JWT) {
  private readonly verified = new LRUCache<string, Principal>({ max: 10_000 });
  private readonly rejected = new LRUCache<string, GraphException>({ max: 10_000 });
  private readonly skewMs: number;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    super();
    this.skewMs = config.auth.clockSkewSeconds * 1000;
  }

  /** handler → whether it is @Public(): decorators do not change, so the metadata is read once per handler. */
  private readonly publicHandlers = new WeakMap<object, boolean>();

  // Not async: a token already verified answers synchronously, so the pipeline awaits nothing on the hot path.
  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (!header) throw TokenErrors.empty();
    const raw = BEARER.exec(header)?.[1];
    if (!raw) throw TokenErrors.malformed();

    const known = this.verified.get(raw);
    if (known && known.expiresAt * 1000 + this.skewMs > Date.now()) {
      request.user = known;
      return true;
    }
    const refused = this.rejected.get(raw);
    if (refused) throw refused;
    return this.verify(context, request, raw);
  }

  private async verify(context: ExecutionContext, request: FastifyRequest, raw: string): Promise<boolean> {
    try {
      await super.canActivate(context);
    } catch (e) {
      // Only a 401 verdict that cannot change is remembered; a 503 (key source down) never is.
      if (e instanceof GraphException && e.getStatus() === 401 && isPermanentTokenError(e)) this.rejected.set(raw, e);
      throw e;
    }
    if (request.user) this.verified.set(raw, request.user);
    return true;
  }

  private isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.publicHandlers.get(handler);
    if (known === undefined) {
      known = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, context.getClass()]) ?? false;
      this.publicHandlers.set(handler, known);
    }
    return known;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err instanceof GraphException) throw err;
    if (info instanceof GraphException) throw info;
    // An error (not a failed check) says nothing about the token: the filter makes it a 500 or a 503.
    if (err) throw err;
    if (!user) throw tokenErrorFrom(info);
    return user;
  }
}
