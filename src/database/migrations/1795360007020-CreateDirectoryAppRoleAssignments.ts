import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * App role assignments (issue #14): application permissions, a principal holding an app role of a resource's
 * service principal. Both ends are service principals here; deleting either deletes the assignment.
 */
export class CreateDirectoryAppRoleAssignments1795360007020 implements MigrationInterface {
  name = 'CreateDirectoryAppRoleAssignments1795360007020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_app_role_assignments (
        tenant_id uuid NOT NULL,
        id varchar(64) NOT NULL,
        principal_id uuid NOT NULL,
        principal_type varchar(32) NOT NULL DEFAULT 'ServicePrincipal',
        resource_id uuid NOT NULL,
        app_role_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT directory_app_role_assignments_uq UNIQUE (tenant_id, principal_id, resource_id, app_role_id),
        FOREIGN KEY (tenant_id, principal_id) REFERENCES directory_service_principals (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, resource_id) REFERENCES directory_service_principals (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX directory_app_role_assignments_resource_ix ON directory_app_role_assignments (tenant_id, resource_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_app_role_assignments');
  }
}
