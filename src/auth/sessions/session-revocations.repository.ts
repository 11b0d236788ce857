import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ChangeFeed } from '../../database/change-feed.js';
import { Transactions } from '../../database/transactions.js';

const TABLE = 'user_session_revocations';
/** ChangeFeed topic: a user's sessions state changed (key: `tenant/user`). */
export const SESSIONS_TOPIC = 'user-sessions';

/** What the token stage needs of a user: seconds since the epoch, 0 when never revoked. */
export interface SessionState {
  readonly validFrom: number;
  readonly disabled: boolean;
}

export const NO_REVOCATION: SessionState = { validFrom: 0, disabled: false };
export const sessionKey = (tenantId: string, userId: string) => `${tenantId}/${userId.toLowerCase()}`;

/**
 * Every query on `user_session_revocations`, tenant first. Writes run inside the caller's transaction (the
 * user's update or delete, or the revocation itself) and announce the change, delivered to every instance on
 * commit. `valid_from` is whole seconds (tokens' `iat` is), and the database's clock, one for all instances.
 */
@Injectable()
export class SessionRevocationsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feed: ChangeFeed,
    private readonly tx: Transactions,
  ) {}

  /** revokeSignInSessions: `revoke` in a transaction of its own. */
  async revokeNow(tenantId: string, userId: string): Promise<number> {
    return this.tx.run((m) => this.revoke(m, tenantId, userId));
  }

  async find(tenantId: string, userId: string): Promise<SessionState> {
    const rows: { validFrom: string; disabled: boolean }[] = await this.db.query(
      `SELECT extract(epoch FROM valid_from)::bigint AS "validFrom", disabled FROM ${TABLE} WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId],
    );
    return rows.length ? { validFrom: Number(rows[0].validFrom), disabled: rows[0].disabled } : NO_REVOCATION;
  }

  /**
   * Tokens issued from now on only (revokeSignInSessions, deletion). `disabled` also records the account's
   * state when given. Returns the new `validFrom` (epoch seconds).
   */
  async revoke(m: EntityManager, tenantId: string, userId: string, disabled?: boolean): Promise<number> {
    const rows: { validFrom: string }[] = await m.query(
      `INSERT INTO ${TABLE} AS r (tenant_id, user_id, valid_from, disabled)
       VALUES ($1, $2, date_trunc('second', now()), coalesce($3, false))
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET valid_from = EXCLUDED.valid_from, disabled = coalesce($3, r.disabled)
       RETURNING extract(epoch FROM r.valid_from)::bigint AS "validFrom"`,
      [tenantId, userId.toLowerCase(), disabled ?? null],
    );
    await this.feed.publish(m, SESSIONS_TOPIC, sessionKey(tenantId, userId));
    return Number(rows[0].validFrom);
  }

  /** The account was enabled again: new tokens are good; those from before stay refused (`valid_from` kept). */
  async enable(m: EntityManager, tenantId: string, userId: string): Promise<void> {
    const result: [unknown[], number] = await m.query(`UPDATE ${TABLE} SET disabled = false WHERE tenant_id = $1 AND user_id = $2 AND disabled`, [
      tenantId,
      userId.toLowerCase(),
    ]);
    if (result[1] > 0) await this.feed.publish(m, SESSIONS_TOPIC, sessionKey(tenantId, userId));
  }
}
