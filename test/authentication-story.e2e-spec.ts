import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { FixtureError } from '../src/authentication/fixtures/fixture-format.js';
import { AuthenticationFixturesService } from '../src/authentication/fixtures/authentication-fixtures.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { enableTap, policyAdmin } from './support/methods-policy.js';
import { waitFor } from './support/wait.js';
import { ensureBuilt } from './support/server-process.js';
import { delegated, TENANT_A, TENANT_B } from './support/tokens.js';
import { adminToken, EMAIL_ID, newUser, PASSWORD_ID, PHONE, tokenOf } from './authentication-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableTap(t);
});
afterAll(() => t?.close());

const helpdesk = () => delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Helpdesk Administrator']);

describe('a full story', () => {
  it('create a user; add phone, email and TAP as an admin; the user lists them; reset the password; follow the operation; delete the user', async () => {
    // 1. A User Administrator creates the user.
    const user = await newUser(t);
    const u = `/v1.0/users/${user.id}/authentication`;

    // 2. An Authentication Administrator registers a phone, an email and a TAP.
    const authAdmin = delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Authentication Administrator']);
    expect((await call(t, 'POST', `${u}/phoneMethods`, { token: authAdmin, body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' } })).status).toBe(201);
    expect((await call(t, 'POST', `${u}/emailMethods`, { token: authAdmin, body: { emailAddress: 'kim@contoso.com' } })).status).toBe(201);
    const tap = await call(t, 'POST', `${u}/temporaryAccessPassMethods`, { token: authAdmin, body: { lifetimeInMinutes: 60 } });
    expect(tap.status).toBe(201);
    expect(tap.body.temporaryAccessPass).toEqual(expect.any(String));

    // 3. The user signs in and lists their methods.
    const me = tokenOf(t, user, ['UserAuthenticationMethod.Read']);
    const methods = await call(t, 'GET', '/v1.0/me/authentication/methods', { token: me });
    expect(methods.status).toBe(200);
    expect(methods.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: PASSWORD_ID, password: null, createdDateTime: null },
      {
        '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
        id: PHONE.mobile,
        phoneNumber: '+1 2065555555',
        phoneType: 'mobile',
        smsSignInState: 'ready',
        createdDateTime: expect.any(String),
      },
      { '@odata.type': '#microsoft.graph.emailAuthenticationMethod', id: EMAIL_ID, emailAddress: 'kim@contoso.com', createdDateTime: expect.any(String) },
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
        id: tap.body.id,
        temporaryAccessPass: null,
        isUsable: true,
      }),
    ]);

    // 4. A helpdesk admin resets the password: 202, a generated password, Location to the operation.
    const reset = await call(t, 'POST', `${u}/methods/${PASSWORD_ID}/resetPassword`, { token: helpdesk(), body: {} });
    expect(reset.status).toBe(202);
    expect(reset.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#microsoft.graph.passwordResetResponse`,
      newPassword: expect.stringMatching(/^\S{16}$/),
    });
    const location = reset.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${t.url}/v1.0/users/${user.id}/authentication/operations/[0-9a-f-]{36}$`));

    // 5. Following Location shows the finished operation.
    const operation = await call(t, 'GET', location.slice(t.url.length), { token: authAdmin });
    expect(operation.status).toBe(200);
    expect(operation.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/operations/$entity`,
      id: location.split('/').pop(),
      createdDateTime: expect.any(String),
      lastActionDateTime: expect.any(String),
      resourceLocation: `${t.url}/v1.0/users/${user.id}/authentication/passwordMethods/${PASSWORD_ID}`,
      status: 'succeeded',
      statusDetail: null,
    });
    const mine = await call(t, 'GET', '/v1.0/me/authentication/operations', { token: me });
    expect(mine.body.value.map((o: { id: string }) => o.id)).toEqual([operation.body.id]);
    const [row] = await t.app.get(DataSource).query(`SELECT force_change_password, password_changed_at FROM users WHERE id = $1`, [user.id]);
    expect(row.force_change_password).toBe(true);
    expect(row.password_changed_at).not.toBeNull();

    // 6. The user is deleted: everything of theirs goes with them.
    const gone = await call(t, 'DELETE', `/v1.0/users/${user.id}`, { token: delegated(t, ['User.ReadWrite.All'], ['User Administrator']) });
    expect(gone.status).toBe(204);
    for (const table of ['authentication_methods', 'authentications', 'authentication_operations']) {
      const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [user.id]);
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    expect((await call(t, 'GET', `${u}/methods`, { token: authAdmin })).status).toBe(404);
    expect((await call(t, 'GET', location.slice(t.url.length), { token: authAdmin })).status).toBe(404);
  });
});

