import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on sessions of the sign-in page (Entra's ESTSAUTH cookie): by the SHA-256 of the cookie's random value
 * only, with the sign-in's methods and time, until `expires_at`; gone with the user.
 */
export class CreateIdentityPlatformSsoSessions1795360017501 implements MigrationInterface {
  name = 'CreateIdentityPlatformSsoSessions1795360017501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_sso_sessions (
      tenant_id uuid NOT NULL,
      id_hash char(64) NOT NULL,
      user_id uuid NOT NULL,
      methods jsonb NOT NULL,
      auth_time timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id_hash),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX identity_platform_sso_sessions_user ON identity_platform_sso_sessions (tenant_id, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_sso_sessions');
  }
}
