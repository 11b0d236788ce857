import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Client assertions' `jti`s, kept until they expire: each assertion is accepted once (issue #14, token endpoint). */
export class CreateIdentityPlatformUsedAssertions1795360008000 implements MigrationInterface {
  name = 'CreateIdentityPlatformUsedAssertions1795360008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_used_assertions (
      tenant_id uuid NOT NULL,
      app_id uuid NOT NULL,
      jti varchar(256) NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, app_id, jti)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_used_assertions');
  }
}
