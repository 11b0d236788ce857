import { Injectable } from '@nestjs/common';
import { KeyObject, type webcrypto } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors } from 'jose';
import { AppConfig } from '../../config/app-config.js';
import { isDatabaseUnavailable } from '../../graph/errors/database-errors.js';
import { GraphErrors, GraphException } from '../../graph/errors/graph.exception.js';
import { SigningKeysService } from '../keys/signing-keys.service.js';
import { TokenErrors } from './token-errors.js';

export type TokenSource = 'development' | 'external';

export interface ResolvedKey {
  readonly key: KeyObject;
  readonly source: TokenSource;
}

const MAX_EXTERNAL_KEYS = 64;

/**
 * Finds the key that must have signed a token, from its header: one of the development issuer's
 * keys, or one from AUTH_JWKS_URI (jose caches the set and refetches on an unknown kid at most
 * once per cooldown; we keep each key parsed once, per kid).
 * RS256 only: `none`, HS256 and every other alg are refused before any key is looked at, and so is
 * any `crit` header or `b64` other than true (we implement no JWS extension: RFC 7515 §4.1.11).
 * A lookup that could not be made (Postgres or the JWKS endpoint unreachable) is 503, never a 401
 * verdict: the guard must not remember it, and the client should retry.
 */
@Injectable()
export class TokenKeysService {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly externalKeys = new Map<string, KeyObject>();

  constructor(
    config: AppConfig,
    private readonly signingKeys: SigningKeysService,
  ) {
    if (config.auth.jwksUri) {
      this.jwks = createRemoteJWKSet(new URL(config.auth.jwksUri), {
        cacheMaxAge: 10 * 60_000,
        cooldownDuration: 30_000,
        timeoutDuration: 5000,
      });
    }
  }

  async resolve(rawJwt: string): Promise<ResolvedKey> {
    const header = decodeHeader(rawJwt);
    if (!header) throw TokenErrors.malformed();
    if (header.alg !== 'RS256') throw TokenErrors.signature();
    if (header.crit !== undefined || (header.b64 !== undefined && header.b64 !== true)) throw TokenErrors.header();
    const kid = typeof header.kid === 'string' && header.kid.length <= 256 ? header.kid : undefined;
    if (!kid) throw TokenErrors.signature();

    const own = await this.signingKeys.publicKey(kid).catch((e: unknown) => {
      throw isDatabaseUnavailable(e) ? unavailable(e) : notAVerdict(e);
    });
    if (own) return { key: own, source: 'development' };
    const external = await this.externalKey(kid);
    if (external) return { key: external, source: 'external' };
    throw TokenErrors.unknownKey();
  }

  private async externalKey(kid: string): Promise<KeyObject | undefined> {
    if (!this.jwks) return undefined;
    const cached = this.externalKeys.get(kid);
    if (cached) return cached;
    try {
      const found = await this.jwks({ alg: 'RS256', kid });
      const key = found instanceof KeyObject ? found : KeyObject.from(found as webcrypto.CryptoKey);
      if (this.externalKeys.size >= MAX_EXTERNAL_KEYS) this.externalKeys.clear();
      this.externalKeys.set(kid, key);
      return key;
    } catch (e) {
      // Not published (after at most one refetch per cooldown): a verdict, though one that may change.
      if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys) return undefined;
      // Unreachable, timed out, not 200 or not a JWKS: we cannot tell, so the caller should retry.
      throw unavailable(e);
    }
  }
}

/** 503 for a key source that did not answer; the cause is kept for the log line. */
function unavailable(cause: unknown): GraphException {
  if (cause instanceof GraphException) return cause;
  return Object.assign(GraphErrors.serviceNotAvailable(), { cause });
}

/** Any other failure of a lookup is ours (500), and no verdict on the token either. */
function notAVerdict(cause: unknown): GraphException {
  if (cause instanceof GraphException) return cause;
  return Object.assign(GraphErrors.generalException(), { cause });
}

function decodeHeader(rawJwt: string): { alg?: unknown; kid?: unknown; crit?: unknown; b64?: unknown } | undefined {
  const parts = rawJwt.split('.');
  if (parts.length !== 3 || rawJwt.length > 16_384) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    return header && typeof header === 'object' ? header : undefined;
  } catch {
    return undefined;
  }
}
