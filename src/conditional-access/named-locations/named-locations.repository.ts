import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SoftDeletingCaRepository, type RowScope } from '../ca-repository.js';
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

export type LocationScope = RowScope;

const COLUMNS = `n.id, n.kind, n.display_name AS "displayName", n.is_trusted AS "isTrusted", n.document,
  n.created_at AS "createdAt", n.modified_at AS "modifiedAt", n.deleted_at AS "deletedAt"`;

/** Every query on `ca_named_locations`, scoped by tenant; writes take the caller's transaction. */
@Injectable()
export class NamedLocationsRepository extends SoftDeletingCaRepository<NamedLocationRow> {
  protected readonly table = 'ca_named_locations';
  protected readonly alias = 'n';
  protected readonly columns = COLUMNS;

  list(tenantId: string, scope: LocationScope, query: ODataQuery, filter?: SqlFragment) {
    return readODataPage<NamedLocationRow>(this.scoped(tenantId, scope, filter), 'n', NAMED_LOCATION_LIST_QUERY, query, COLUMNS);
  }

  /** `…/namedLocations/$count`: the live locations `$filter` keeps. */
  count(tenantId: string, filter?: SqlFragment): Promise<number> {
    return this.scoped(tenantId, 'live', filter).getCount();
  }

  /**
   * Serialises the tenant's location writes that change the count (create, restore) for the limit check:
   * a transaction-scoped advisory lock per tenant, so two creates cannot both see 194.
   */
  async lockTenantCount(m: EntityManager, tenantId: string): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('ca_named_locations:' || $1, 0))`, [tenantId]);
    const live = this.inScope('live');
    const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ca_named_locations n WHERE n.tenant_id = $1 AND ${live}`, [tenantId]);
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
