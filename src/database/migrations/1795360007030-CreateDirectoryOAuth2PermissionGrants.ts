import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegated consent (`oauth2PermissionGrants`, issue #14): a client may act for all users (`AllPrincipals`) or
 * for one user (`Principal`) with these scopes of a resource. One grant per client, resource and principal.
 */
export class CreateDirectoryOAuth2PermissionGrants1795360007030 implements MigrationInterface {
  name = 'CreateDirectoryOAuth2PermissionGrants1795360007030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_oauth2_permission_grants (
        tenant_id uuid NOT NULL,
        id varchar(64) NOT NULL,
        client_id uuid NOT NULL,
        consent_type varchar(16) NOT NULL CHECK (consent_type IN ('AllPrincipals', 'Principal')),
        principal_id uuid,
        resource_id uuid NOT NULL,
        scope varchar(4000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK ((consent_type = 'Principal') = (principal_id IS NOT NULL)),
        FOREIGN KEY (tenant_id, client_id) REFERENCES directory_service_principals (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, resource_id) REFERENCES directory_service_principals (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, principal_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    // One grant per client, resource and principal (all principals counting as one).
    await q.query(`
      CREATE UNIQUE INDEX directory_oauth2_permission_grants_uq ON directory_oauth2_permission_grants
        (tenant_id, client_id, resource_id, COALESCE(principal_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_oauth2_permission_grants');
  }
}
