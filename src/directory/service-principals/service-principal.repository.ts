import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../shared/query-result.js';
import { applyODataFilterOnly, readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import type { StoredAppRole, StoredWeb } from '../applications/application.entity.js';
import { ServicePrincipalEntity } from './service-principal.entity.js';
import { SERVICE_PRINCIPALS_ODATA } from './service-principal.odata.js';

const TABLE = 'directory_service_principals';
/** The principal and, for a registration of this tenant, what it shows of its app (app roles, redirect URIs). */
export const SERVICE_PRINCIPAL_COLUMNS = `s.id, s.app_id AS "appId", s.application_id AS "applicationId", s.display_name AS "displayName",
  s.account_enabled AS "accountEnabled", s.app_role_assignment_required AS "appRoleAssignmentRequired", s.description,
  s.notes, s.tags, s.created_by_app_id AS "createdByAppId", s.created_at AS "createdAt",
  a.display_name AS "appDisplayName", a.description AS "appDescription", a.sign_in_audience AS "signInAudience",
  a.identifier_uris AS "identifierUris", a.app_roles AS "appRoles", a.web, a.spa_redirect_uris AS "spaRedirectUris",
  a.public_client_redirect_uris AS "publicClientRedirectUris"`;
const JOIN = `LEFT JOIN directory_applications a ON a.tenant_id = s.tenant_id AND a.id = s.application_id`;

export interface ServicePrincipalRow {
  id: string;
  appId: string;
  applicationId: string | null;
  displayName: string | null;
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  description: string | null;
  notes: string | null;
  tags: string[];
  createdByAppId: string | null;
  createdAt: Date | string;
  appDisplayName: string | null;
  appDescription: string | null;
  signInAudience: string | null;
  identifierUris: string[] | null;
  appRoles: StoredAppRole[] | null;
  web: StoredWeb | null;
  spaRedirectUris: string[] | null;
  publicClientRedirectUris: string[] | null;
}

export interface ServicePrincipalChanges {
  accountEnabled?: boolean;
  appRoleAssignmentRequired?: boolean;
  description?: string | null;
  notes?: string | null;
  tags?: string[];
}
const COLUMNS = {
  accountEnabled: 'account_enabled',
  appRoleAssignmentRequired: 'app_role_assignment_required',
  description: 'description',
  notes: 'notes',
  tags: 'tags',
} as const;

/** Every query on service principals, tenant first. */
@Injectable()
export class ServicePrincipalRepository {
  constructor(
    @InjectRepository(ServicePrincipalEntity) private readonly repo: Repository<ServicePrincipalEntity>,
    private readonly tx: Transactions,
  ) {}

  private base(tenantId: string): SelectQueryBuilder<ServicePrincipalEntity> {
    return this.repo
      .createQueryBuilder('s')
      .leftJoin('directory_applications', 'a', 'a.tenant_id = s.tenant_id AND a.id = s.application_id')
      .where('s.tenant_id = :tenantId', { tenantId });
  }

  async findOne(tenantId: string, id: string): Promise<ServicePrincipalRow | null> {
    const rows: ServicePrincipalRow[] = await this.repo.query(
      `SELECT ${SERVICE_PRINCIPAL_COLUMNS} FROM ${TABLE} s ${JOIN} WHERE s.tenant_id = $1 AND s.id = $2`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The provider's read: the principal of a client id in this tenant. */
  async findByAppId(tenantId: string, appId: string): Promise<ServicePrincipalRow | null> {
    const rows: ServicePrincipalRow[] = await this.repo.query(
      `SELECT ${SERVICE_PRINCIPAL_COLUMNS} FROM ${TABLE} s ${JOIN} WHERE s.tenant_id = $1 AND s.app_id = $2`,
      [tenantId, appId],
    );
    return rows[0] ?? null;
  }

  list(tenantId: string, query: ODataQuery): Promise<{ rows: ServicePrincipalRow[]; count?: number }> {
    return readODataPage<ServicePrincipalRow>(this.base(tenantId), 's', SERVICE_PRINCIPALS_ODATA, query, SERVICE_PRINCIPAL_COLUMNS);
  }

  count(tenantId: string, query: ODataQuery): Promise<number> {
    return applyODataFilterOnly(this.base(tenantId), 's', SERVICE_PRINCIPALS_ODATA, query).getCount();
  }

  /**
   * Creates the principal unless its appId has one (false then: one principal per app and tenant). No conflict
   * target: two first reads of a tenant racing to create Graph's principal conflict on both keys at once.
   */
  async insert(
    tenantId: string,
    values: { id: string; appId: string; applicationId: string | null; displayName: string | null; createdByAppId: string | null } & ServicePrincipalChanges,
  ): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(
        `INSERT INTO ${TABLE} (tenant_id, id, app_id, application_id, display_name, created_by_app_id, account_enabled,
           app_role_assignment_required, description, notes, tags)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          tenantId,
          values.id,
          values.appId,
          values.applicationId,
          values.displayName,
          values.createdByAppId,
          values.accountEnabled ?? true,
          values.appRoleAssignmentRequired ?? false,
          values.description ?? null,
          values.notes ?? null,
          values.tags ?? [],
        ],
      ),
    );
    return rows.length > 0;
  }

  async update(tenantId: string, id: string, changes: ServicePrincipalChanges): Promise<boolean> {
    const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => changes[k] !== undefined);
    if (keys.length === 0) return (await this.findOne(tenantId, id)) !== null;
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(`UPDATE ${TABLE} SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`).join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [
        tenantId,
        id,
        ...keys.map((k) => changes[k]),
      ]),
    );
    return returnedRows(rows).length > 0;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) => m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]));
    return returnedRows(rows).length > 0;
  }
}
