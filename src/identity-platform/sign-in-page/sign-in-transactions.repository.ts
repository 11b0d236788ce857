import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../../directory/shared/query-result.js';

export interface SignInTransactionRow {
  tenantId: string;
  bindingHash: string;
  request: Record<string, unknown>;
  step: string;
  userId: string | null;
  amr: string[];
  methods: string[];
  authTime: Date | null;
  expired: boolean;
  completed: boolean;
}

/** Every query on sign-in transactions, tenant first. */
@Injectable()
export class SignInTransactionsRepository {
  constructor(private readonly tx: Transactions) {}

  insert(tenantId: string, idHash: string, bindingHash: string, request: object, step: string, expiresAt: Date): Promise<void> {
    return this.tx.run(async (m) => {
      await m.query(`INSERT INTO identity_platform_sign_ins (tenant_id, id_hash, binding_hash, request, step, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        tenantId,
        idHash,
        bindingHash,
        JSON.stringify(request),
        step,
        expiresAt,
      ]);
    });
  }

  find(tenantId: string, idHash: string): Promise<SignInTransactionRow | null> {
    return this.tx.run(async (m) => {
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT tenant_id, binding_hash, request, step, user_id, amr, methods, auth_time, expires_at <= now() AS expired, completed_at IS NOT NULL AS completed
           FROM identity_platform_sign_ins WHERE tenant_id = $1 AND id_hash = $2`,
        [tenantId, idHash],
      );
      const r = rows[0];
      return r
        ? {
            tenantId: r.tenant_id as string,
            bindingHash: r.binding_hash as string,
            request: r.request as Record<string, unknown>,
            step: r.step as string,
            userId: r.user_id as string | null,
            amr: r.amr as string[],
            methods: r.methods as string[],
            authTime: r.auth_time as Date | null,
            expired: r.expired as boolean,
            completed: r.completed as boolean,
          }
        : null;
    });
  }

  /** Moves the transaction to `step` with who signed in and how, unless it is completed meanwhile. */
  advance(tenantId: string, idHash: string, step: string, userId: string, amr: string[], methods: string[]): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_sign_ins SET step = $3, user_id = $4, amr = $5, methods = $6, auth_time = COALESCE(auth_time, now())
          WHERE tenant_id = $1 AND id_hash = $2 AND completed_at IS NULL RETURNING 1`,
        [tenantId, idHash, step, userId, JSON.stringify(amr), JSON.stringify(methods)],
      );
      return returnedRows(result).length === 1;
    });
  }

  /** Sets the step (and the chosen method) of a transaction still open; false when it was completed or expired. */
  setStep(tenantId: string, idHash: string, step: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_sign_ins SET step = $3 WHERE tenant_id = $1 AND id_hash = $2 AND completed_at IS NULL AND expires_at > now() RETURNING 1`,
        [tenantId, idHash, step],
      );
      return returnedRows(result).length === 1;
    });
  }

  /** Counts a wrong second-factor code; the `limit`-th ends the transaction. Answers the count (0: not open). */
  recordSecondFactorFailure(tenantId: string, idHash: string, limit: number): Promise<number> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_sign_ins
            SET second_factor_failures = second_factor_failures + 1,
                completed_at = CASE WHEN second_factor_failures + 1 >= $3 THEN now() ELSE completed_at END
          WHERE tenant_id = $1 AND id_hash = $2 AND completed_at IS NULL RETURNING second_factor_failures`,
        [tenantId, idHash, limit],
      );
      const row = returnedRows(result)[0] as { second_factor_failures: number } | undefined;
      return row?.second_factor_failures ?? 0;
    });
  }

  /** Completes the transaction once: of two concurrent completions exactly one gets true. */
  complete(tenantId: string, idHash: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_sign_ins SET completed_at = now(), step = 'done'
          WHERE tenant_id = $1 AND id_hash = $2 AND completed_at IS NULL AND expires_at > now() RETURNING 1`,
        [tenantId, idHash],
      );
      return returnedRows(result).length === 1;
    });
  }
}
