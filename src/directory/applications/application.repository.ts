import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../shared/query-result.js';
import { readODataPage, applyODataFilterOnly, type ODataQuery } from '../../graph/odata/index.js';
import { ApplicationEntity, type StoredKeyCredential, type StoredPasswordCredential } from './application.entity.js';
import { APPLICATIONS_ODATA } from './application.odata.js';
import type { ApplicationRow } from './application.representation.js';

const TABLE = 'directory_applications';
export const APPLICATION_COLUMNS = `a.id, a.app_id AS "appId", a.display_name AS "displayName", a.description, a.notes,
  a.sign_in_audience AS "signInAudience", a.identifier_uris AS "identifierUris", a.tags,
  a.is_fallback_public_client AS "isFallbackPublicClient", a.web, a.spa_redirect_uris AS "spaRedirectUris",
  a.public_client_redirect_uris AS "publicClientRedirectUris", a.app_roles AS "appRoles",
  a.required_resource_access AS "requiredResourceAccess", a.key_credentials AS "keyCredentials",
  a.password_credentials AS "passwordCredentials", a.created_by_app_id AS "createdByAppId", a.created_at AS "createdAt"`;

/** Graph property → column of the writable properties; never built from request text. */
const COLUMNS = {
  displayName: 'display_name',
  description: 'description',
  notes: 'notes',
  signInAudience: 'sign_in_audience',
  identifierUris: 'identifier_uris',
  tags: 'tags',
  isFallbackPublicClient: 'is_fallback_public_client',
  web: 'web',
  spaRedirectUris: 'spa_redirect_uris',
  publicClientRedirectUris: 'public_client_redirect_uris',
  appRoles: 'app_roles',
  requiredResourceAccess: 'required_resource_access',
  keyCredentials: 'key_credentials',
} as const;
const JSONB = new Set(['web', 'appRoles', 'requiredResourceAccess', 'keyCredentials']);

export type ApplicationChanges = Partial<Pick<ApplicationEntity, keyof typeof COLUMNS>>;

