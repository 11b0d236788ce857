import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { SigningKeysRepository } from './signing-keys.repository.js';
import type { SigningKeyEntity } from './signing-key.entity.js';

/** The longest token lifetime the development issuer mints; retired keys stay published this long. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Unknown kids re-read the table at most this often (a rotation by another instance). */
export const RELOAD_INTERVAL_MS = 5000;

export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/**
 * The development issuer's RSA keys: created on first start, parsed once into KeyObjects
 * (jsonwebtoken re-parses PEM strings on every verify), shared by all instances through Postgres.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private active?: ActiveSigningKey;
  private publicKeys = new Map<string, KeyObject>();
  private jwks: Record<string, string>[] = [];
  private lastLoad = 0;
  private loading?: Promise<void>;

  constructor(private readonly repo: SigningKeysRepository) {}

  async onModuleInit(): Promise<void> {
    await this.repo.withKeyLock(async (m) => {
      if (!(await this.repo.findActive(m))) await this.repo.insert(m, newKey());
    });
    await this.load();
  }

  activeKey(): ActiveSigningKey {
    if (!this.active) throw new Error('signing keys not loaded');
    return this.active;
  }

  /** The public key for a kid this issuer published, re-reading the table (rate-limited) when unknown. */
  async publicKey(kid: string): Promise<KeyObject | undefined> {
    const known = this.publicKeys.get(kid);
    if (known || Date.now() - this.lastLoad < RELOAD_INTERVAL_MS) return known;
    await this.load();
    return this.publicKeys.get(kid);
  }

  /** True when the kid belongs to this issuer (no database access). */
  isOwnKid(kid: string): boolean {
    return this.publicKeys.has(kid);
  }

  publishedJwks(): { keys: Record<string, string>[] } {
    return { keys: this.jwks };
  }

  /** Starts signing with a new key; the previous one stays published until its tokens expire. */
  async rotate(): Promise<string> {
    const key = newKey();
    await this.repo.withKeyLock(async (m) => {
      await this.repo.retireActive(m, new Date());
      await this.repo.insert(m, key);
    });
    await this.load();
    return key.kid;
  }

  /**
   * Re-reads the published keys; concurrent callers share one read. Only a successful read counts
   * for the reload interval: a failed one (database down) throws, and the next unknown kid tries again.
   */
  private load(): Promise<void> {
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<void> {
    const rows = await this.repo.findPublished(new Date(Date.now() - (MAX_TOKEN_LIFETIME_SECONDS + 600) * 1000));
    this.lastLoad = Date.now();
    const active = rows.find((r) => r.retiredAt === null);
    this.publicKeys = new Map(rows.map((r) => [r.kid, createPublicKey({ key: r.publicJwk, format: 'jwk' })]));
    this.jwks = rows.map((r) => r.publicJwk);
    if (active) this.active = { kid: active.kid, privateKey: createPrivateKey(active.privateKeyPem) };
  }
}

function newKey(): Omit<SigningKeyEntity, 'createdAt'> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(16).toString('base64url');
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n, e: jwk.e },
    retiredAt: null,
  };
}
