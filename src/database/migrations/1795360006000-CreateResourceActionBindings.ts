import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Protected actions (DECISIONS §9): which authentication context a tenant bound to a directory resource action.
 * The foreign key keeps a bound context from being deleted (and from disappearing under a binding).
 */
export class CreateResourceActionBindings1795360006000 implements MigrationInterface {
  name = 'CreateResourceActionBindings1795360006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resource_action_bindings (
        tenant_id uuid NOT NULL,
        action_id varchar(200) NOT NULL,
        context_id varchar(3) COLLATE accr_id_numeric NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, action_id),
        FOREIGN KEY (tenant_id, context_id) REFERENCES authentication_context_class_references (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX resource_action_bindings_context ON resource_action_bindings (tenant_id, context_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resource_action_bindings`);
  }
}
