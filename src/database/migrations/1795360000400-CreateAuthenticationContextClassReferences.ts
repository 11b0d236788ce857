import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuthenticationContextClassReferences1795360000400 implements MigrationInterface {
  name = 'CreateAuthenticationContextClassReferences1795360000400';

  async up(q: QueryRunner): Promise<void> {
    // Numeric-aware ordering (c1, c2, …, c10), so lists come back in slot order; equality stays exact.
    await q.query(`CREATE COLLATION IF NOT EXISTS accr_id_numeric (provider = icu, locale = 'und-u-kn-true')`);
    await q.query(`
      CREATE TABLE authentication_context_class_references (
        tenant_id uuid NOT NULL,
        id varchar(3) COLLATE accr_id_numeric NOT NULL,
        display_name varchar(256),
        description varchar(1024),
        is_available boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- The API validates this too; the table refuses anything else whatever the code path.
        CONSTRAINT accr_id_slot CHECK (id ~ '^c([1-9]|1[0-9]|2[0-5])$')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE authentication_context_class_references`);
    await q.query(`DROP COLLATION IF EXISTS accr_id_numeric`);
  }
}
