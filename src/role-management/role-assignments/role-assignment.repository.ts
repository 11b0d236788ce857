import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { pgCode, Transactions } from '../../database/transactions.js';
import { returnedRows } from '../../directory/shared/query-result.js';
import { applyODataFilterOnly, readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { ROLE_ASSIGNMENTS_ODATA } from './role-assignment.odata.js';

const TABLE = 'directory_role_assignments';
const COLUMNS = `r.id, r.role_definition_id AS "roleDefinitionId", r.principal_id AS "principalId", r.directory_scope_id AS "directoryScopeId"`;
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export type RoleAssignmentRow = Pick<RoleAssignmentEntity, 'id' | 'roleDefinitionId' | 'principalId' | 'directoryScopeId'>;

/** Every query on directory role assignments, tenant first. */
@Injectable()
export class RoleAssignmentRepository {
  constructor(
    @InjectRepository(RoleAssignmentEntity) private readonly repo: Repository<RoleAssignmentEntity>,
    private readonly tx: Transactions,
  ) {}

  private base(tenantId: string): SelectQueryBuilder<RoleAssignmentEntity> {
    return this.repo.createQueryBuilder('r').where('r.tenant_id = :tenantId', { tenantId });
  }

  list(tenantId: string, query: ODataQuery): Promise<{ rows: RoleAssignmentRow[]; count?: number }> {
    return readODataPage<RoleAssignmentRow>(this.base(tenantId), 'r', ROLE_ASSIGNMENTS_ODATA, query, COLUMNS);
  }

  count(tenantId: string, query: ODataQuery): Promise<number> {
    return applyODataFilterOnly(this.base(tenantId), 'r', ROLE_ASSIGNMENTS_ODATA, query).getCount();
  }

  async findOne(tenantId: string, id: string): Promise<RoleAssignmentRow | null> {
    return (await this.base(tenantId).select(COLUMNS).andWhere('r.id = :id', { id }).getRawOne<RoleAssignmentRow>()) ?? null;
  }

  /** The provider's read (`wids`): the template ids of the roles a principal holds. */
  async roleIdsOf(tenantId: string, principalId: string): Promise<string[]> {
    const rows = await this.base(tenantId)
      .select('DISTINCT r.role_definition_id', 'id')
      .andWhere('r.principal_id = :principalId', { principalId })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** 'created', 'duplicate' (that principal holds that role at that scope), or 'gone' (the principal was deleted). */
  async insert(
    tenantId: string,
    row: { id: string; roleDefinitionId: string; userId: string | null; servicePrincipalId: string | null; directoryScopeId: string },
  ): Promise<'created' | 'duplicate' | 'gone'> {
    try {
      await this.tx.run((m) =>
        m.query(`INSERT INTO ${TABLE} (tenant_id, id, role_definition_id, user_id, service_principal_id, directory_scope_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
          tenantId,
          row.id,
          row.roleDefinitionId,
          row.userId,
          row.servicePrincipalId,
          row.directoryScopeId,
        ]),
      );
      return 'created';
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) return 'duplicate';
      if (pgCode(e) === FOREIGN_KEY_VIOLATION) return 'gone';
      throw e;
    }
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) => m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]));
    return returnedRows(rows).length > 0;
  }
}
