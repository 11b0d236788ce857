import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The methods of a sign-in (authentication-strength mode names: `password`, `sms`, `temporaryAccessPassOneTime`...)
 * kept by the page's transaction, authorization codes, device codes and refresh tokens (issue #14): the token
 * endpoint evaluates Conditional Access with them and derives `amr` from them. Rows from before carry the password's.
 */
export class AddSignInMethods1795360014000 implements MigrationInterface {
  name = 'AddSignInMethods1795360014000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['identity_platform_sign_ins', 'identity_platform_authorization_codes', 'identity_platform_device_codes']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN methods jsonb NOT NULL DEFAULT '[]'`);
      await q.query(`UPDATE ${table} SET methods = '["password"]' WHERE amr ? 'pwd'`);
    }
    // The page's step names the method a code was sent to (`otc:<method id>`).
    await q.query(`ALTER TABLE identity_platform_sign_ins ALTER COLUMN step TYPE varchar(64)`);
    // Wrong second-factor codes in this sign-in (a TAP has no attempt count of its own): the third ends the sign-in.
    await q.query(`ALTER TABLE identity_platform_sign_ins ADD COLUMN second_factor_failures integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE identity_platform_refresh_tokens ADD COLUMN methods jsonb NOT NULL DEFAULT '["password"]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'identity_platform_sign_ins',
      'identity_platform_authorization_codes',
      'identity_platform_device_codes',
      'identity_platform_refresh_tokens',
    ]) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN methods`);
    }
    await q.query(`ALTER TABLE identity_platform_sign_ins DROP COLUMN second_factor_failures`);
  }
}
