import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config.js';
import type { Principal } from '../principal.js';
import { principalFromClaims, type GraphClaims } from './claims.js';
import { acceptedAudiences, devIssuer, devIssuerBase, GRAPH_AUDIENCES, isAcceptedExternalIssuer } from './issuers.js';
import { TokenErrors } from './token-errors.js';
import { TokenKeysService, type TokenSource } from './token-keys.service.js';

export const GRAPH_JWT = 'graph-jwt';

declare module 'fastify' {
  interface FastifyRequest {
    tokenSource?: TokenSource;
  }
}

/**
 * passport-jwt, RS256 only, with the key chosen per token (TokenKeysService) and handed over as a
 * parsed KeyObject. Signature and `exp`/`nbf` (with clock skew) are checked by jsonwebtoken; `aud` here, per
 * source: the development issuer's tokens are Microsoft Graph's whatever AUTH_AUDIENCE says (DECISIONS §10);
 * the presence of `exp`, `iss`, `tid`, `oid` and clean text claims here; the header (alg, kid, crit,
 * b64) by TokenKeysService before any key is looked up.
 */
@Injectable()
export class GraphJwtStrategy extends PassportStrategy(Strategy, GRAPH_JWT) {
  private readonly devBase: string;
  private readonly externalAudiences: Set<string>;

  constructor(
    private readonly config: AppConfig,
    keys: TokenKeysService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['RS256'],
      jsonWebTokenOptions: { clockTolerance: config.auth.clockSkewSeconds },
      passReqToCallback: true,
      secretOrKeyProvider: (request: FastifyRequest, rawJwt: string, done: (err: unknown, key?: Buffer) => void) => {
        keys.resolve(rawJwt).then(
          (resolved) => {
            request.tokenSource = resolved.source;
            // jsonwebtoken takes a KeyObject (typed as Buffer here): no PEM re-parsing per verify.
            done(null, resolved.key as unknown as Buffer);
          },
          (e) => done(e),
        );
      },
    });
    this.devBase = devIssuerBase(config);
    this.externalAudiences = new Set(acceptedAudiences(config));
  }

  validate(request: FastifyRequest, claims: GraphClaims & { iss?: unknown; aud?: unknown }): Principal {
    // jsonwebtoken checks `exp` only when present; a token without one would never expire.
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw TokenErrors.noExpiry();
    const audiences = request.tokenSource === 'development' ? GRAPH_AUDIENCES : this.externalAudiences;
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => typeof a === 'string' && audiences.has(a))) throw TokenErrors.audience();
    const principal = principalFromClaims(claims);
    if (!principal) throw TokenErrors.claims();
    const issuerOk =
      request.tokenSource === 'development'
        ? claims.iss === devIssuer(this.devBase, principal.tenantId)
        : isAcceptedExternalIssuer(this.config, claims.iss, principal.tenantId);
    if (!issuerOk) throw TokenErrors.issuer();
    return principal;
  }
}
