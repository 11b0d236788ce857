import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Graph's default user properties the first schema lacked (graph-metadata: user). */
export class AddUserProfileProperties1795360004000 implements MigrationInterface {
  name = 'AddUserProfileProperties1795360004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN business_phones varchar(64)[] NOT NULL DEFAULT '{}',
        ADD COLUMN job_title varchar(128),
        ADD COLUMN mobile_phone varchar(64),
        ADD COLUMN office_location varchar(128),
        ADD COLUMN preferred_language varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users DROP COLUMN business_phones, DROP COLUMN job_title, DROP COLUMN mobile_phone,
        DROP COLUMN office_location, DROP COLUMN preferred_language`);
  }
}
