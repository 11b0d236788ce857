import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import type { SqlFragment } from '../graph/odata/document-filter.js';
import { RETENTION_DAYS } from './deleted-items/retention.js';
import { SignInEvaluationCache } from './evaluation/sign-in-evaluation.cache.js';
import { returnedRows } from './schema/ca-responses.js';

/**
 * What the repositories of the tables the sign-in evaluation reads share (policies, named locations, custom
 * strengths): the connection, and write transactions that tell the evaluation cache. Every query is scoped by
 * tenant; writes take the caller's transaction, and each write that changes what the evaluator reads calls
 * `evaluations.changed` inside it.
 */
@Injectable()
export abstract class CaRepository {
  constructor(
    @InjectDataSource() protected readonly db: DataSource,
    protected readonly tx: Transactions,
    protected readonly evaluations: SignInEvaluationCache,
  ) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    // Transactions: READ COMMITTED (Postgres's default, which the locking scheme relies on), deadline, retries.
    // Through the evaluation cache: the tenants a write changed are forgotten on this instance when it ends.
    return this.evaluations.transaction(this.tx, work);
  }
}

/** Which rows a call sees: live ones, or soft-deleted ones still within the retention period. */
export type RowScope = 'live' | 'deleted';

/**
 * A table whose deleted rows stay restorable in `deletedItems` for the retention period (policies, named
 * locations): one row by id in either scope, the tenant's rows of a scope, and a row's delete, restore and purge.
 * `table` is the table, `alias` the name every query here gives it, `columns` the returned columns (on `alias`).
 */
export abstract class SoftDeletingCaRepository<Row> extends CaRepository {
  protected abstract readonly table: string;
  protected abstract readonly alias: string;
  protected abstract readonly columns: string;

  /** The SQL condition that keeps a scope's rows (on `alias`). */
  protected inScope(scope: RowScope): string {
    const a = this.alias;
    return scope === 'live' ? `${a}.deleted_at IS NULL` : `${a}.deleted_at IS NOT NULL AND ${a}.deleted_at > now() - interval '${RETENTION_DAYS} days'`;
  }

  findOne(tenantId: string, id: string, scope: RowScope): Promise<Row | null> {
    return this.selectOne(this.db, tenantId, id, scope, false);
  }

  /** The row, locked for the rest of the transaction (update, delete, restore, purge). */
  lock(m: EntityManager, tenantId: string, id: string, scope: RowScope): Promise<Row | null> {
    return this.selectOne(m, tenantId, id, scope, true);
  }

  private async selectOne(q: Pick<EntityManager, 'query'>, tenantId: string, id: string, scope: RowScope, forUpdate: boolean): Promise<Row | null> {
    const a = this.alias;
    const rows: Row[] = await q.query(
      `SELECT ${this.columns} FROM ${this.table} ${a} WHERE ${a}.tenant_id = $1 AND ${a}.id = $2 AND ${this.inScope(scope)}${forUpdate ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The tenant's rows of a scope, narrowed by the jsonb part of `$filter` when given (document-filter.ts). */
  protected scoped(tenantId: string, scope: RowScope, documentFilter?: SqlFragment) {
    const qb = this.db
      .createQueryBuilder()
      .from(this.table, this.alias)
      .where(`${this.alias}.tenant_id = :tenantId`, { tenantId })
      .andWhere(this.inScope(scope));
    return documentFilter ? qb.andWhere(documentFilter.sql, documentFilter.params) : qb;
  }

  async softDelete(m: EntityManager, tenantId: string, id: string): Promise<void> {
    await this.evaluations.changed(m, tenantId);
    await m.query(`UPDATE ${this.table} SET deleted_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async restore(m: EntityManager, tenantId: string, id: string): Promise<Row> {
    await this.evaluations.changed(m, tenantId);
    const rows = returnedRows<Row>(
      await m.query(`UPDATE ${this.table} AS ${this.alias} SET deleted_at = NULL WHERE tenant_id = $1 AND id = $2 RETURNING ${this.columns}`, [tenantId, id]),
    );
    return rows[0];
  }

  /** Removes a soft-deleted row for good (what cascades from it is the table's business). */
  async purge(m: EntityManager, tenantId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NOT NULL`, [tenantId, id]);
  }
}
