import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { withTenant } from '../authorize/tenant-routing.js';
import { RefreshTokensRepository, type RedeemedRefreshToken } from './refresh-tokens.repository.js';

/** Entra's refresh tokens for non-SPA clients live 90 days. */
const LIFETIME_MS = 90 * 24 * 3600 * 1000;

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Refresh tokens: 256 random bits, stored only as SHA-256 (with that much entropy a slow hash adds nothing, as for
 * client secrets), bound to tenant, client and user, single-use: each redemption returns a new one.
 */
@Injectable()
export class RefreshTokensService {
  constructor(private readonly repo: RefreshTokensRepository) {}

  /**
   * `publicClient`: issued to a client that did not authenticate, so redeemed without a credential. `methods`: the
   * sign-in's (strength mode names), kept so that a redemption is evaluated as that sign-in (an MFA sign-in stays MFA).
   */
  async issue(tenantId: string, appId: string, userId: string, scope: string, publicClient: boolean, methods: readonly string[]): Promise<string> {
    // The tenant travels in the value so that `/common/oauth2/v2.0/token` can redeem it (authorize/tenant-routing.ts).
    const token = withTenant(tenantId, randomBytes(32).toString('base64url'));
    await this.repo.insert(tenantId, hash(token), appId, userId, scope.slice(0, 2048), new Date(Date.now() + LIFETIME_MS), publicClient, methods);
    return token;
  }

  redeem(tenantId: string, token: string, appId: string): Promise<RedeemedRefreshToken | null> {
    return this.repo.redeem(tenantId, hash(token), appId);
  }
}
