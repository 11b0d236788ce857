import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Directory role assignments (`/roleManagement/directory/roleAssignments`, issue #14): a user or a service principal
 * holds a built-in role at the tenant scope ('/'). Exactly one of the two principal columns is set, each cascading
 * with its object; one assignment per principal, role and scope.
 */
export class CreateDirectoryRoleAssignments1795360007040 implements MigrationInterface {
  name = 'CreateDirectoryRoleAssignments1795360007040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_role_assignments (
        tenant_id uuid NOT NULL,
        id varchar(64) NOT NULL,
        role_definition_id uuid NOT NULL,
        user_id uuid,
        service_principal_id uuid,
        -- The principal whichever kind it is, for filters and uniqueness.
        principal_id uuid GENERATED ALWAYS AS (COALESCE(user_id, service_principal_id)) STORED,
        directory_scope_id varchar(256) NOT NULL DEFAULT '/',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK ((user_id IS NULL) <> (service_principal_id IS NULL)),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, service_principal_id) REFERENCES directory_service_principals (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE UNIQUE INDEX directory_role_assignments_uq ON directory_role_assignments
        (tenant_id, principal_id, role_definition_id, directory_scope_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_role_assignments');
  }
}
