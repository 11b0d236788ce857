import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SoftDeletingCaRepository, type RowScope } from '../ca-repository.js';
import { readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import type { SqlFragment } from '../../graph/odata/document-filter.js';
import { RETENTION_DAYS } from '../deleted-items/retention.js';
import type { PolicyDocument } from './policy-document.js';
import { POLICY_LIST_QUERY } from './policy.odata.js';

export interface PolicyRow extends PolicyDocument {
  id: string;
  createdAt: Date;
  modifiedAt: Date | null;
  deletedAt: Date | null;
}

const COLUMNS = `p.id, p.display_name AS "displayName", p.description, p.state, p.conditions,
  p.grant_controls AS "grantControls", p.session_controls AS "sessionControls", p.template_id AS "templateId",
  p.created_at AS "createdAt", p.modified_at AS "modifiedAt", p.deleted_at AS "deletedAt"`;

export type PolicyScope = RowScope;

/** Every query on `ca_policies`; always scoped by tenant. Writes take the caller's transaction; a purge cascades to the reference rows. */
@Injectable()
export class PoliciesRepository extends SoftDeletingCaRepository<PolicyRow> {
  protected readonly table = 'ca_policies';
  protected readonly alias = 'p';
  protected readonly columns = COLUMNS;

  /** One page plus the count when asked; `documentFilter` is the jsonb part of `$filter` (document-filter.ts). */
  list(tenantId: string, scope: PolicyScope, query: ODataQuery, documentFilter?: SqlFragment): Promise<{ rows: PolicyRow[]; count?: number }> {
    return readODataPage<PolicyRow>(this.scoped(tenantId, scope, documentFilter), 'p', POLICY_LIST_QUERY, query, COLUMNS);
  }

  /** `…/policies/$count`: the live policies `$filter` keeps. */
  count(tenantId: string, documentFilter?: SqlFragment): Promise<number> {
    return this.scoped(tenantId, 'live', documentFilter).getCount();
  }

  async insert(m: EntityManager, tenantId: string, id: string, doc: PolicyDocument): Promise<PolicyRow> {
    await this.evaluations.changed(m, tenantId);
    const rows: PolicyRow[] = await m.query(
      `INSERT INTO ca_policies AS p (tenant_id, id, display_name, description, state, conditions, grant_controls,
         session_controls, template_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [tenantId, id, ...docValues(doc)],
    );
    return rows[0];
  }

  async update(m: EntityManager, tenantId: string, id: string, doc: PolicyDocument): Promise<void> {
    await this.evaluations.changed(m, tenantId);
    await m.query(
      `UPDATE ca_policies SET display_name = $3, description = $4, state = $5, conditions = $6, grant_controls = $7,
         session_controls = $8, template_id = $9, modified_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, ...docValues(doc)],
    );
  }

  /** Soft-deleted policies past the retention period are gone for good. */
  async purgeExpired(tenantId: string): Promise<void> {
    await this.tx.run((m) => m.query(`DELETE FROM ca_policies WHERE tenant_id = $1 AND deleted_at <= now() - interval '${RETENTION_DAYS} days'`, [tenantId]));
  }

  /** Live policies naming a strength, in full (authenticationStrength `usage`). */
  /** `m`: the caller's transaction, when it holds a lock on the strength (no second pool connection). */
  async liveNamingStrength(tenantId: string, strengthId: string, m: Pick<EntityManager, 'query'> = this.db): Promise<PolicyRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM ca_policies p WHERE p.tenant_id = $1 AND ${this.inScope('live')}
         AND p.grant_controls @> jsonb_build_object('authenticationStrength', jsonb_build_object('id', $2::text))
       ORDER BY p.display_name, p.id`,
      [tenantId, strengthId],
    );
  }
}

function docValues(doc: PolicyDocument): unknown[] {
  return [
    doc.displayName,
    doc.description,
    doc.state,
    JSON.stringify(doc.conditions),
    doc.grantControls === null ? null : JSON.stringify(doc.grantControls),
    doc.sessionControls === null ? null : JSON.stringify(doc.sessionControls),
    doc.templateId,
  ];
}
