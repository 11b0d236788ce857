import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development outbox (SMS and email messages the identity platform "sends", shown at `/{tenant}/dev/outbox`) and
 * pending one-time codes (hashed, per user and method, with an expiry and an attempt budget). Issue #14.
 */
export class CreateIdentityPlatformOutboxAndCodes1795360011020 implements MigrationInterface {
  name = 'CreateIdentityPlatformOutboxAndCodes1795360011020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_outbox (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      recipient varchar(320) NOT NULL,
      recipient_key varchar(320) NOT NULL,
      channel varchar(8) NOT NULL,
      text varchar(1024) NOT NULL,
      code varchar(16),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`);
    await q.query(`CREATE INDEX identity_platform_outbox_recipient ON identity_platform_outbox (tenant_id, recipient_key, created_at DESC)`);
    await q.query(`CREATE TABLE identity_platform_one_time_codes (
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      method_id uuid NOT NULL,
      salt char(32) NOT NULL,
      code_hash char(64) NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts_left integer NOT NULL,
      PRIMARY KEY (tenant_id, user_id, method_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_one_time_codes');
    await q.query('DROP TABLE identity_platform_outbox');
  }
}
