import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users/delta`: every insert and real update stamps the row with the next value of one sequence, and a
 * delete leaves a tombstone stamped the same way, so "changed since N" is one indexed range read.
 * Triggers keep it true whatever code writes the table (service, fixtures, CLI).
 */
export class TrackUserChanges1795360004100 implements MigrationInterface {
  name = 'TrackUserChanges1795360004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE user_change_seq`);
    await q.query(`ALTER TABLE users ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('user_change_seq')`);
    await q.query(`CREATE INDEX users_change_seq_idx ON users (tenant_id, change_seq)`);
    await q.query(`
      CREATE TABLE user_deletions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        change_seq bigint NOT NULL DEFAULT nextval('user_change_seq'),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX user_deletions_change_seq_idx ON user_deletions (tenant_id, change_seq)`);
    await q.query(`
      CREATE FUNCTION users_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_seq := nextval('user_change_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_stamp_change BEFORE UPDATE ON users
        FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION users_stamp_change()`);
    await q.query(`
      CREATE FUNCTION users_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO user_deletions (tenant_id, id) VALUES (OLD.tenant_id, OLD.id)
          ON CONFLICT (tenant_id, id) DO UPDATE SET change_seq = nextval('user_change_seq');
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_record_deletion AFTER DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION users_record_deletion()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_record_deletion ON users`);
    await q.query(`DROP TRIGGER users_stamp_change ON users`);
    await q.query(`DROP FUNCTION users_record_deletion()`);
    await q.query(`DROP FUNCTION users_stamp_change()`);
    await q.query(`DROP TABLE user_deletions`);
    await q.query(`ALTER TABLE users DROP COLUMN change_seq`);
    await q.query(`DROP SEQUENCE user_change_seq`);
  }
}
