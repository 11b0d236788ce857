import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuous access evaluation (DECISIONS §9): from when a user's tokens are good again (revokeSignInSessions,
 * disabling, deleting) and whether the account is disabled. No foreign key to `users`: a deleted user's row
 * stays, so the tokens issued before the deletion stay refused (and `/me` cannot re-provision from them).
 */
export class CreateUserSessionRevocations1795360006010 implements MigrationInterface {
  name = 'CreateUserSessionRevocations1795360006010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session_revocations (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_session_revocations`);
  }
}
