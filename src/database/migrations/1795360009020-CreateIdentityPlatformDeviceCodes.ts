import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Device codes (RFC 8628) by the SHA-256 of the device code and of the user code; 15 minutes; single-use. */
export class CreateIdentityPlatformDeviceCodes1795360009020 implements MigrationInterface {
  name = 'CreateIdentityPlatformDeviceCodes1795360009020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity_platform_device_codes (
      tenant_id uuid NOT NULL,
      device_code_hash char(64) NOT NULL,
      user_code_hash char(64) NOT NULL,
      app_id uuid NOT NULL,
      scope varchar(2048) NOT NULL,
      status varchar(16) NOT NULL,
      user_id uuid,
      amr jsonb NOT NULL DEFAULT '[]',
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, device_code_hash),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query('CREATE UNIQUE INDEX identity_platform_device_codes_user_code ON identity_platform_device_codes (tenant_id, user_code_hash)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_platform_device_codes');
  }
}
