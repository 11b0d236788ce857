import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a refresh token was issued to a public client (no credential), so that it is redeemed without one. */
export class AddRefreshTokenPublicClient1795360009010 implements MigrationInterface {
  name = 'AddRefreshTokenPublicClient1795360009010';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity_platform_refresh_tokens ADD COLUMN public_client boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity_platform_refresh_tokens DROP COLUMN public_client');
  }
}
