import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { userRefOf, type UserRef } from './user-ref.js';

/** Handler parameter on `/me/...` and `/users/:user/...` routes: which user is targeted. */
export const TargetUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserRef => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const ref = userRefOf(request, request.user);
  if (!ref) throw new Error('TargetUser used on a route that is not user-scoped');
  return ref;
});
