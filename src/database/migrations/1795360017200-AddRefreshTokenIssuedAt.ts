import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each refresh token was issued (DECISIONS §9): one issued before its user's sessions were revoked is refused
 * (AADSTS50173). Rows from before: their issue time from their fixed 90-day life.
 */
export class AddRefreshTokenIssuedAt1795360017200 implements MigrationInterface {
  name = 'AddRefreshTokenIssuedAt1795360017200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity_platform_refresh_tokens ADD COLUMN issued_at timestamptz');
    await q.query(`UPDATE identity_platform_refresh_tokens SET issued_at = least(now(), expires_at - interval '90 days')`);
    await q.query('ALTER TABLE identity_platform_refresh_tokens ALTER COLUMN issued_at SET NOT NULL, ALTER COLUMN issued_at SET DEFAULT now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity_platform_refresh_tokens DROP COLUMN issued_at');
  }
}
