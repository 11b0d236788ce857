import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type CodeCheck = 'valid' | 'wrong' | 'expired' | 'none';

/** Every query on `identity_platform_one_time_codes` and the TAP's single use, tenant first. */
@Injectable()
export class OneTimeCodesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The method's pending code, replacing any earlier one. */
  async put(tenantId: string, userId: string, methodId: string, salt: string, codeHash: string, expiresAt: Date, attempts: number): Promise<void> {
    await this.db.query(
      `INSERT INTO identity_platform_one_time_codes (tenant_id, user_id, method_id, salt, code_hash, expires_at, attempts_left)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, user_id, method_id) DO UPDATE SET salt = $4, code_hash = $5, expires_at = $6, attempts_left = $7`,
      [tenantId, userId, methodId, salt, codeHash, expiresAt, attempts],
    );
  }

  async find(tenantId: string, userId: string, methodId: string): Promise<{ salt: string; codeHash: string; expiresAt: Date; attemptsLeft: number } | null> {
    const rows = await this.db.query(
      `SELECT salt, code_hash AS "codeHash", expires_at AS "expiresAt", attempts_left AS "attemptsLeft"
         FROM identity_platform_one_time_codes WHERE tenant_id = $1 AND user_id = $2 AND method_id = $3`,
      [tenantId, userId, methodId],
    );
    return rows[0] ?? null;
  }

  /** Uses up the code when `hash` matches (one statement: two concurrent right answers cannot both win). */
  async consume(tenantId: string, userId: string, methodId: string, codeHash: string): Promise<boolean> {
    const rows: unknown = await this.db.query(
      `DELETE FROM identity_platform_one_time_codes
        WHERE tenant_id = $1 AND user_id = $2 AND method_id = $3 AND code_hash = $4 AND expires_at > now() AND attempts_left > 0
        RETURNING method_id`,
      [tenantId, userId, methodId, codeHash],
    );
    return rowsOf(rows).length > 0;
  }

  /** One wrong attempt; the code goes when none are left. */
  async spendAttempt(tenantId: string, userId: string, methodId: string): Promise<void> {
    await this.db.query(
      `UPDATE identity_platform_one_time_codes SET attempts_left = attempts_left - 1
        WHERE tenant_id = $1 AND user_id = $2 AND method_id = $3`,
      [tenantId, userId, methodId],
    );
    await this.db.query(`DELETE FROM identity_platform_one_time_codes WHERE tenant_id = $1 AND user_id = $2 AND method_id = $3 AND attempts_left <= 0`, [
      tenantId,
      userId,
      methodId,
    ]);
  }

  /** Marks a one-time TAP used, unless it already was (single use under concurrency). */
  async useTemporaryAccessPassOnce(tenantId: string, userId: string, methodId: string, at: string): Promise<boolean> {
    const rows: unknown = await this.db.query(
      `UPDATE authentication_methods SET properties = properties || jsonb_build_object('usedDateTime', $4::text)
        WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND kind = 'temporaryAccessPass' AND NOT (properties ? 'usedDateTime')
        RETURNING id`,
      [tenantId, userId, methodId, at],
    );
    return rowsOf(rows).length > 0;
  }
}

/** `query()` answers `[rows, count]` for UPDATE/DELETE … RETURNING through the pg driver. */
const rowsOf = (r: unknown): unknown[] => (Array.isArray(r) && Array.isArray(r[0]) ? (r[0] as unknown[]) : Array.isArray(r) ? r : []);
