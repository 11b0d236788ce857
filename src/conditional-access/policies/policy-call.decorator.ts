import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { prefersUnknownEnumMembers } from '../schema/document-schema.js';
import { POLICIES_ALIAS_PATH, POLICIES_PATH, type PolicyCallOptions } from './policies.service.js';

/** Handler parameter: the path called (canonical or `/policies/conditionalAccessPolicies`) and the `Prefer` header. */
export const PolicyCall = createParamDecorator((_: unknown, ctx: ExecutionContext): PolicyCallOptions => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const alias = request.url.split('?')[0].includes(`/${POLICIES_ALIAS_PATH}`);
  return { includeUnknownEnumMembers: prefersUnknownEnumMembers(request.headers.prefer), path: alias ? POLICIES_ALIAS_PATH : POLICIES_PATH };
});
