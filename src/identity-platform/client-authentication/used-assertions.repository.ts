import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';

/** Every query on used client assertions, tenant first. */
@Injectable()
export class UsedAssertionsRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * Records a `jti` as used; false when it already was (a replay). One statement, so two concurrent requests with
   * the same assertion cannot both win. Expired entries of the client are dropped on the way.
   */
  remember(tenantId: string, appId: string, jti: string, expiresAt: Date): Promise<boolean> {
    return this.tx.run(async (m) => {
      await m.query('DELETE FROM identity_platform_used_assertions WHERE tenant_id = $1 AND app_id = $2 AND expires_at < now()', [tenantId, appId]);
      const rows: unknown[] = await m.query(
        `INSERT INTO identity_platform_used_assertions (tenant_id, app_id, jti, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING jti`,
        [tenantId, appId, jti, expiresAt],
      );
      return rows.length === 1;
    });
  }
}
