import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../principal.js';
import { handlesChallenges, nbfChallenge } from '../step-up/claims-challenge.js';
import { TokenErrors } from '../tokens/token-errors.js';
import { SessionStateCache } from './session-state.cache.js';

/**
 * The pipeline's second token check (DECISIONS §9, continuous access evaluation): a delegated token issued
 * before its user's sessions were revoked (revokeSignInSessions, disabling, deleting), or any token of a
 * disabled user, is refused: with the `nbf` claims challenge for a `cp1` client, else a plain 401.
 * The user's state comes from a per-user cache kept current across instances; no round trip per request.
 */
@Injectable()
export class SessionStage implements CanActivate {
  constructor(private readonly sessions: SessionStateCache) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().user as Principal | undefined;
    if (!principal || principal.kind !== 'delegated') return true;
    const known = this.sessions.known(principal.tenantId, principal.objectId);
    if (known) return this.check(principal, known);
    return this.sessions.load(principal.tenantId, principal.objectId).then((state) => this.check(principal, state));
  }

  private check(principal: Principal, state: { validFrom: number; disabled: boolean }): boolean {
    if (!state.disabled && (principal.issuedAt ?? 0) >= state.validFrom) return true;
    throw handlesChallenges(principal.clientCapabilities) ? nbfChallenge(state.validFrom) : TokenErrors.revoked();
  }
}
