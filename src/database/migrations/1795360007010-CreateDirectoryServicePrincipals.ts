import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service principals (issue #14). One per appId and tenant; an app registration's principal goes with it
 * (`application_id`, cascade). Microsoft Graph's own principal has no registration here (`application_id` NULL).
 */
export class CreateDirectoryServicePrincipals1795360007010 implements MigrationInterface {
  name = 'CreateDirectoryServicePrincipals1795360007010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_service_principals (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        app_id uuid NOT NULL,
        application_id uuid,
        display_name varchar(256),
        account_enabled boolean NOT NULL DEFAULT true,
        app_role_assignment_required boolean NOT NULL DEFAULT false,
        description varchar(1024),
        notes varchar(1024),
        tags text[] NOT NULL DEFAULT '{}',
        created_by_app_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT directory_service_principals_app_id_uq UNIQUE (tenant_id, app_id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES directory_applications (tenant_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_service_principals');
  }
}
