import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh tokens by their SHA-256 only, single-use (issue #14, token endpoint). */
export class CreateIdentityPlatformRefreshTokens1795360008010 implements MigrationInterface {
  name = 'CreateIdentityPlatformRefreshTokens1795360008010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_refresh_tokens (
      tenant_id uuid NOT NULL,
      token_hash char(64) NOT NULL,
      app_id uuid NOT NULL,
      user_id uuid NOT NULL,
      scope varchar(2048) NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (tenant_id, token_hash),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_refresh_tokens');
  }
}
