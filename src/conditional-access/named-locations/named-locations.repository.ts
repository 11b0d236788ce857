import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { SignInEvaluationCache } from '../evaluation/sign-in-evaluation.cache.js';
import { returnedRows } from '../schema/ca-responses.js';
import type { SqlFragment } from '../../graph/odata/document-filter.js';
import { readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import { RETENTION_DAYS } from '../deleted-items/retention.js';
import type { NamedLocationInput } from './named-location-rules.js';
import { NAMED_LOCATION_LIST_QUERY } from './named-location.odata.js';

export interface NamedLocationRow extends NamedLocationInput {
  id: string;
  createdAt: Date;
  modifiedAt: Date;
  deletedAt: Date | null;
}

export type LocationScope = 'live' | 'deleted';

const COLUMNS = `n.id, n.kind, n.display_name AS "displayName", n.is_trusted AS "isTrusted", n.document,
  n.created_at AS "createdAt", n.modified_at AS "modifiedAt", n.deleted_at AS "deletedAt"`;
const LIVE = `n.deleted_at IS NULL`;
const DELETED = `n.deleted_at IS NOT NULL AND n.deleted_at > now() - interval '${RETENTION_DAYS} days'`;
const scoped = (s: LocationScope) => (s === 'live' ? LIVE : DELETED);

/** Every query on `ca_named_locations`, scoped by tenant; writes take the caller's transaction. */
@Injectable()
export class NamedLocationsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly evaluations: SignInEvaluationCache,
  ) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    // Transactions: READ COMMITTED (Postgres's default, which the locking scheme relies on), deadline, retries.
    // Through the evaluation cache: the tenants a write changed are forgotten on this instance when it ends.
    return this.evaluations.transaction(this.tx, work);
  }

  async findOne(tenantId: string, id: string, scope: LocationScope): Promise<NamedLocationRow | null> {
    const rows: NamedLocationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM ca_named_locations n WHERE n.tenant_id = $1 AND n.id = $2 AND ${scoped(scope)}`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  async lock(m: EntityManager, tenantId: string, id: string, scope: LocationScope): Promise<NamedLocationRow | null> {
    const rows: NamedLocationRow[] = await m.query(
      `SELECT ${COLUMNS} FROM ca_named_locations n WHERE n.tenant_id = $1 AND n.id = $2 AND ${scoped(scope)} FOR UPDATE`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  list(tenantId: string, scope: LocationScope, query: ODataQuery, filter?: SqlFragment) {
    return readODataPage<NamedLocationRow>(this.scoped(tenantId, scope, filter), 'n', NAMED_LOCATION_LIST_QUERY, query, COLUMNS);
  }

  /** `…/namedLocations/$count`: the live locations `$filter` keeps. */
  count(tenantId: string, filter?: SqlFragment): Promise<number> {
    return this.scoped(tenantId, 'live', filter).getCount();
  }

  private scoped(tenantId: string, scope: LocationScope, filter?: SqlFragment) {
    const qb = this.db.createQueryBuilder().from('ca_named_locations', 'n').where('n.tenant_id = :tenantId', { tenantId }).andWhere(scoped(scope));
    return filter ? qb.andWhere(filter.sql, filter.params) : qb;
  }

  /**
   * Serialises the tenant's location writes that change the count (create, restore) for the limit check:
   * a transaction-scoped advisory lock per tenant, so two creates cannot both see 194.
   */
  async lockTenantCount(m: EntityManager, tenantId: string): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('ca_named_locations:' || $1, 0))`, [tenantId]);
    const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ca_named_locations n WHERE n.tenant_id = $1 AND ${LIVE}`, [tenantId]);
    return rows[0].n;
  }

  async insert(m: EntityManager, tenantId: string, id: string, v: NamedLocationInput): Promise<NamedLocationRow> {
    await this.evaluations.changed(m, tenantId);
    const rows: NamedLocationRow[] = await m.query(
      `INSERT INTO ca_named_locations AS n (tenant_id, id, kind, display_name, is_trusted, document)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [tenantId, id, v.kind, v.displayName, v.isTrusted, JSON.stringify(v.document)],
    );
    return rows[0];
  }

  async update(m: EntityManager, tenantId: string, id: string, v: NamedLocationInput): Promise<void> {
    await this.evaluations.changed(m, tenantId);
    await m.query(
      `UPDATE ca_named_locations SET display_name = $3, is_trusted = $4, document = $5, modified_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, v.displayName, v.isTrusted, JSON.stringify(v.document)],
    );
  }

  async softDelete(m: EntityManager, tenantId: string, id: string): Promise<void> {
    await this.evaluations.changed(m, tenantId);
    await m.query(`UPDATE ca_named_locations SET deleted_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async restore(m: EntityManager, tenantId: string, id: string): Promise<NamedLocationRow> {
    await this.evaluations.changed(m, tenantId);
    const rows = returnedRows<NamedLocationRow>(
      await m.query(`UPDATE ca_named_locations AS n SET deleted_at = NULL WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenantId, id]),
    );
    return rows[0];
  }

  async purge(m: EntityManager, tenantId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM ca_named_locations WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NOT NULL`, [tenantId, id]);
  }

  /**
   * Expired soft-deleted locations go for good. Only soft-deleted policies can still name them (a live
   * policy cannot name a deleted location), so their reference rows go first; their restore re-checks.
   */
  async purgeExpired(tenantId: string): Promise<void> {
    const expired = `SELECT id FROM ca_named_locations WHERE tenant_id = $1 AND deleted_at <= now() - interval '${RETENTION_DAYS} days'`;
    await this.tx.run(async (m) => {
      await m.query(
        `DELETE FROM ca_policy_references r USING ca_policies p
         WHERE r.tenant_id = $1 AND r.location_id IN (${expired})
           AND p.tenant_id = r.tenant_id AND p.id = r.policy_id AND p.deleted_at IS NOT NULL`,
        [tenantId],
      );
      await m.query(
        `DELETE FROM ca_named_locations n WHERE n.tenant_id = $1 AND n.id IN (${expired})
           AND NOT EXISTS (SELECT 1 FROM ca_policy_references r WHERE r.tenant_id = n.tenant_id AND r.location_id = n.id)`,
        [tenantId],
      );
    });
  }
}
