import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { pgCode, Transactions } from '../../database/transactions.js';
import { applyODataFilterOnly, readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import { returnedRows } from '../shared/query-result.js';
import { AppRoleAssignmentEntity } from './app-role-assignment.entity.js';
import { APP_ROLE_ASSIGNMENTS_ODATA } from './app-role-assignment.odata.js';

const TABLE = 'directory_app_role_assignments';
const FOREIGN_KEY_VIOLATION = '23503';
/** The assignment with both ends' names (principal and resource are service principals of the tenant). */
const COLUMNS = `r.id, r.principal_id AS "principalId", r.principal_type AS "principalType", r.resource_id AS "resourceId",
  r.app_role_id AS "appRoleId", r.created_at AS "createdAt", p.display_name AS "principalDisplayName",
  s.display_name AS "resourceDisplayName", s.app_id AS "resourceAppId"`;

export interface AppRoleAssignmentRow {
  id: string;
  principalId: string;
  principalType: string;
  resourceId: string;
  appRoleId: string;
  createdAt: Date | string;
  principalDisplayName: string | null;
  resourceDisplayName: string | null;
  resourceAppId: string;
}

/** Which end of the assignment the URL's service principal is. */
export type AssignmentSide = 'principal' | 'resource';

/** Every query on app role assignments, tenant first. */
@Injectable()
export class AppRoleAssignmentRepository {
  constructor(
    @InjectRepository(AppRoleAssignmentEntity) private readonly repo: Repository<AppRoleAssignmentEntity>,
    private readonly tx: Transactions,
  ) {}

  private base(tenantId: string, side: AssignmentSide, spId: string): SelectQueryBuilder<AppRoleAssignmentEntity> {
    return this.repo
      .createQueryBuilder('r')
      .innerJoin('directory_service_principals', 'p', 'p.tenant_id = r.tenant_id AND p.id = r.principal_id')
      .innerJoin('directory_service_principals', 's', 's.tenant_id = r.tenant_id AND s.id = r.resource_id')
      .where('r.tenant_id = :tenantId', { tenantId })
      .andWhere(side === 'principal' ? 'r.principal_id = :spId' : 'r.resource_id = :spId', { spId });
  }

  list(tenantId: string, side: AssignmentSide, spId: string, query: ODataQuery): Promise<{ rows: AppRoleAssignmentRow[]; count?: number }> {
    return readODataPage<AppRoleAssignmentRow>(this.base(tenantId, side, spId), 'r', APP_ROLE_ASSIGNMENTS_ODATA, query, COLUMNS);
  }

  count(tenantId: string, side: AssignmentSide, spId: string, query: ODataQuery): Promise<number> {
    return applyODataFilterOnly(this.base(tenantId, side, spId), 'r', APP_ROLE_ASSIGNMENTS_ODATA, query).getCount();
  }

  async findOne(tenantId: string, side: AssignmentSide, spId: string, id: string): Promise<AppRoleAssignmentRow | null> {
    return (await this.base(tenantId, side, spId).select(COLUMNS).andWhere('r.id = :id', { id }).getRawOne<AppRoleAssignmentRow>()) ?? null;
  }

  /** Every application permission a client principal holds, on any resource (the provider's `roles`). */
  forPrincipal(tenantId: string, principalId: string): Promise<AppRoleAssignmentRow[]> {
    return this.base(tenantId, 'principal', principalId).select(COLUMNS).orderBy('r.created_at').getRawMany<AppRoleAssignmentRow>();
  }

  /**
   * Inserts the assignment: 'created', 'duplicate' when the principal already holds that role of that resource,
   * 'gone' when an end was deleted meanwhile (its foreign key).
   */
  async insert(
    tenantId: string,
    values: { id: string; principalId: string; resourceId: string; appRoleId: string },
  ): Promise<'created' | 'duplicate' | 'gone'> {
    try {
      const rows: unknown[] = await this.tx.run((m) =>
        m.query(
          `INSERT INTO ${TABLE} (tenant_id, id, principal_id, resource_id, app_role_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, principal_id, resource_id, app_role_id) DO NOTHING RETURNING id`,
          [tenantId, values.id, values.principalId, values.resourceId, values.appRoleId],
        ),
      );
      return rows.length > 0 ? 'created' : 'duplicate';
    } catch (e) {
      if (pgCode(e) === FOREIGN_KEY_VIOLATION) return 'gone';
      throw e;
    }
  }

  async delete(tenantId: string, side: AssignmentSide, spId: string, id: string): Promise<boolean> {
    const column = side === 'principal' ? 'principal_id' : 'resource_id';
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND ${column} = $2 AND id = $3 RETURNING id`, [tenantId, spId, id]),
    );
    return returnedRows(rows).length > 0;
  }
}
