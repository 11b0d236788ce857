import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `createdDateTime` (and `signInSessionsValidFromDateTime`, which falls back to it): Graph returns whole seconds
 * (`2024-01-01T10:00:00Z`), so users' `created_at` holds whole seconds, and `$filter=createdDateTime eq <a returned
 * value>` finds the user. Existing rows are truncated by the type change, which fires no row trigger: no user
 * shows up as changed in `users/delta` because of it.
 */
export class UserCreatedAtInSeconds1795360017600 implements MigrationInterface {
  name = 'UserCreatedAtInSeconds1795360017600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz(0) USING date_trunc('second', created_at),
         ALTER COLUMN created_at SET DEFAULT date_trunc('second', now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
