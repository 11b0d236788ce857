import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SignInEvaluator } from '../src/conditional-access/evaluation/sign-in-evaluator.service.js';
import { EVALUATION_TOPIC } from '../src/conditional-access/evaluation/sign-in-evaluation.cache.js';
import { ChangeFeed } from '../src/database/change-feed.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application } from './support/tokens.js';
import { waitFor } from './support/wait.js';

jest.setTimeout(180_000);

/*
 * The sign-in evaluator's data (live policies, live named locations, custom strengths) is cached per tenant on each
 * instance and dropped on every policy, named location and strength write, on the writing instance at once and on
 * the others through the ChangeFeed (docs/choices.md, performance round four). Two app instances share one database.
 */
const CA = '/v1.0/identity/conditionalAccess';
let a: TestApp;
let b: TestApp;
const feedOf = (t: TestApp) => t.app.get(ChangeFeed);
const load = (t: TestApp, tenantId: string) => t.app.get(SignInEvaluator).load(tenantId);
const policyIds = async (t: TestApp, tenantId: string) => (await load(t, tenantId)).policies.map((p) => p.id).sort();

/**
 * Resolves once instance B has been handed every notification committed so far: Postgres delivers them in commit
 * order, so a marker published now arrives after, for example, the one a write just sent (which would otherwise
 * drop B's entry at an unknown later moment).
 */
const MARKER_TOPIC = 'test-marker';
const markersSeen = new Set<string>();
async function notificationsDelivered(): Promise<void> {
  const marker = randomUUID();
  await feedOf(a).publish(a.app.get(DataSource).manager, MARKER_TOPIC, marker);
  await waitFor('earlier notifications delivered to instance B', () => markersSeen.has(marker));
}

function tenant() {
  const tenantId = randomUUID();
  const token = application(a, ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'], { tenantId });
  const write = async (method: string, path: string, body?: unknown) => {
    const res = await call(a, method, `${CA}/${path}`, { token, body });
    expect({ status: res.status, error: res.body?.error }).toEqual({ status: method === 'POST' ? 201 : 204, error: undefined });
    return res.body?.id as string;
  };
  const policy = (displayName: string, extra: Record<string, unknown> = {}) =>
    write('POST', 'policies', {
      displayName,
      state: 'enabled',
      conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
      ...extra,
    });
  return { tenantId, write, policy };
}

describe('sign-in evaluation cache across instances', () => {
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, [], { databaseUrl: a.db.url });
    await waitFor('both listeners connected', () => feedOf(a).live && feedOf(b).live);
    feedOf(b).subscribe(MARKER_TOPIC, { onChange: (key) => markersSeen.add(key), onResync: () => undefined });
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  }, 120_000);

  it('serves from the cache: a row written behind the services is not read until a change is announced', async () => {
    const { tenantId, policy } = tenant();
    const first = await policy('First');
    await notificationsDelivered(); // the create's own notification must not be what drops B's entry below
    expect(await policyIds(b, tenantId)).toEqual([first]);
    // Written behind the services' back (no NOTIFY): both instances keep what they read.
    const hidden = randomUUID();
    const db = b.app.get(DataSource);
    await db.query(
      `INSERT INTO ca_policies (tenant_id, id, display_name, description, state, conditions, grant_controls, session_controls, template_id)
       SELECT tenant_id, $2, 'Hidden', description, state, conditions, grant_controls, session_controls, template_id
         FROM ca_policies WHERE tenant_id = $1 AND id = $3`,
      [tenantId, hidden, first],
    );
    expect(await policyIds(b, tenantId)).toEqual([first]);
    // The notification every write sends makes it current; another tenant's entry is kept.
    await feedOf(b).publish(db.manager, EVALUATION_TOPIC, tenantId);
    await waitFor('instance B reads again', async () => (await policyIds(b, tenantId)).length === 2);
    expect(await policyIds(b, tenantId)).toEqual([first, hidden].sort());
  });

  it('policy create, update and delete on one instance: at once on that instance, and on the other', async () => {
    const { tenantId, write, policy } = tenant();
    expect(await policyIds(a, tenantId)).toEqual([]);
    expect(await policyIds(b, tenantId)).toEqual([]);
    const p = await policy('Block');
    // The writing instance forgets when its transaction ends, without waiting for the notification.
    expect(await policyIds(a, tenantId)).toEqual([p]);
    await waitFor('instance B sees the new policy', async () => (await policyIds(b, tenantId)).length === 1);
    await write('PATCH', `policies/${p}`, { state: 'disabled' });
    expect((await load(a, tenantId)).policies[0].state).toBe('disabled');
    await waitFor('instance B sees the update', async () => (await load(b, tenantId)).policies[0].state === 'disabled');
    await write('DELETE', `policies/${p}`);
    expect(await policyIds(a, tenantId)).toEqual([]);
    await waitFor('instance B sees the delete', async () => (await policyIds(b, tenantId)).length === 0);
  });

  it('named location and authentication strength writes reach the other instance', async () => {
    const { tenantId, write } = tenant();
    expect(await load(b, tenantId)).toEqual({ policies: [], locations: [], strengths: [] });
    const location = await write('POST', 'namedLocations', {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      displayName: 'Office',
      isTrusted: true,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '40.77.0.0/16' }],
    });
    await waitFor('instance B sees the location', async () => (await load(b, tenantId)).locations.length === 1);
    expect((await load(b, tenantId)).locations[0]).toMatchObject({ id: location, isTrusted: true });
    await write('PATCH', `namedLocations/${location}`, { '@odata.type': '#microsoft.graph.ipNamedLocation', isTrusted: false });
    await waitFor('instance B sees the update', async () => (await load(b, tenantId)).locations[0].isTrusted === false);

    const strength = await write('POST', 'authenticationStrength/policies', { displayName: 'Keys', allowedCombinations: ['fido2'] });
    await waitFor('instance B sees the strength', async () => (await load(b, tenantId)).strengths.length === 1);
    expect((await load(b, tenantId)).strengths[0]).toMatchObject({ id: strength, displayName: 'Keys' });
    await write('DELETE', `authenticationStrength/policies/${strength}`);
    await waitFor('instance B sees the strength deleted', async () => (await load(b, tenantId)).strengths.length === 0);
    await write('DELETE', `namedLocations/${location}`);
    await waitFor('instance B sees the location deleted', async () => (await load(b, tenantId)).locations.length === 0);
  });

  it('a refused write changes nothing on either instance', async () => {
    const { tenantId, policy } = tenant();
    const p = await policy('Only');
    await waitFor('instance B has the policy', async () => (await policyIds(b, tenantId)).length === 1);
    // A refused body (400) writes nothing: both instances still answer the same policy.
    const token = application(a, ['Policy.ReadWrite.ConditionalAccess'], { tenantId });
    const refused = await call(a, 'PATCH', `${CA}/policies/${p}`, { token, body: { state: 'nonsense' } });
    expect(refused.status).toBe(400);
    expect((await load(a, tenantId)).policies.map((x) => x.state)).toEqual(['enabled']);
    expect((await load(b, tenantId)).policies.map((x) => x.state)).toEqual(['enabled']);
  });
});
