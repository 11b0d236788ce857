import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { pgCode, Transactions } from '../../database/transactions.js';
import { applyODataFilterOnly, readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import { returnedRows } from '../shared/query-result.js';
import { OAuth2PermissionGrantEntity } from './oauth2-permission-grant.entity.js';
import { OAUTH2_GRANTS_ODATA } from './oauth2-permission-grant.odata.js';

const TABLE = 'directory_oauth2_permission_grants';
const COLUMNS = `g.id, g.client_id AS "clientId", g.consent_type AS "consentType", g.principal_id AS "principalId",
  g.resource_id AS "resourceId", g.scope`;
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export type OAuth2PermissionGrantRow = Pick<OAuth2PermissionGrantEntity, 'id' | 'clientId' | 'consentType' | 'principalId' | 'resourceId' | 'scope'>;

/** Every query on delegated consent, tenant first. */
@Injectable()
export class OAuth2PermissionGrantRepository {
  constructor(
    @InjectRepository(OAuth2PermissionGrantEntity) private readonly repo: Repository<OAuth2PermissionGrantEntity>,
    private readonly tx: Transactions,
  ) {}

  private base(tenantId: string): SelectQueryBuilder<OAuth2PermissionGrantEntity> {
    return this.repo.createQueryBuilder('g').where('g.tenant_id = :tenantId', { tenantId });
  }

  list(tenantId: string, query: ODataQuery): Promise<{ rows: OAuth2PermissionGrantRow[]; count?: number }> {
    return readODataPage<OAuth2PermissionGrantRow>(this.base(tenantId), 'g', OAUTH2_GRANTS_ODATA, query, COLUMNS);
  }

  count(tenantId: string, query: ODataQuery): Promise<number> {
    return applyODataFilterOnly(this.base(tenantId), 'g', OAUTH2_GRANTS_ODATA, query).getCount();
  }

  async findOne(tenantId: string, id: string): Promise<OAuth2PermissionGrantRow | null> {
    return (await this.base(tenantId).select(COLUMNS).andWhere('g.id = :id', { id }).getRawOne<OAuth2PermissionGrantRow>()) ?? null;
  }

  /** The provider's read: the grants a client holds on a resource, for all users and for this user. */
  forSignIn(tenantId: string, clientId: string, resourceId: string, userId: string): Promise<OAuth2PermissionGrantRow[]> {
    return this.base(tenantId)
      .select(COLUMNS)
      .andWhere('g.client_id = :clientId AND g.resource_id = :resourceId', { clientId, resourceId })
      .andWhere("(g.consent_type = 'AllPrincipals' OR g.principal_id = :userId)", { userId })
      .getRawMany<OAuth2PermissionGrantRow>();
  }

  /** 'created', 'duplicate' (that client, resource and principal have a grant), or 'gone' (an end was deleted). */
  async insert(tenantId: string, row: OAuth2PermissionGrantRow): Promise<'created' | 'duplicate' | 'gone'> {
    try {
      await this.tx.run((m) =>
        m.query(`INSERT INTO ${TABLE} (tenant_id, id, client_id, consent_type, principal_id, resource_id, scope) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          tenantId,
          row.id,
          row.clientId,
          row.consentType,
          row.principalId,
          row.resourceId,
          row.scope,
        ]),
      );
      return 'created';
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) return 'duplicate';
      if (pgCode(e) === FOREIGN_KEY_VIOLATION) return 'gone';
      throw e;
    }
  }

  async updateScope(tenantId: string, id: string, scope: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(`UPDATE ${TABLE} SET scope = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id, scope]),
    );
    return returnedRows(rows).length > 0;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) => m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]));
    return returnedRows(rows).length > 0;
  }
}
