import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated, TENANT_B } from './support/tokens.js';

const newUser = (n: string | number, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: `User ${n}`,
  mailNickname: `user${n}`,
  userPrincipalName: `user${n}@contoso.test`,
  passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true },
  ...extra,
});

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let app: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = delegated(t, ['User.ReadWrite.All'], ['User Administrator']);
    app = application(t, ['User.ReadWrite.All']);
  });
  afterAll(() => t?.close());

  it('creates, reads by id and by UPN (any case), updates and deletes a user', async () => {
    const created = await call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('crud', { givenName: 'Cru', surname: 'D' }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`${t.url}/v1.0/users/${id}`);
    expect(created.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users/$entity`,
      id,
      displayName: 'User crud',
      userPrincipalName: 'usercrud@contoso.test',
      mail: null,
      mailNickname: 'usercrud',
      givenName: 'Cru',
      surname: 'D',
      accountEnabled: true,
      businessPhones: [],
      jobTitle: null,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
    });
    expect(JSON.stringify(created.body)).not.toContain('Passw0rd');

    const byUpn = await call(t, 'GET', '/v1.0/users/USERCRUD@contoso.test', { token: app });
    expect(byUpn.status).toBe(200);
    expect(byUpn.body.id).toBe(id);
    // A userPrincipalName may be 113 characters long; the path must take it.
    const longUpn = `${'l'.repeat(64)}@${'d'.repeat(40)}.test`;
    const long = await call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('long', { userPrincipalName: longUpn }) });
    expect(long.status).toBe(201);
    expect((await call(t, 'GET', `/v1.0/users/${longUpn}`, { token: app })).body.id).toBe(long.body.id);

    const patched = await call(t, 'PATCH', `/v1.0/users/${id}`, { token: admin, body: { displayName: 'Renamed', mail: 'r@contoso.test' } });
    expect(patched.status).toBe(204);
    expect(patched.body).toBeNull();
    const got = await call(t, 'GET', `/beta/users/${id}?$select=displayName,mail`, { token: app });
    expect(got.body).toEqual({
      '@odata.context': `${t.url}/beta/$metadata#users(displayName,mail)/$entity`,
      id,
      displayName: 'Renamed',
      mail: 'r@contoso.test',
    });

    expect((await call(t, 'DELETE', `/v1.0/users/${id}`, { token: admin })).status).toBe(204);
    const gone = await call(t, 'GET', `/v1.0/users/${id}`, { token: app });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('Request_ResourceNotFound');
    expect((await call(t, 'DELETE', `/v1.0/users/${id}`, { token: admin })).status).toBe(404);
  });

  it('rejects bad bodies with 400 and writes nothing', async () => {
    const cases: Record<string, unknown>[] = [
      { ...newUser('b1'), userPrincipalName: 'not-an-upn' },
      { ...newUser('b2'), passwordProfile: { password: 'weak' } },
      { ...newUser('b3'), accountEnabled: 'yes' },
      { ...newUser('b4'), favouriteColour: 'blue' },
      { ...newUser('b5'), passwordProfile: undefined },
      { ...newUser('b6'), displayName: 'x'.repeat(257) },
      { ...newUser('b7'), mailNickname: 'has space' },
    ];
    for (const body of cases) {
      const res = await call(t, 'POST', '/v1.0/users', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('Request_BadRequest');
    }
    const list = await call(t, 'GET', "/v1.0/users?$filter=startswith(userPrincipalName,'userb')", { token: app });
    expect(list.body.value).toEqual([]);
  });

  it('a duplicate userPrincipalName is 400, also when two creates race', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('race') })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    const list = await call(t, 'GET', "/v1.0/users?$filter=userPrincipalName eq 'userrace@contoso.test'", { token: app });
    expect(list.body.value).toHaveLength(1);
  });

  it('/me provisions the signed-in user once, from the token', async () => {
    const oid = randomUUID();
    const token = delegated(t, ['User.Read'], [], { objectId: oid, userPrincipalName: 'Me.Myself@contoso.test', name: 'Me Myself' });
    const [a, b] = await Promise.all([call(t, 'GET', '/v1.0/me', { token }), call(t, 'GET', '/v1.0/me', { token })]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toMatchObject({ id: oid, userPrincipalName: 'Me.Myself@contoso.test', displayName: 'Me Myself' });
    // Reading yourself by id needs only User.Read.
    expect((await call(t, 'GET', `/v1.0/users/${oid}`, { token })).status).toBe(200);
    // Someone else is not yourself.
    expect((await call(t, 'GET', `/v1.0/users/${randomUUID()}`, { token })).status).toBe(403);
  });

  it('/me with an application token is 400', async () => {
    const res = await call(t, 'GET', '/v1.0/me', { token: app });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('/me request is only valid with delegated authentication flow.');
  });

  describe('list', () => {
    beforeAll(async () => {
      for (let i = 0; i < 25; i++) {
        const res = await call(t, 'POST', '/v1.0/users', {
          token: admin,
          body: newUser(`list${String(i).padStart(2, '0')}`, { accountEnabled: i % 2 === 0 }),
        });
        expect(res.status).toBe(201);
      }
    });

    it('pages through every user exactly once with absolute next links', async () => {
      const seen: string[] = [];
      let url: string | undefined = `${t.url}/v1.0/users?$filter=startswith(userPrincipalName,'userlist')&$top=10&$orderby=displayName`;
      let pages = 0;
      while (url) {
        const res: JsonResponse = await call(t, 'GET', url.slice(t.url.length), { token: app });
        expect(res.status).toBe(200);
        expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users`);
        seen.push(...res.body.value.map((u: { displayName: string }) => u.displayName));
        url = res.body['@odata.nextLink'];
        if (url) expect(url.startsWith(`${t.url}/v1.0/users?`)).toBe(true);
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `User list${String(i).padStart(2, '0')}`));
    });

    it('$count needs ConsistencyLevel: eventual, like Graph', async () => {
      const path = "/v1.0/users?$filter=startswith(userPrincipalName,'userlist') and accountEnabled eq true&$count=true&$select=id,accountEnabled";
      const without = await call(t, 'GET', path, { token: app });
      expect(without.status).toBe(400);
      expect(without.body.error.code).toBe('Request_UnsupportedQuery');
      const res = await call(t, 'GET', path, { token: app, headers: { ConsistencyLevel: 'eventual' } });
      expect(res.status).toBe(200);
      expect(res.body['@odata.count']).toBe(13);
      expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users(id,accountEnabled)`);
      expect(Object.keys(res.body.value[0]).sort()).toEqual(['accountEnabled', 'id']);
    });

    it('ne needs the advanced-query parameters', async () => {
      const res = await call(t, 'GET', "/v1.0/users?$filter=displayName ne 'x'", { token: app });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("Operator 'ne'");
    });

    it('unsupported options are 400 Request_UnsupportedQuery', async () => {
      for (const q of ['$expand=manager', '$top=1000', "$filter=nosuch eq 'x'", '$orderby=mail']) {
        const res = await call(t, 'GET', `/v1.0/users?${q}`, { token: app });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('Request_UnsupportedQuery');
      }
    });
  });

  it('tenants never see each other', async () => {
    const created = await call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('tenantA') });
    const other = application(t, ['User.ReadWrite.All'], { tenantId: TENANT_B });
    for (const [method, body] of [['GET'], ['PATCH', { displayName: 'x' }], ['DELETE']] as const) {
      const res = await call(t, method, `/v1.0/users/${created.body.id}`, { token: other, body });
      expect(res.status).toBe(404);
    }
    expect((await call(t, 'GET', '/v1.0/users/usertenantA@contoso.test', { token: other })).status).toBe(404);
    const list = await call(t, 'GET', '/v1.0/users', { token: other });
    expect(list.body.value).toEqual([]);
  });
});
