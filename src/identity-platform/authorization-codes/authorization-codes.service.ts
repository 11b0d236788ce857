import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { withTenant } from '../authorize/tenant-routing.js';
import { AuthorizationCodesRepository, type NewAuthorizationCode, type StoredAuthorizationCode } from './authorization-codes.repository.js';

/** Entra's authorization codes live about ten minutes. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Authorization codes: 256 random bits, stored only as SHA-256, bound to the client, redirect URI, PKCE challenge,
 * scopes, nonce, user and how the user signed in; single-use.
 */
@Injectable()
export class AuthorizationCodesService {
  constructor(private readonly repo: AuthorizationCodesRepository) {}

  async issue(tenantId: string, code: Omit<NewAuthorizationCode, 'expiresAt'>): Promise<string> {
    const value = withTenant(tenantId, randomBytes(32).toString('base64url'));
    await this.repo.insert(tenantId, sha256Hex(value), { ...code, expiresAt: new Date(Date.now() + AUTHORIZATION_CODE_LIFETIME_MS) });
    return value;
  }

  find(tenantId: string, code: string): Promise<StoredAuthorizationCode | null> {
    return this.repo.find(tenantId, sha256Hex(code));
  }

  redeem(tenantId: string, code: string, appId: string): Promise<boolean> {
    return this.repo.redeem(tenantId, sha256Hex(code), appId);
  }
}
