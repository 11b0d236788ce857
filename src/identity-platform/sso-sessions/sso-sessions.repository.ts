import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';

/** A live session as stored: whose, how and when the user signed in. */
export interface SsoSessionRow {
  userId: string;
  methods: string[];
  authTime: Date;
}

/** Every query on single sign-on sessions, tenant first; times by the database's clock. */
@Injectable()
export class SsoSessionsRepository {
  constructor(private readonly tx: Transactions) {}

  insert(tenantId: string, idHash: string, userId: string, methods: readonly string[], authTime: Date, lifetimeSeconds: number): Promise<void> {
    return this.tx.run(async (m) => {
      await m.query(
        `INSERT INTO identity_platform_sso_sessions (tenant_id, id_hash, user_id, methods, auth_time, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [tenantId, idHash, userId, JSON.stringify(methods), authTime, lifetimeSeconds],
      );
    });
  }

  /** The session unless it has expired (an expired row is deleted on the way). */
  findLive(tenantId: string, idHash: string): Promise<SsoSessionRow | null> {
    return this.tx.run(async (m) => {
      await m.query(`DELETE FROM identity_platform_sso_sessions WHERE tenant_id = $1 AND id_hash = $2 AND expires_at <= now()`, [tenantId, idHash]);
      const rows: { user_id: string; methods: string[]; auth_time: Date }[] = await m.query(
        `SELECT user_id, methods, auth_time FROM identity_platform_sso_sessions WHERE tenant_id = $1 AND id_hash = $2`,
        [tenantId, idHash],
      );
      const r = rows[0];
      return r ? { userId: r.user_id, methods: r.methods, authTime: r.auth_time } : null;
    });
  }

  delete(tenantId: string, idHash: string): Promise<void> {
    return this.tx.run(async (m) => {
      await m.query(`DELETE FROM identity_platform_sso_sessions WHERE tenant_id = $1 AND id_hash = $2`, [tenantId, idHash]);
    });
  }
}