/** Every query on app registrations, tenant first. Writes are single statements inside `Transactions`. */
@Injectable()
export class ApplicationRepository {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly repo: Repository<ApplicationEntity>,
    private readonly tx: Transactions,
  ) {}

  async findOne(tenantId: string, id: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await this.repo.query(`SELECT ${APPLICATION_COLUMNS} FROM ${TABLE} a WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /** The provider's read: an app by its client id. */
  async findByAppId(tenantId: string, appId: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await this.repo.query(`SELECT ${APPLICATION_COLUMNS} FROM ${TABLE} a WHERE a.tenant_id = $1 AND a.app_id = $2`, [
      tenantId,
      appId,
    ]);
    return rows[0] ?? null;
  }

  list(tenantId: string, query: ODataQuery): Promise<{ rows: ApplicationRow[]; count?: number }> {
    const qb = this.repo.createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    return readODataPage<ApplicationRow>(qb, 'a', APPLICATIONS_ODATA, query, APPLICATION_COLUMNS);
  }

  count(tenantId: string, query: ODataQuery): Promise<number> {
    const qb = this.repo.createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    return applyODataFilterOnly(qb, 'a', APPLICATIONS_ODATA, query).getCount();
  }

  /** Inserts a new registration; null when the appId is taken in the tenant (the caller answers 400). */
  async insert(
    tenantId: string,
    id: string,
    appId: string,
    createdByAppId: string | null,
    values: ApplicationChanges & { displayName: string },
  ): Promise<ApplicationRow | null> {
    const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => values[k] !== undefined);
    const params: unknown[] = [tenantId, id, appId, createdByAppId, ...keys.map((k) => (JSONB.has(k) ? JSON.stringify(values[k]) : values[k]))];
    const rows: ApplicationRow[] = await this.tx.run((m) =>
      m.query(
        `INSERT INTO ${TABLE} AS a (tenant_id, id, app_id, created_by_app_id${keys.map((k) => `, ${COLUMNS[k]}`).join('')})
         VALUES ($1, $2, $3, $4${keys.map((_, i) => `, $${i + 5}`).join('')})
         ON CONFLICT (tenant_id, app_id) DO NOTHING
         RETURNING ${APPLICATION_COLUMNS}`,
        params,
      ),
    );
    return rows[0] ?? null;
  }

  /** Applies the sent properties; false when the app does not exist. */
  async update(tenantId: string, id: string, changes: ApplicationChanges): Promise<boolean> {
    const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => changes[k] !== undefined);
    if (keys.length === 0) return (await this.findOne(tenantId, id)) !== null;
    const params = [tenantId, id, ...keys.map((k) => (JSONB.has(k) ? JSON.stringify(changes[k]) : changes[k]))];
    return this.tx.run(async (m) => {
      const rows: unknown[] = await m.query(
        `UPDATE ${TABLE} SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`).join(', ')}
         WHERE tenant_id = $1 AND id = $2 RETURNING id`,
        params,
      );
      // The app's principal shows its name, as Entra keeps them in step.
      if (changes.displayName !== undefined && returnedRows(rows).length > 0) {
        await m.query('UPDATE directory_service_principals SET display_name = $3 WHERE tenant_id = $1 AND application_id = $2', [
          tenantId,
          id,
          changes.displayName,
        ]);
      }
      return returnedRows(rows).length > 0;
    });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) => m.query(`DELETE FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]));
    return returnedRows(rows).length > 0;
  }

  /** Appends a password credential in one statement; false when the app does not exist. */
  async addPassword(tenantId: string, id: string, credential: StoredPasswordCredential): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(
        `UPDATE ${TABLE} SET password_credentials = password_credentials || jsonb_build_array($3::jsonb)
         WHERE tenant_id = $1 AND id = $2 RETURNING id`,
        [tenantId, id, JSON.stringify(credential)],
      ),
    );
    return returnedRows(rows).length > 0;
  }

  /** Removes one password credential; `app` false when no such app, `removed` false when no such key. */
  async removePassword(tenantId: string, id: string, keyId: string): Promise<{ app: boolean; removed: boolean }> {
    const rows: { removed: boolean }[] = await this.tx.run((m) =>
      m.query(
        `WITH old AS (SELECT password_credentials AS pc FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 FOR UPDATE)
         UPDATE ${TABLE} a SET password_credentials = COALESCE(
             (SELECT jsonb_agg(c) FROM jsonb_array_elements(old.pc) c WHERE c->>'keyId' <> $3), '[]'::jsonb)
         FROM old WHERE a.tenant_id = $1 AND a.id = $2
         RETURNING jsonb_array_length(old.pc) <> jsonb_array_length(a.password_credentials) AS removed`,
        [tenantId, id, keyId],
      ),
    );
    const row = returnedRows(rows)[0] as { removed: boolean } | undefined;
    return { app: !!row, removed: !!row?.removed };
  }

  /** Replaces the key list only if it is still what the proof was checked against (`expected`). */
  async replaceKeysIfUnchanged(tenantId: string, id: string, expected: StoredKeyCredential[], keys: StoredKeyCredential[]): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(
        `UPDATE ${TABLE} SET key_credentials = $4::jsonb
         WHERE tenant_id = $1 AND id = $2 AND key_credentials = $3::jsonb RETURNING id`,
        [tenantId, id, JSON.stringify(expected), JSON.stringify(keys)],
      ),
    );
    return returnedRows(rows).length > 0;
  }

  /**
   * Appends a key credential only if the key list is still what the proof was checked against
   * (`expected`), so two concurrent rolls cannot both pass on a key one of them removes.
   */
  async addKeyIfUnchanged(tenantId: string, id: string, expected: StoredKeyCredential[], credential: StoredKeyCredential): Promise<boolean> {
    const rows: unknown[] = await this.tx.run((m) =>
      m.query(
        `UPDATE ${TABLE} SET key_credentials = key_credentials || jsonb_build_array($4::jsonb)
         WHERE tenant_id = $1 AND id = $2 AND key_credentials = $3::jsonb RETURNING id`,
        [tenantId, id, JSON.stringify(expected), JSON.stringify(credential)],
      ),
    );
    return returnedRows(rows).length > 0;
  }
}
