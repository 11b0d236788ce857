import type { DataSource } from 'typeorm';

/** Any constant works; it names "schema migration" among this database's advisory locks. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Runs pending migrations under a Postgres advisory lock, so several instances booting at once
 * on one database migrate it exactly once. A database that already holds every migration (the usual
 * restart) is recognised by one query, without the lock, its own connection or TypeORM's migration run.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  if (await holdsEveryMigration(dataSource)) return;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * True when the migrations table lists every migration this build knows (by name, as TypeORM records
 * them: the class name ends with its timestamp). Any doubt (no table yet, one missing, a failed query)
 * says false, and the locked run decides as before.
 */
export async function holdsEveryMigration(dataSource: DataSource): Promise<boolean> {
  const names = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  if (names.length === 0) return false;
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  try {
    const rows = (await dataSource.query(`SELECT count(DISTINCT name)::int AS n FROM ${dataSource.driver.escape(table)} WHERE name = ANY($1)`, [names])) as {
      n: number;
    }[];
    return rows[0]?.n === names.length;
  } catch {
    return false; // e.g. a fresh database without the table
  }
}
