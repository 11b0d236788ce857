import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../config/app-config.js';
import { SigningKeysService } from '../../auth/keys/signing-keys.service.js';
import { devIssuer, devIssuerBase } from '../../auth/tokens/issuers.js';

/** Entra's access tokens live 60-90 minutes; one fixed hour here so that tests and clients can rely on it. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** Signs the provider's tokens with the development issuer's active key; `iss` is the tenant's discovery issuer. */
@Injectable()
export class AccessTokenIssuer {
  private readonly base: string;

  constructor(
    config: AppConfig,
    private readonly keys: SigningKeysService,
  ) {
    this.base = devIssuerBase(config);
  }

  sign(tenantId: string, claims: Record<string, unknown>, lifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS): string {
    const now = Math.floor(Date.now() / 1000);
    const { kid, privateKey } = this.keys.activeKey();
    const body = {
      ...claims,
      iss: devIssuer(this.base, tenantId),
      iat: now,
      nbf: now,
      exp: now + lifetimeSeconds,
      // Entra's unique token identifier: 16 random bytes, base64url.
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
    return jwt.sign(body, privateKey, { algorithm: 'RS256', keyid: kid, header: { alg: 'RS256', typ: 'JWT', kid } });
  }
}
