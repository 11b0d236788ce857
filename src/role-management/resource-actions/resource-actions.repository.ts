import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ChangeFeed } from '../../database/change-feed.js';
import { Transactions } from '../../database/transactions.js';

const TABLE = 'resource_action_bindings';
/** ChangeFeed topic: a tenant's bindings changed (key: the tenant id). */
export const BINDINGS_TOPIC = 'resource-action-bindings';

/** Why a binding was not written. */
export type BindRefusal = 'unknownContext' | 'unpublishedContext';

/** Every query on `resource_action_bindings`, always tenant first. */
@Injectable()
export class ResourceActionsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly feed: ChangeFeed,
  ) {}

  /** The tenant's bindings: action id → context id. */
  async bindings(tenantId: string): Promise<Map<string, string>> {
    const rows: { actionId: string; contextId: string }[] = await this.db.query(
      `SELECT action_id AS "actionId", context_id AS "contextId" FROM ${TABLE} WHERE tenant_id = $1`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.actionId, r.contextId]));
  }

  /**
   * Binds `contextId` to the action, or clears the binding (`null`). The context's row is locked (FOR SHARE)
   * while it is checked to be published, so an unpublish (which locks it FOR UPDATE and then looks for
   * bindings) cannot slip in between; every instance hears of the change on commit.
   */
  async bind(tenantId: string, actionId: string, contextId: string | null): Promise<BindRefusal | undefined> {
    return this.tx.run(async (m) => {
      if (contextId === null) {
        await m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND action_id = $2`, [tenantId, actionId]);
      } else {
        const rows: { isAvailable: boolean }[] = await m.query(
          `SELECT is_available AS "isAvailable" FROM authentication_context_class_references
           WHERE tenant_id = $1 AND id = $2 FOR SHARE`,
          [tenantId, contextId],
        );
        if (!rows.length) return 'unknownContext';
        if (!rows[0].isAvailable) return 'unpublishedContext';
        await m.query(
          `INSERT INTO ${TABLE} (tenant_id, action_id, context_id) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, action_id) DO UPDATE SET context_id = EXCLUDED.context_id, updated_at = now()`,
          [tenantId, actionId, contextId],
        );
      }
      await this.feed.publish(m, BINDINGS_TOPIC, tenantId);
      return undefined;
    });
  }

  /** The actions bound to a context; inside the caller's transaction `m` (after it locked the context) if given. */
  async actionsBoundTo(tenantId: string, contextId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { actionId: string }[] = await m.query(
      `SELECT action_id AS "actionId" FROM ${TABLE} WHERE tenant_id = $1 AND context_id = $2 ORDER BY action_id`,
      [tenantId, contextId],
    );
    return rows.map((r) => r.actionId);
  }
}
