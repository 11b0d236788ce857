import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { CreateAuthenticationMethodsPolicy1795360005000 } from '../src/database/migrations/1795360005000-CreateAuthenticationMethodsPolicy.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

jest.setTimeout(120_000);

/*
 * The fixture-only `tap_policies` table becomes each tenant's TemporaryAccessPass configuration, enabled for
 * all users (how those tenants behaved before the policy existed), and the table goes.
 */
describe('migration to the authentication methods policy', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it("turns a tenant's TAP settings into its TemporaryAccessPass configuration", async () => {
    db = await createTestDatabase();
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(CreateAuthenticationMethodsPolicy1795360005000));
    const old = await new DataSource({ ...dataSourceOptions(db.url), migrations: before }).initialize();
    await old.runMigrations({ transaction: 'all' });
    const tenant = '55555555-5555-4555-8555-555555555555';
    await old.query(
      `INSERT INTO tap_policies (tenant_id, default_lifetime_in_minutes, minimum_lifetime_in_minutes, maximum_lifetime_in_minutes, default_length, is_usable_once)
       VALUES ($1, 30, 10, 1440, 12, true)`,
      [tenant],
    );
    await old.destroy();

    const current = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      await current.runMigrations({ transaction: 'all' });
      const rows: { tenant_id: string; id: string; document: Record<string, unknown> }[] = await current.query(
        `SELECT tenant_id, id, document FROM authentication_method_configurations`,
      );
      expect(rows).toEqual([
        {
          tenant_id: tenant,
          id: 'temporaryaccesspass',
          document: {
            state: 'enabled',
            excludeTargets: [],
            defaultLifetimeInMinutes: 30,
            minimumLifetimeInMinutes: 10,
            maximumLifetimeInMinutes: 1440,
            defaultLength: 12,
            isUsableOnce: true,
            includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }],
          },
        },
      ]);
      expect(await current.query(`SELECT to_regclass('tap_policies') AS t`)).toEqual([{ t: null }]);
    } finally {
      await current.destroy();
    }
  });
});
