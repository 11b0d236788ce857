import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in page's transactions and the authorization codes they end in (issue #14, authorize): both by the SHA-256
 * of their random value only, short-lived, single-use.
 */
export class CreateIdentityPlatformSignIns1795360009000 implements MigrationInterface {
  name = 'CreateIdentityPlatformSignIns1795360009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_sign_ins (
      tenant_id uuid NOT NULL,
      id_hash char(64) NOT NULL,
      binding_hash char(64) NOT NULL,
      request jsonb NOT NULL,
      step varchar(32) NOT NULL,
      user_id uuid,
      amr jsonb NOT NULL DEFAULT '[]',
      auth_time timestamptz,
      expires_at timestamptz NOT NULL,
      completed_at timestamptz,
      PRIMARY KEY (tenant_id, id_hash)
    )`);
    await q.query(`CREATE TABLE identity_platform_authorization_codes (
      tenant_id uuid NOT NULL,
      code_hash char(64) NOT NULL,
      app_id uuid NOT NULL,
      redirect_uri varchar(2048) NOT NULL,
      platform varchar(16) NOT NULL,
      code_challenge varchar(128),
      scope varchar(2048) NOT NULL,
      nonce varchar(1024),
      claims text,
      user_id uuid NOT NULL,
      amr jsonb NOT NULL,
      auth_time timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (tenant_id, code_hash),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_authorization_codes');
    await q.query('DROP TABLE identity_platform_sign_ins');
  }
}
