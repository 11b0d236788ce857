import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SqlFragment } from '../graph/odata/document-filter.js';
import { readODataPage, type ODataQuery } from '../graph/odata/index.js';
import { SIGN_IN_LIST_QUERY } from './sign-in.odata.js';

export interface SignInRow {
  id: string;
  createdAt: Date;
  userId: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  appId: string | null;
  appDisplayName: string | null;
  servicePrincipalId: string | null;
  resourceId: string | null;
  resourceDisplayName: string | null;
  ipAddress: string | null;
  clientAppUsed: string | null;
  userAgent: string | null;
  correlationId: string | null;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  conditionalAccessStatus: string;
  appliedPolicies: Record<string, unknown>[];
  isInteractive: boolean;
  authenticationRequirement: string;
  details: Record<string, unknown>;
}

export interface NewSignIn extends SignInRow {
  tenantId: string;
  errorCode: number;
}

const COLUMNS = `s.id, s.created_at AS "createdAt", s.user_id AS "userId", s.user_principal_name AS "userPrincipalName",
  s.user_display_name AS "userDisplayName", s.app_id AS "appId", s.app_display_name AS "appDisplayName",
  s.service_principal_id AS "servicePrincipalId", s.resource_id AS "resourceId", s.resource_display_name AS "resourceDisplayName",
  s.ip_address AS "ipAddress", s.client_app_used AS "clientAppUsed", s.user_agent AS "userAgent", s.correlation_id AS "correlationId",
  s.status, s.conditional_access_status AS "conditionalAccessStatus", s.applied_policies AS "appliedPolicies",
  s.is_interactive AS "isInteractive", s.authentication_requirement AS "authenticationRequirement", s.details`;

/** Every query on `audit_sign_ins`, tenant first. */
@Injectable()
export class SignInLogsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One row, committed without waiting for the WAL flush (`synchronous_commit off`, this transaction only): a log line
   * lost to a database crash is acceptable, a token endpoint waiting ~6 ms on a busy disk for it is not (measured).
   */
  async insert(r: NewSignIn): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit TO OFF');
      await this.insertWith(m, r);
    });
  }

  private async insertWith(m: EntityManager, r: NewSignIn): Promise<void> {
    await m.query(
      `INSERT INTO audit_sign_ins (tenant_id, id, created_at, user_id, user_principal_name, user_display_name, app_id,
         app_display_name, service_principal_id, resource_id, resource_display_name, ip_address, client_app_used, user_agent,
         correlation_id, error_code, status, conditional_access_status, applied_policies, is_interactive,
         authentication_requirement, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19::jsonb, $20, $21, $22::jsonb)`,
      [
        r.tenantId,
        r.id,
        r.createdAt,
        r.userId,
        r.userPrincipalName,
        r.userDisplayName,
        r.appId,
        r.appDisplayName,
        r.servicePrincipalId,
        r.resourceId,
        r.resourceDisplayName,
        r.ipAddress,
        r.clientAppUsed,
        r.userAgent,
        r.correlationId,
        r.errorCode,
        JSON.stringify(r.status),
        r.conditionalAccessStatus,
        JSON.stringify(r.appliedPolicies),
        r.isInteractive,
        r.authenticationRequirement,
        JSON.stringify(r.details),
      ],
    );
  }

  async findOne(tenantId: string, id: string): Promise<SignInRow | null> {
    const rows: SignInRow[] = await this.db.query(`SELECT ${COLUMNS} FROM audit_sign_ins s WHERE s.tenant_id = $1 AND s.id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  list(tenantId: string, since: Date, interactiveOnly: boolean, query: ODataQuery, filter?: SqlFragment) {
    let qb = this.db
      .createQueryBuilder()
      .from('audit_sign_ins', 's')
      .where('s.tenant_id = :tenantId', { tenantId })
      .andWhere('s.created_at >= :since', { since });
    if (interactiveOnly) qb = qb.andWhere('s.is_interactive');
    if (filter) qb = qb.andWhere(filter.sql, filter.params);
    return readODataPage<SignInRow>(qb, 's', SIGN_IN_LIST_QUERY, query, COLUMNS);
  }

  /** Deletes at most `limit` of the tenant's rows created before `before`. */
  async pruneOlderThan(tenantId: string, before: Date, limit: number): Promise<number> {
    const result: unknown = await this.db.query(
      `DELETE FROM audit_sign_ins WHERE tenant_id = $1 AND id IN (
         SELECT id FROM audit_sign_ins WHERE tenant_id = $1 AND created_at < $2 ORDER BY created_at LIMIT $3)`,
      [tenantId, before, limit],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
}
