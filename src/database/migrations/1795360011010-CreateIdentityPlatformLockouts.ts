import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Smart lockout state per user (issue #14): failures since the last success, the last wrong passwords' 32-bit
 * fingerprints (a repeated wrong password counts once), the lock's end and how many locks in a row (growing lengths).
 */
export class CreateIdentityPlatformLockouts1795360011010 implements MigrationInterface {
  name = 'CreateIdentityPlatformLockouts1795360011010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_lockouts (
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      recent_fingerprints integer[] NOT NULL DEFAULT '{}',
      locked_until timestamptz,
      lockouts integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_lockouts');
  }
}
