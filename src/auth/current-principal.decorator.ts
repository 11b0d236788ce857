import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication guard; absent only on @Public() routes. */
    user?: Principal;
  }
}

/** Handler parameter: the verified caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().user;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
