import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../config/app-config.js';
import { MAX_TOKEN_LIFETIME_SECONDS, SigningKeysService } from '../keys/signing-keys.service.js';
import { devIssuer, devIssuerBase } from './issuers.js';
import { claimsFor, type MintOptions } from './mint-options.js';

/** Signs development tokens with the active key (the `npm run token` command and tests use it). */
@Injectable()
export class DevTokenIssuer {
  private readonly base: string;

  constructor(
    config: AppConfig,
    private readonly keys: SigningKeysService,
  ) {
    this.base = devIssuerBase(config);
  }

  mint(options: MintOptions): string {
    const lifetime = Math.min(options.lifetimeSeconds ?? 3600, MAX_TOKEN_LIFETIME_SECONDS);
    const now = Math.floor(Date.now() / 1000);
    const { kid, privateKey } = this.keys.activeKey();
    const claims = {
      ...claimsFor(options),
      iss: devIssuer(this.base, options.tenantId),
      iat: now - (options.issuedSecondsAgo ?? 0),
      nbf: now - (options.issuedSecondsAgo ?? 0) + (options.notBeforeSeconds ?? 0),
      exp: now + lifetime,
    };
    // `iat` is ours (jsonwebtoken keeps a given one): revocation compares it (DECISIONS §9).
    return jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: kid });
  }

  issuerFor(tenantId: string): string {
    return devIssuer(this.base, tenantId);
  }
}
