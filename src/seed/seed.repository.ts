import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The seed's advisory lock key (any constant other locks do not use). */
const SEED_LOCK = 1_795_360_013;

/**
 * The seed's own reads: what already exists, by the natural keys of docs/choices.md "The seed file" (every
 * statement tenant-scoped first). Writes never happen here: they go through the Graph routes' services.
 */
@Injectable()
export class SeedRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Runs the whole seed under one session-level advisory lock, so several instances (WORKERS, replicas) starting
   * together seed one after the other, and each later one finds everything present.
   */
  async exclusively<T>(fn: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      try {
        return await fn();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** A user of the tenant with this UPN (any case) or this id. */
  async findUser(tenantId: string, upn: string, id: string | null): Promise<{ id: string; userPrincipalName: string }[]> {
    return this.db.query(
      `SELECT id, user_principal_name AS "userPrincipalName" FROM users WHERE tenant_id = $1 AND (lower(user_principal_name) = lower($2) OR id = $3::uuid)`,
      [tenantId, upn, id],
    );
  }

  /** Applications of the tenant with this appId, or (no appId given) this display name. */
  async findApplications(tenantId: string, appId: string | null, displayName: string): Promise<{ id: string; appId: string }[]> {
    return appId
      ? this.db.query(`SELECT id, app_id AS "appId" FROM directory_applications WHERE tenant_id = $1 AND app_id = $2::uuid`, [tenantId, appId])
      : this.db.query(`SELECT id, app_id AS "appId" FROM directory_applications WHERE tenant_id = $1 AND display_name = $2 ORDER BY created_at, id`, [
          tenantId,
          displayName,
        ]);
  }

  /** The AllPrincipals grant of a client on a resource. */
  async findAllPrincipalsGrant(tenantId: string, clientId: string, resourceId: string): Promise<{ id: string; scope: string } | null> {
    const rows: { id: string; scope: string }[] = await this.db.query(
      `SELECT id, scope FROM directory_oauth2_permission_grants WHERE tenant_id = $1 AND client_id = $2 AND resource_id = $3 AND consent_type = 'AllPrincipals'`,
      [tenantId, clientId, resourceId],
    );
    return rows[0] ?? null;
  }

  /** Live (not soft-deleted) named locations or policies, and custom strengths, by id or display name. */
  async findNamed(
    tenantId: string,
    table: 'ca_named_locations' | 'ca_policies' | 'ca_authentication_strengths',
    id: string | null,
    displayName: string,
  ): Promise<{ id: string; deleted: boolean }[]> {
    const deleted = table === 'ca_authentication_strengths' ? 'false' : 'deleted_at IS NOT NULL';
    const rows: { id: string; deleted: boolean }[] = id
      ? await this.db.query(`SELECT id, ${deleted} AS deleted FROM ${table} WHERE tenant_id = $1 AND id = $2::uuid`, [tenantId, id])
      : await this.db.query(
          `SELECT id, ${deleted} AS deleted FROM ${table} WHERE tenant_id = $1 AND display_name = $2 AND NOT (${deleted}) ORDER BY created_at, id`,
          [tenantId, displayName],
        );
    return rows;
  }
}
