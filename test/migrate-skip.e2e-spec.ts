import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { holdsEveryMigration, runMigrationsLocked } from '../src/database/migrate.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

jest.setTimeout(180_000);

/*
 * A restart on a current database skips the migration run after one query; any database that lacks a
 * migration of this build (fresh, or one applied out of order by a merge) still gets the locked run.
 */
describe('the migration check at start', () => {
  let db: TestDatabase;
  let ds: DataSource | undefined;
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('says false on a fresh database, true once migrated, and false again when one migration is missing', async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    expect(await holdsEveryMigration(ds)).toBe(false);
    await runMigrationsLocked(ds);
    expect(await holdsEveryMigration(ds)).toBe(true);
    const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM typeorm_migrations');
    expect(rows[0].n).toBe(MIGRATIONS.length);

    // A migration of the middle missing (a branch merged after a later one ran): not current.
    const middle = MIGRATIONS[Math.floor(MIGRATIONS.length / 2)].name;
    await ds.query('DELETE FROM typeorm_migrations WHERE name = $1', [middle]);
    expect(await holdsEveryMigration(ds)).toBe(false);
  });
});
