import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in logs (`/auditLogs/signIns`, issue #14): one row per sign-in attempt, tenant first; newest-first reads and the
 * 30-day pruning use `(tenant_id, created_at DESC, id)`. No foreign key to users: a log outlives its user, as Entra's.
 */
export class CreateAuditSignIns1795360011000 implements MigrationInterface {
  name = 'CreateAuditSignIns1795360011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_sign_ins (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      user_id uuid,
      user_principal_name varchar(1024),
      user_display_name varchar(256),
      app_id varchar(64),
      app_display_name varchar(256),
      service_principal_id varchar(64),
      resource_id varchar(64),
      resource_display_name varchar(256),
      ip_address varchar(64),
      client_app_used varchar(64),
      user_agent varchar(1024),
      correlation_id varchar(64),
      error_code integer NOT NULL,
      status jsonb NOT NULL,
      conditional_access_status varchar(32) NOT NULL,
      applied_policies jsonb NOT NULL DEFAULT '[]'::jsonb,
      is_interactive boolean NOT NULL,
      authentication_requirement varchar(64) NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      PRIMARY KEY (tenant_id, id)
    )`);
    await q.query(`CREATE INDEX audit_sign_ins_newest ON audit_sign_ins (tenant_id, created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_sign_ins');
  }
}
