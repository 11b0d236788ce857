import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../src/database/change-feed.js';
import { POLICY_TOPIC } from '../src/policies/authentication-methods-policy/authentication-methods-policy.repository.js';
import { adminToken, newUser } from './authentication-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { CONFIGURATIONS, enableTap, patchConfiguration, policyAdmin, TAP_TYPE } from './support/methods-policy.js';
import { TENANT_A } from './support/tokens.js';
import { waitFor } from './support/wait.js';

jest.setTimeout(120_000);

/*
 * The policy is cached per tenant on each instance and invalidated on change, also across instances
 * (DECISIONS §8; docs/choices.md: a version bump and a ChangeFeed notification, one LISTEN connection
 * per instance). Two app instances share one database here.
 */
let a: TestApp;
let b: TestApp;
const tapState = async (t: TestApp) => (await call(t, 'GET', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: policyAdmin(t) })).body.state;
const feedOf = (t: TestApp) => t.app.get(ChangeFeed);

describe('authentication methods policy cache across instances', () => {
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, [], { databaseUrl: a.db.url });
    await waitFor('both listeners connected', () => feedOf(a).live && feedOf(b).live);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  }, 120_000);

  it('reads are served from the cache: a change that bypasses the service is not seen until notified', async () => {
    expect(await tapState(b)).toBe('disabled');
    // Written behind the service's back (no NOTIFY): instance B keeps its cached policy.
    const db = b.app.get(DataSource);
    await db.query(
      `INSERT INTO authentication_method_configurations (tenant_id, id, kind, document)
       SELECT $1, 'temporaryaccesspass', 'temporaryaccesspass', document || '{"state": "enabled"}'::jsonb
       FROM (SELECT $2::jsonb AS document) d`,
      [
        TENANT_A,
        JSON.stringify({
          state: 'disabled',
          excludeTargets: [],
          defaultLifetimeInMinutes: 60,
          defaultLength: 8,
          minimumLifetimeInMinutes: 60,
          maximumLifetimeInMinutes: 480,
          isUsableOnce: false,
          includeTargets: [],
        }),
      ],
    );
    expect(await tapState(b)).toBe('disabled');
    // The notification every write sends makes it current.
    await feedOf(b).publish(db.manager, POLICY_TOPIC, TENANT_A);
    await waitFor('instance B sees the change', async () => (await tapState(b)) === 'enabled');
    await call(a, 'DELETE', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: policyAdmin(a) });
    await waitFor('instance B sees the reset', async () => (await tapState(b)) === 'disabled');
  });

  it('a PATCH on one instance governs TAP creation on the other', async () => {
    const user = await newUser(b);
    // B caches "disabled" while refusing.
    expect((await call(b, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(b), body: {} })).status).toBe(400);
    await enableTap(a, { defaultLength: 14 });
    await waitFor('instance B allows TAP', async () => {
      const res = await call(b, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(b), body: {} });
      return res.status === 201 && res.body.temporaryAccessPass.length === 14;
    });
    await patchConfiguration(a, 'TemporaryAccessPass', { '@odata.type': TAP_TYPE, state: 'disabled' });
    await waitFor('instance B refuses TAP again', async () => {
      const res = await call(b, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(b), body: {} });
      return res.status === 400;
    });
    await call(a, 'DELETE', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: policyAdmin(a) });
  });

  it('a lost listener connection: nothing is cached meanwhile, it reconnects, and changes still reach every instance', async () => {
    const db = a.app.get(DataSource);
    const killed: { pid: number }[] = await db.query(
      `SELECT pg_terminate_backend(pid) AS killed, pid FROM pg_stat_activity
       WHERE datname = current_database() AND query = 'LISTEN graph_changes' AND pid <> pg_backend_pid()`,
    );
    expect(killed.length).toBe(2);
    await waitFor('both listeners reconnected', async () => {
      const rows: unknown[] = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN graph_changes'`);
      return feedOf(a).live && feedOf(b).live && rows.length === 2;
    });
    expect(await tapState(b)).toBe('disabled');
    await enableTap(a);
    await waitFor('instance B sees the change after reconnecting', async () => (await tapState(b)) === 'enabled');
    await call(a, 'DELETE', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: policyAdmin(a) });
    await waitFor('instance B sees the reset', async () => (await tapState(b)) === 'disabled');
  });
});
