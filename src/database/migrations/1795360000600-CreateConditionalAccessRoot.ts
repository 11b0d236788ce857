import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Conditional Access root (DECISIONS §7, docs/conditional-access.md): policies as documents (jsonb),
 * named locations, custom authentication strengths, and the reference index that lets the database enforce
 * what a policy names. Soft-deleted rows keep their id and carry `deleted_at`.
 */
export class CreateConditionalAccessRoot1795360000600 implements MigrationInterface {
  name = 'CreateConditionalAccessRoot1795360000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ca_policies (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        display_name varchar(256) NOT NULL,
        description varchar(1024),
        state varchar(40) NOT NULL,
        conditions jsonb NOT NULL,
        grant_controls jsonb,
        session_controls jsonb,
        template_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        modified_at timestamptz(3),
        deleted_at timestamptz(3),
        PRIMARY KEY (tenant_id, id)
      )`);
    // Lists read live (or deleted) policies of one tenant in name order; $filter on nested collections
    // (`conditions/users/includeUsers/any(u:u eq 'All')`) becomes jsonb containment, which this GIN index serves.
    await q.query(`CREATE INDEX ca_policies_live ON ca_policies (tenant_id, (deleted_at IS NULL), display_name, id)`);
    await q.query(`CREATE INDEX ca_policies_conditions ON ca_policies USING gin (conditions jsonb_path_ops)`);
    await q.query(`CREATE INDEX ca_policies_grant ON ca_policies USING gin (grant_controls jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE ca_named_locations (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('ip', 'country')),
        display_name varchar(256) NOT NULL,
        is_trusted boolean NOT NULL DEFAULT false,
        document jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        modified_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX ca_named_locations_live ON ca_named_locations (tenant_id, (deleted_at IS NULL), display_name, id)`);
    await q.query(`CREATE INDEX ca_named_locations_document ON ca_named_locations USING gin (document jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE ca_authentication_strengths (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        display_name varchar(256) NOT NULL,
        description varchar(1024),
        allowed_combinations text[] NOT NULL,
        combination_configurations jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        modified_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);

    // One row per thing a policy names. The foreign keys make a dangling reference impossible whatever the
    // code path: a hard delete of a named object fails while a row still names it (NO ACTION), and the
    // policy's own purge cascades. Built-in strengths and templates are static data: checked, no key.
    await q.query(`
      CREATE TABLE ca_policy_references (
        tenant_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        ordinal smallint NOT NULL,
        location_id uuid,
        strength_id uuid,
        context_id varchar(3) COLLATE accr_id_numeric,
        built_in_strength_id uuid CHECK (built_in_strength_id IN (
          '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004')),
        template_id uuid,
        PRIMARY KEY (tenant_id, policy_id, ordinal),
        CHECK (num_nonnulls(location_id, strength_id, context_id, built_in_strength_id, template_id) = 1),
        FOREIGN KEY (tenant_id, policy_id) REFERENCES ca_policies (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, location_id) REFERENCES ca_named_locations (tenant_id, id),
        FOREIGN KEY (tenant_id, strength_id) REFERENCES ca_authentication_strengths (tenant_id, id),
        FOREIGN KEY (tenant_id, context_id) REFERENCES authentication_context_class_references (tenant_id, id)
      )`);
    // "Who names X?" for every kind: the delete checks and the FK checks both use these.
    await q.query(`CREATE INDEX ca_policy_references_location ON ca_policy_references (tenant_id, location_id) WHERE location_id IS NOT NULL`);
    await q.query(`CREATE INDEX ca_policy_references_strength ON ca_policy_references (tenant_id, strength_id) WHERE strength_id IS NOT NULL`);
    await q.query(`CREATE INDEX ca_policy_references_context ON ca_policy_references (tenant_id, context_id) WHERE context_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX ca_policy_references_built_in ON ca_policy_references (tenant_id, built_in_strength_id) WHERE built_in_strength_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ca_policy_references`);
    await q.query(`DROP TABLE ca_authentication_strengths`);
    await q.query(`DROP TABLE ca_named_locations`);
    await q.query(`DROP TABLE ca_policies`);
  }
}
