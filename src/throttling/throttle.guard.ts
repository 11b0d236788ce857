import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { IS_PUBLIC } from '../auth/public.decorator.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import { ThrottleService } from './throttle.service.js';

/**
 * The pipeline's last stage, after authentication, permissions and step-up (it needs the verified principal):
 * spends one request from the tenant's and the caller's budgets, or answers Graph's
 * `429 TooManyRequests` with `Retry-After`. Public routes (health, docs, discovery) are not counted.
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly throttle: ThrottleService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.throttle.enabled) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const principal = context.switchToHttp().getRequest<FastifyRequest>().user as Principal | undefined;
    if (!principal) return true; // only public routes lack one; the auth guard rejects everything else first
    const limited = await this.throttle.consume(principal);
    if (limited) throw GraphErrors.tooManyRequests(Math.max(1, Math.ceil(limited.retryAfterMs / 1000)));
    return true;
  }
}
