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
      iat: now,
      nbf: now + (options.notBeforeSeconds ?? 0),
      exp: now + lifetime,
    };
    return jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: kid, noTimestamp: true });
  }

  issuerFor(tenantId: string): string {
    return devIssuer(this.base, tenantId);
  }
}
