import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * App registrations (`/applications`, issue #14). Credentials live in the row as JSON arrays: the provider
 * reads an app and its credentials in one statement, and `addPassword`/`removePassword` are single
 * atomic updates. A password credential keeps only the SHA-256 of its secret (never the text).
 */
export class CreateDirectoryApplications1795360007000 implements MigrationInterface {
  name = 'CreateDirectoryApplications1795360007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_applications (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        app_id uuid NOT NULL,
        display_name varchar(256) NOT NULL,
        description varchar(1024),
        notes varchar(1024),
        sign_in_audience varchar(64) NOT NULL DEFAULT 'AzureADMyOrg',
        identifier_uris text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        is_fallback_public_client boolean,
        web jsonb NOT NULL DEFAULT '{}'::jsonb,
        spa_redirect_uris text[] NOT NULL DEFAULT '{}',
        public_client_redirect_uris text[] NOT NULL DEFAULT '{}',
        app_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
        required_resource_access jsonb NOT NULL DEFAULT '[]'::jsonb,
        key_credentials jsonb NOT NULL DEFAULT '[]'::jsonb,
        password_credentials jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by_app_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT directory_applications_app_id_uq UNIQUE (tenant_id, app_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_applications');
  }
}