describe('resetPassword and operations (graph-spec §2.6.5)', () => {
  it('a given password: 202, no body; it must meet the policy (400)', async () => {
    const user = await newUser(t);
    const path = `/v1.0/users/${user.upn}/authentication/methods/${PASSWORD_ID}/resetPassword`;
    const given = await call(t, 'POST', path, { token: helpdesk(), body: { newPassword: 'Cuyo5459!x' } });
    expect(given.status).toBe(202);
    expect(given.body).toBeNull();
    expect(given.headers.get('location')).toMatch(new RegExp(`/v1.0/users/${user.id}/authentication/operations/`));
    for (const newPassword of ['short1A', 'alllowercaseletters', 'ALLUPPER12345', 'x'.repeat(250) + 'Aa1!xyz', 42]) {
      const bad = await call(t, 'POST', path, { token: helpdesk(), body: { newPassword } });
      expect({ newPassword, status: bad.status, code: bad.body?.error?.code }).toEqual({ newPassword, status: 400, code: 'badRequest' });
    }
    const unknown = await call(t, 'POST', path, { token: helpdesk(), body: { password: 'Cuyo5459!x' } });
    expect(unknown.status).toBe(400);
    // SDKs send bodiless actions: same as {}.
    const bodiless = await call(t, 'POST', path, { token: helpdesk() });
    expect(bodiless.status).toBe(202);
    expect(bodiless.body.newPassword).toEqual(expect.any(String));
    const ops = await call(t, 'GET', `/v1.0/users/${user.id}/authentication/operations`, { token: adminToken(t) });
    expect(ops.body.value).toHaveLength(2);
  });

  it('only the password method resets: another method is 400, an unknown id 404; GET on the action is 405', async () => {
    const user = await newUser(t);
    await call(t, 'POST', `/v1.0/users/${user.id}/authentication/emailMethods`, { token: adminToken(t), body: { emailAddress: 'a@contoso.com' } });
    const other = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/methods/${EMAIL_ID}/resetPassword`, { token: helpdesk(), body: {} });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('badRequest');
    const unknown = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/methods/${PHONE.office}/resetPassword`, { token: helpdesk(), body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('itemNotFound');
    expect((await call(t, 'GET', `/v1.0/users/${user.id}/authentication/methods/${PASSWORD_ID}/resetPassword`, { token: helpdesk() })).status).toBe(405);
  });

  it('operations: unknown ids 404, query options 400, no POST (405)', async () => {
    const user = await newUser(t);
    const base = `/v1.0/users/${user.id}/authentication/operations`;
    expect((await call(t, 'GET', `${base}/3f2504e0-4f89-41d3-9a0c-0305e82c3301`, { token: adminToken(t) })).body.error.code).toBe('itemNotFound');
    expect((await call(t, 'GET', `${base}/nope`, { token: adminToken(t) })).status).toBe(404);
    expect((await call(t, 'GET', `${base}?$top=1`, { token: adminToken(t) })).status).toBe(400);
    expect((await call(t, 'POST', base, { token: adminToken(t), body: {} })).status).toBe(405);
  });
});

describe('fixture loader', () => {
  const ADELE = '6e7b768e-07e2-4810-8459-485f84f8f204';
  const LEE = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';

  it('loads the committed example into a tenant, idempotently; Graph then serves it', async () => {
    const json = JSON.parse(await readFile(new URL('./fixtures/authentication-methods.json', import.meta.url), 'utf8'));
    const loader = t.app.get(AuthenticationFixturesService);
    expect(await loader.load(TENANT_B, json)).toEqual({ tenantId: TENANT_B, users: 2, methods: 13, tapPolicy: true });
    await loader.load(TENANT_B, json);
    const admin = adminToken(t, { tenantId: TENANT_B });
    const methods = await call(t, 'GET', `/beta/users/AdeleV@contoso.com/authentication/methods`, { token: admin });
    expect(methods.status).toBe(200);
    expect(methods.body.value).toHaveLength(11);
    expect(methods.body.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
      id: PASSWORD_ID,
      password: null,
      createdDateTime: '2023-09-18T10:38:07.000Z',
      lastUsedDateTime: null,
    });
    const tap = methods.body.value.find((m: Record<string, string>) => m['@odata.type'].endsWith('temporaryAccessPassAuthenticationMethod'));
    expect(tap).toMatchObject({ id: '6f1967b7-15e8-4935-ac26-d50770ed07a7' });
    // Beta's TAP type has no usability properties; v1.0's does.
    expect(tap).not.toHaveProperty('methodUsabilityReason');
    const v1Tap = await call(t, 'GET', `/v1.0/users/AdeleV@contoso.com/authentication/temporaryAccessPassMethods/${tap.id}`, { token: admin });
    expect(v1Tap.body).toMatchObject({ isUsable: false, methodUsabilityReason: 'Expired' });
    const auth = await call(t, 'GET', `/beta/users/${ADELE}/authentication`, { token: admin });
    expect(auth.body).toMatchObject({ id: 'c0ffee00-1111-4222-8333-444455556666', requirements: { perUserMfaState: 'enforced' } });
    const lee = await call(t, 'GET', `/v1.0/users/${LEE}/authentication/phoneMethods/${PHONE.mobile}`, { token: admin });
    expect(lee.body).toMatchObject({ phoneNumber: '+44 7700900123', smsSignInState: 'notEnabled' });
    // The TAP policy came along: 1440 is now allowed, 10 minutes is not.
    expect(
      (await call(t, 'POST', `/v1.0/users/${LEE}/authentication/temporaryAccessPassMethods`, { token: admin, body: { lifetimeInMinutes: 1440 } })).body
        .temporaryAccessPass,
    ).toMatch(/^\S{10}$/);
    expect(
      (await call(t, 'POST', `/v1.0/users/${LEE}/authentication/temporaryAccessPassMethods`, { token: admin, body: { lifetimeInMinutes: 10 } })).status,
    ).toBe(400);
    // Tenant A sees none of it.
    expect((await call(t, 'GET', `/v1.0/users/${ADELE}/authentication/methods`, { token: adminToken(t) })).status).toBe(404);
  });

  it.each([
    [{ users: [{ id: 'x', userPrincipalName: 'a@b.com' }] }, /users\[0\]\.id/],
    [
      {
        users: [
          {
            id: '0b5e2a4c-0000-4000-8000-000000000001',
            userPrincipalName: 'a@b.com',
            methods: [{ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneNumber: '555', phoneType: 'mobile' }],
          },
        ],
      },
      /methods\[0\]\.phoneNumber/,
    ],
    [
      {
        users: [
          {
            id: '0b5e2a4c-0000-4000-8000-000000000001',
            userPrincipalName: 'a@b.com',
            methods: [{ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneNumber: '+1 555', phoneType: 'alternateMobile' }],
          },
        ],
      },
      /alternateMobile phone needs a mobile/,
    ],
    [
      { users: [{ id: '0b5e2a4c-0000-4000-8000-000000000001', userPrincipalName: 'a@b.com', methods: [{ '@odata.type': '#microsoft.graph.user' }] }] },
      /@odata\.type/,
    ],
    [
      {
        users: [
          {
            id: '0b5e2a4c-0000-4000-8000-000000000001',
            userPrincipalName: 'a@b.com',
            methods: [{ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', color: 'red' }],
          },
        ],
      },
      /methods\[0\]\.color: unknown property/,
    ],
    [
      {
        tapPolicy: { defaultLifetimeInMinutes: 5, minimumLifetimeInMinutes: 10, maximumLifetimeInMinutes: 60, defaultLength: 8, isUsableOnce: false },
        users: [],
      },
      /tapPolicy\.defaultLifetimeInMinutes/,
    ],
    [{ people: [] }, /\$\.people: unknown property/],
  ])('rejects bad input with the path of the problem, writing nothing (%#)', async (json, message) => {
    const before = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM users`);
    await expect(t.app.get(AuthenticationFixturesService).load(TENANT_A, json)).rejects.toThrow(FixtureError);
    await expect(t.app.get(AuthenticationFixturesService).load(TENANT_A, json)).rejects.toThrow(message);
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('the CLI loads a file into a tenant (npm run fixtures -- --tenant … --file …)', async () => {
    const tenant = '33333333-3333-4333-8333-333333333333';
    // As `npm run fixtures` runs it: the built CLI.
    await ensureBuilt();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/src/cli/fixtures.js', '--tenant', tenant, '--file', 'test/fixtures/authentication-methods.json'],
      { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' } },
    ).catch((e) => {
      throw new Error(`CLI failed: ${e.stderr ?? e}`);
    });
    expect(stdout).toContain(`Loaded 2 user(s) and 13 method(s) into tenant ${tenant}, with a TAP policy.`);
    const admin = adminToken(t, { tenantId: tenant });
    const res = await call(t, 'GET', `/v1.0/users/LeeG@contoso.com/authentication/emailMethods`, { token: admin });
    expect(res.body.value).toEqual([{ id: EMAIL_ID, emailAddress: 'lee@example.org', createdDateTime: expect.any(String) }]);
  }, 240_000);

  it('the CLI enables TAP for a tenant in one line (npm run fixtures -- --tenant … --enable-tap)', async () => {
    const tenant = '44444444-4444-4444-8444-444444444444';
    const user = await newUser(t, tenant);
    const admin = adminToken(t, { tenantId: tenant });
    const create = () => call(t, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: admin, body: {} });
    expect((await create()).status).toBe(400);
    await ensureBuilt();
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/cli/fixtures.js', '--tenant', tenant, '--enable-tap'], {
      env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' },
    }).catch((e) => {
      throw new Error(`CLI failed: ${e.stderr ?? e}`);
    });
    expect(stdout).toBe(`Temporary Access Pass enabled for every user of tenant ${tenant}.\n`);
    // The CLI's write notifies the running service like any other write.
    await waitFor('the service sees TAP enabled', async () => (await create()).status === 201);
    const tap = await call(t, 'GET', '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', {
      token: policyAdmin(t, tenant),
    });
    expect(tap.body).toMatchObject({ state: 'enabled', defaultLength: 8, includeTargets: [{ id: 'all_users', targetType: 'group' }] });
  }, 240_000);
});
