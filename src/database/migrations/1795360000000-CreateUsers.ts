import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1795360000000 implements MigrationInterface {
  name = 'CreateUsers1795360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        display_name varchar(256),
        user_principal_name varchar(113) NOT NULL,
        mail varchar(256),
        mail_nickname varchar(64),
        given_name varchar(64),
        surname varchar(64),
        account_enabled boolean,
        password_changed_at timestamptz,
        force_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_upn_uq ON users (tenant_id, lower(user_principal_name))`);
    await q.query(`CREATE INDEX users_display_name_idx ON users (tenant_id, display_name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
