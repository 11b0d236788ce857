import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { StsErrors } from '../errors/sts-error.js';
import { LockoutRepository } from './lockout.repository.js';

/**
 * A 32-bit fingerprint of a wrong password, so that the same wrong password twice counts once. Deliberately short: it
 * tells repeats apart from new guesses, and is useless for recovering the password (billions of passwords share it).
 */
export function passwordFingerprint(tenantId: string, userId: string, password: string): number {
  return createHash('sha256').update(`${tenantId}\n${userId.toLowerCase()}\n`).update(password, 'utf8').digest().readInt32BE(0);
}

/**
 * Entra's smart lockout for the development identity platform (docs/choices.md "Sign-in logs, smart lockout and the
 * development outbox"): per tenant and user, shared by every instance through Postgres. Consulted before the password
 * is checked (a locked account answers AADSTS50053 without a password hash being computed), fed by wrong passwords,
 * reset by a right one. The sign-in page calls the same three methods.
 */
@Injectable()
export class Lockout {
  private readonly threshold: number;
  private readonly durationSeconds: number;
  private readonly maxDurationSeconds: number;

  constructor(
    config: AppConfig,
    private readonly repo: LockoutRepository,
  ) {
    ({ threshold: this.threshold, durationSeconds: this.durationSeconds, maxDurationSeconds: this.maxDurationSeconds } = config.lockout);
  }

  /** When the user's lock ends, or null when not locked. */
  async lockedUntil(tenantId: string, userId: string, now = new Date()): Promise<Date | null> {
    if (this.threshold === 0) return null;
    const until = await this.repo.lockedUntil(tenantId, userId.toLowerCase());
    return until && new Date(until) > now ? new Date(until) : null;
  }

  /** Throws `StsError` AADSTS50053 (`invalid_grant`) while the account is locked. */
  async assertNotLocked(tenantId: string, userId: string): Promise<void> {
    if (await this.lockedUntil(tenantId, userId)) throw StsErrors.accountLocked();
  }

  /**
   * One wrong password (`fingerprint`: `passwordFingerprint(tenant, user, password)`). Answers whether the account is
   * locked now (the caller still answers this attempt as a wrong password, as Entra does, and later ones 50053).
   */
  async recordFailure(tenantId: string, userId: string, fingerprint: number): Promise<{ locked: boolean; lockedUntil: Date | null }> {
    if (this.threshold === 0) return { locked: false, lockedUntil: null };
    const r = await this.repo.recordFailure(tenantId, userId.toLowerCase(), fingerprint, this.threshold, this.durationSeconds, this.maxDurationSeconds);
    const lockedUntil = r.lockedUntil ? new Date(r.lockedUntil) : null;
    return { locked: lockedUntil !== null && lockedUntil > new Date(), lockedUntil };
  }

  /** A right password: the count and the lock history start again. */
  async recordSuccess(tenantId: string, userId: string): Promise<void> {
    if (this.threshold === 0) return;
    await this.repo.reset(tenantId, userId.toLowerCase());
  }
}
