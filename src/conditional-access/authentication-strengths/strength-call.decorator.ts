import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { prefersUnknownEnumMembers } from '../schema/document-schema.js';
import { STRENGTHS_PATH } from './authentication-strengths.service.js';

/** `/policies/authenticationStrengthPolicies`: the docs' path, served by the same handlers. */
export const STRENGTHS_ALIAS_PATH = 'policies/authenticationStrengthPolicies';
/** beta's plural navigation `authenticationStrengths` (graph-spec-ca-root §A.1). */
export const STRENGTHS_BETA_ALIAS_PATH = 'identity/conditionalAccess/authenticationStrengths/policies';

export interface StrengthCallOptions {
  /** `Prefer: include-unknown-enum-members`. */
  include: boolean;
  /** The collection path called (its `@odata.context` follows it). */
  path: string;
}

/** Handler parameter: the path called (canonical or alias) and the `Prefer` header. */
export const StrengthCall = createParamDecorator((_: unknown, ctx: ExecutionContext): StrengthCallOptions => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const url = request.url.split('?')[0];
  const path = [STRENGTHS_ALIAS_PATH, STRENGTHS_BETA_ALIAS_PATH].find((alias) => url.includes(`/${alias}`)) ?? STRENGTHS_PATH;
  return { include: prefersUnknownEnumMembers(request.headers.prefer), path };
});
