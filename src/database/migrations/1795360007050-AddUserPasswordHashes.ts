import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users' passwords as scrypt hashes (`users/password-hash.ts`, issue #14); never the password itself. */
export class AddUserPasswordHashes1795360007050 implements MigrationInterface {
  name = 'AddUserPasswordHashes1795360007050';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN password_hash varchar(256)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN password_hash');
  }
}
