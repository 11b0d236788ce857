import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** How many distinct wrong passwords are remembered (Entra: the last three bad password hashes). */
export const REMEMBERED_FINGERPRINTS = 3;

export interface FailureOutcome {
  /** The account is locked until then after this failure (null: not locked). */
  lockedUntil: Date | null;
  failures: number;
}

/** Every query on `identity_platform_lockouts`, tenant first. */
@Injectable()
export class LockoutRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lockedUntil(tenantId: string, userId: string): Promise<Date | null> {
    const rows: { lockedUntil: Date | null }[] = await this.db.query(
      `SELECT locked_until AS "lockedUntil" FROM identity_platform_lockouts WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId],
    );
    return rows[0]?.lockedUntil ?? null;
  }

  /**
   * One failure, atomically (one statement, so instances sharing the database count together): a fingerprint among
   * the remembered ones changes nothing; otherwise the count grows and, at the threshold (or on any failure after a
   * lock has ended), the account locks for `duration * 2^lockouts` seconds, capped.
   */
  async recordFailure(
    tenantId: string,
    userId: string,
    fingerprint: number,
    threshold: number,
    durationSeconds: number,
    maxDurationSeconds: number,
  ): Promise<FailureOutcome> {
    const rows: FailureOutcome[] = await this.db.query(
      `INSERT INTO identity_platform_lockouts AS l (tenant_id, user_id, failures, recent_fingerprints, locked_until, lockouts, updated_at)
       SELECT $1, $2, 1, ARRAY[$3::int], CASE WHEN $4 <= 1 THEN now() + make_interval(secs => $5) END, CASE WHEN $4 <= 1 THEN 1 ELSE 0 END, now()
         FROM users u WHERE u.tenant_id = $1 AND u.id = $2
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET
         failures = CASE WHEN $3 = ANY (l.recent_fingerprints) THEN l.failures ELSE l.failures + 1 END,
         recent_fingerprints = CASE WHEN $3 = ANY (l.recent_fingerprints) THEN l.recent_fingerprints
           ELSE (ARRAY[$3::int] || l.recent_fingerprints)[1:${REMEMBERED_FINGERPRINTS}] END,
         locked_until = CASE
           WHEN $3 = ANY (l.recent_fingerprints) OR (l.locked_until IS NOT NULL AND l.locked_until > now()) THEN l.locked_until
           WHEN l.failures + 1 >= $4 THEN now() + make_interval(secs => least($6::float8, $5::float8 * power(2, l.lockouts)))
           ELSE l.locked_until END,
         lockouts = CASE
           WHEN $3 = ANY (l.recent_fingerprints) OR (l.locked_until IS NOT NULL AND l.locked_until > now()) THEN l.lockouts
           WHEN l.failures + 1 >= $4 THEN l.lockouts + 1
           ELSE l.lockouts END,
         updated_at = now()
       WHERE l.tenant_id = $1 AND l.user_id = $2
       RETURNING l.locked_until AS "lockedUntil", l.failures`,
      [tenantId, userId, fingerprint, threshold, durationSeconds, maxDurationSeconds],
    );
    return rows[0] ?? { lockedUntil: null, failures: 0 };
  }

  async reset(tenantId: string, userId: string): Promise<void> {
    await this.db.query(`DELETE FROM identity_platform_lockouts WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
  }
}
