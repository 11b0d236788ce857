import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

jest.setTimeout(120_000);

const body = (n: string, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: `Ops ${n}`,
  mailNickname: `ops${n}`,
  userPrincipalName: `ops${n}@contoso.test`,
  passwordProfile: { password: 'Str0ng!Passw0rd' },
  ...extra,
});

/** Graph operations on users beyond CRUD: $count, the profile properties, PATCH /me, the alternate key, delta, getByIds. */
describe('users: Graph operations', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = delegated(t, ['User.ReadWrite.All'], ['User Administrator']);
    reader = application(t, ['User.Read.All', 'Directory.Read.All']);
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const create = async (n: string, extra: Record<string, unknown> = {}) => {
    const res = await call(t, 'POST', '/v1.0/users', { token: admin, body: body(n, extra) });
    expect(res.status).toBe(201);
    return res.body as Record<string, any>;
  };

  describe('the five default profile properties', () => {
    it('are stored, served (businessPhones never null), patched and cleared', async () => {
      const bare = await create('bare');
      expect(bare).toMatchObject({ businessPhones: [], jobTitle: null, mobilePhone: null, officeLocation: null, preferredLanguage: null });
      const full = await create('full', {
        businessPhones: ['+1 425 555 0109'],
        jobTitle: 'Marketing Director',
        mobilePhone: '+1 425 555 0110',
        officeLocation: '18/2111',
        preferredLanguage: 'en-US',
      });
      expect(full).toMatchObject({ businessPhones: ['+1 425 555 0109'], jobTitle: 'Marketing Director', preferredLanguage: 'en-US' });
      const got = await call(t, 'GET', `/beta/users/${full.id}`, { token: reader });
      expect(got.body).toMatchObject({ businessPhones: ['+1 425 555 0109'], mobilePhone: '+1 425 555 0110', officeLocation: '18/2111' });

      expect((await call(t, 'PATCH', `/v1.0/users/${full.id}`, { token: admin, body: { businessPhones: [], jobTitle: null } })).status).toBe(204);
      const after = await call(t, 'GET', `/v1.0/users/${full.id}?$select=businessPhones,jobTitle,officeLocation`, { token: reader });
      expect(after.body).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#users(businessPhones,jobTitle,officeLocation)/$entity`,
        id: full.id,
        businessPhones: [],
        jobTitle: null,
        officeLocation: '18/2111',
      });
    });

    it.each([
      [{ businessPhones: null }],
      [{ businessPhones: 'x' }],
      [{ businessPhones: ['+1 1', '+1 2'] }],
      [{ businessPhones: [1] }],
      [{ businessPhones: ['+1 1\u0000'] }],
      [{ jobTitle: 7 }],
      [{ jobTitle: 'x'.repeat(129) }],
      [{ preferredLanguage: 'english please' }],
      [{ mobilePhone: true }],
    ])('refuses %j with a 400 and writes nothing', async (bad) => {
      const user = await create(`bad${Math.random().toString(36).slice(2, 8)}`);
      const res = await call(t, 'PATCH', `/v1.0/users/${user.id}`, { token: admin, body: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('Request_BadRequest');
      const got = await call(t, 'GET', `/v1.0/users/${user.id}`, { token: reader });
      expect(got.body).toMatchObject({ businessPhones: [], jobTitle: null, mobilePhone: null, preferredLanguage: null });
    });

    it('filters on jobTitle, officeLocation, mobilePhone and preferredLanguage', async () => {
      await create('filt', { jobTitle: 'Filterable Title', officeLocation: 'Bldg 7', preferredLanguage: 'fr-FR', mobilePhone: '+33 1' });
      for (const f of [`jobTitle eq 'Filterable Title'`, `startswith(officeLocation,'Bldg 7')`, `preferredLanguage eq 'fr-FR'`, `mobilePhone in ('+33 1')`]) {
        const res = await call(t, 'GET', `/v1.0/users?$filter=${encodeURIComponent(f)}&$select=userPrincipalName`, { token: reader });
        expect([f, res.status, res.body.value.map((u: any) => u.userPrincipalName)]).toEqual([f, 200, ['opsfilt@contoso.test']]);
      }
      const bad = await call(t, 'GET', `/v1.0/users?$filter=${encodeURIComponent("businessPhones eq 'x'")}`, { token: reader });
      expect(bad.status).toBe(400);
    });
  });

  describe('users/$count', () => {
    it('answers text/plain with ConsistencyLevel: eventual, honouring $filter', async () => {
      await create('count1', { jobTitle: 'Counted' });
      await create('count2', { jobTitle: 'Counted' });
      const all = await call(t, 'GET', '/v1.0/users/$count', { token: reader, headers: { ConsistencyLevel: 'eventual' } });
      expect(all.status).toBe(200);
      expect(all.headers.get('content-type')).toMatch(/^text\/plain/);
      const list = await call(t, 'GET', '/v1.0/users?$count=true&$top=1', { token: reader, headers: { ConsistencyLevel: 'eventual' } });
      expect(all.body).toBe(list.body['@odata.count']);
      const some = await call(t, 'GET', `/beta/users/$count?$filter=${encodeURIComponent("jobTitle eq 'Counted'")}`, {
        token: reader,
        headers: { ConsistencyLevel: 'eventual' },
      });
      expect([some.status, some.body]).toEqual([200, 2]);
    });

    it("without the header is Graph's 400, and other options are refused", async () => {
      const res = await call(t, 'GET', '/v1.0/users/$count', { token: reader });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'Request_UnsupportedQuery',
        message: expect.stringContaining("Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing"),
      });
      const top = await call(t, 'GET', '/v1.0/users/$count?$top=1', { token: reader, headers: { ConsistencyLevel: 'eventual' } });
      expect(top.status).toBe(400);
      expect((await call(t, 'GET', '/v1.0/users/$count', { token: delegated(t, ['User.Read']) })).status).toBe(403);
    });
  });

  describe('PATCH /me', () => {
    it('lets a user change their contact details with User.ReadWrite, not their identity', async () => {
      const token = delegated(t, ['User.ReadWrite']);
      const me = await call(t, 'GET', '/v1.0/me', { token });
      expect(me.status).toBe(200);
      const ok = await call(t, 'PATCH', '/v1.0/me', {
        token,
        body: { mobilePhone: '+1 206 555 0100', businessPhones: ['+1 206 555 0101'], preferredLanguage: 'de-DE' },
      });
      expect(ok.status).toBe(204);
      const after = await call(t, 'GET', '/v1.0/me', { token });
      expect(after.body).toMatchObject({ mobilePhone: '+1 206 555 0100', businessPhones: ['+1 206 555 0101'], preferredLanguage: 'de-DE' });
      for (const change of [{ displayName: 'Me' }, { jobTitle: 'CEO' }, { accountEnabled: false }, { userPrincipalName: 'x@contoso.test' }]) {
        const res = await call(t, 'PATCH', '/v1.0/me', { token, body: change });
        expect([change, res.status, res.body.error.code]).toEqual([change, 403, 'Authorization_RequestDenied']);
      }
      // The same rule through /users/{own id}.
      expect((await call(t, 'PATCH', `/v1.0/users/${me.body.id}`, { token, body: { officeLocation: 'Home' } })).status).toBe(204);
      expect((await call(t, 'PATCH', `/v1.0/users/${me.body.id}`, { token, body: { jobTitle: 'CEO' } })).status).toBe(403);
      expect((await call(t, 'PATCH', '/v1.0/me', { token: delegated(t, ['User.Read']), body: { mobilePhone: null } })).status).toBe(403);
      expect((await call(t, 'PATCH', '/v1.0/me', { token: application(t, ['User.ReadWrite.All']), body: { mobilePhone: null } })).status).toBe(400);
    });

    it('lets a User Administrator change anything on themself', async () => {
      const res = await call(t, 'PATCH', '/v1.0/me', { token: admin, body: { jobTitle: 'Admin', displayName: 'Admin Self' } });
      expect(res.status).toBe(204);
      expect((await call(t, 'GET', '/v1.0/me', { token: admin })).body).toMatchObject({ jobTitle: 'Admin', displayName: 'Admin Self' });
    });
  });

  describe("the alternate key users(userPrincipalName='…')", () => {
    it('gets, patches and deletes, with the key URL-encoded or not and quotes doubled', async () => {
      const user = await create("o'key", { mailNickname: 'okey' });
      const upn = user.userPrincipalName as string;
      const quoted = upn.replace(/'/g, "''");
      for (const path of [`/v1.0/users(userPrincipalName='${quoted}')`, `/beta/users(userPrincipalName='${encodeURIComponent(quoted)}')`]) {
        const got = await call(t, 'GET', path, { token: reader });
        expect([path, got.status, got.body.id]).toEqual([path, 200, user.id]);
      }
      expect((await call(t, 'PATCH', `/v1.0/users(userPrincipalName='${quoted}')`, { token: admin, body: { jobTitle: 'Keyed' } })).status).toBe(204);
      expect((await call(t, 'GET', `/v1.0/users/${user.id}`, { token: reader })).body.jobTitle).toBe('Keyed');
      const missing = await call(t, 'GET', "/v1.0/users(userPrincipalName='nobody@contoso.test')", { token: reader });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
      expect((await call(t, 'DELETE', `/v1.0/users(userPrincipalName='${quoted}')`, { token: admin })).status).toBe(204);
      expect((await call(t, 'GET', `/v1.0/users/${user.id}`, { token: reader })).status).toBe(404);
    });
  });

  describe('users/delta', () => {
    it('lists everyone, then only what changed (created, updated, deleted) since the deltaLink', async () => {
      const t2 = delegated(t, ['User.ReadWrite.All'], ['User Administrator'], { tenantId: '33333333-3333-4333-8333-333333333333' });
      const tenantReader = application(t, ['User.Read.All'], { tenantId: '33333333-3333-4333-8333-333333333333' });
      const mk = async (n: string) => (await call(t, 'POST', '/v1.0/users', { token: t2, body: body(`d${n}`) })).body;
      const a = await mk('a');
      const b = await mk('b');
      const first = await call(t, 'GET', '/v1.0/users/delta?$select=displayName', { token: tenantReader });
      expect(first.status).toBe(200);
      expect(first.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users(displayName)`);
      expect(first.body.value).toEqual([
        { id: a.id, displayName: 'Ops da' },
        { id: b.id, displayName: 'Ops db' },
      ]);
      const deltaLink: string = first.body['@odata.deltaLink'];
      expect(deltaLink).toMatch(new RegExp(`^${t.url}/v1.0/users/delta\\(\\)\\?\\$deltatoken=`));

      const quiet = await call(t, 'GET', deltaLink.slice(t.url.length), { token: tenantReader });
      expect(quiet.body.value).toEqual([]);

      await call(t, 'PATCH', `/v1.0/users/${a.id}`, { token: t2, body: { displayName: 'A renamed' } });
      await call(t, 'DELETE', `/v1.0/users/${b.id}`, { token: t2 });
      const c = await mk('c');
      const changes = await call(t, 'GET', quiet.body['@odata.deltaLink'].slice(t.url.length), { token: tenantReader });
      expect(changes.body.value).toEqual([
        { id: a.id, displayName: 'A renamed' },
        { '@odata.type': '#microsoft.graph.user', id: b.id, '@removed': { reason: 'deleted' } },
        { id: c.id, displayName: 'Ops dc' },
      ]);
      // A PATCH that changes nothing is no change.
      await call(t, 'PATCH', `/v1.0/users/${a.id}`, { token: t2, body: { displayName: 'A renamed' } });
      expect((await call(t, 'GET', changes.body['@odata.deltaLink'].slice(t.url.length), { token: tenantReader })).body.value).toEqual([]);

      expect((await call(t, 'GET', '/v1.0/users/delta()?$deltatoken=garbage', { token: tenantReader })).status).toBe(400);
      expect((await call(t, 'GET', '/v1.0/users/delta?$top=1', { token: tenantReader })).status).toBe(400);
    });
  });

  describe('getByIds', () => {
    it('returns the users among the ids, typed, on both paths; unknown ids are left out', async () => {
      const a = await create('gba');
      const b = await create('gbb');
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const path of ['/v1.0/directoryObjects/getByIds', '/beta/users/getByIds']) {
        const res = await call(t, 'POST', path, { token: reader, body: { ids: [a.id, unknown, b.id.toUpperCase()], types: ['user'] } });
        expect(res.status).toBe(200);
        expect(res.body['@odata.context']).toMatch(/\/\$metadata#directoryObjects$/);
        expect(res.body.value.map((u: any) => u.id).sort()).toEqual([a.id, b.id].sort());
        expect(res.body.value.every((u: any) => u['@odata.type'] === '#microsoft.graph.user' && Array.isArray(u.businessPhones))).toBe(true);
      }
      const groups = await call(t, 'POST', '/v1.0/directoryObjects/getByIds', { token: reader, body: { ids: [a.id], types: ['group'] } });
      expect(groups.body.value).toEqual([]);
      expect((await call(t, 'POST', '/v1.0/directoryObjects/getByIds', { token: reader, body: { ids: ['nope'] } })).status).toBe(400);
      expect((await call(t, 'POST', '/v1.0/directoryObjects/getByIds', { token: reader, body: {} })).status).toBe(400);
      expect((await call(t, 'POST', '/v1.0/directoryObjects/getByIds', { token: application(t, ['User.Read.All']), body: { ids: [a.id] } })).status).toBe(403);
    });
  });

  describe('validateProperties', () => {
    it('204 for free names, 422 with details for a taken mail alias, 400 for other entity types', async () => {
      const taken = await create('vp');
      const groupReader = application(t, ['Group.Read.All']);
      for (const path of ['/v1.0/directoryObjects/validateProperties', '/beta/users/validateProperties']) {
        const ok = await call(t, 'POST', path, { token: groupReader, body: { entityType: 'Group', displayName: 'Marketing', mailNickname: 'marketing' } });
        expect([path, ok.status, ok.body]).toEqual([path, 204, null]);
        const clash = await call(t, 'POST', path, { token: groupReader, body: { entityType: 'group', mailNickname: taken.mailNickname.toUpperCase() } });
        expect([path, clash.status]).toEqual([path, 422]);
        expect(clash.body.error).toMatchObject({
          code: 'Request_UnprocessableEntity',
          message: 'The values provided contain one or more validation errors.',
          details: [
            { target: 'mailNickname', code: 'PropertyConflict', message: 'Another object with the same value for property mailNickname already exists.' },
          ],
        });
      }
      const path = '/v1.0/directoryObjects/validateProperties';
      for (const bad of [
        { entityType: 'User', displayName: 'x' },
        { entityType: 'Group' },
        { displayName: 'x' },
        { entityType: 'Group', displayName: 7 },
        { entityType: 'Group', displayName: 'x', onBehalfOfUserId: 'me' },
      ]) {
        const res = await call(t, 'POST', path, { token: groupReader, body: bad });
        expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, 'Request_BadRequest']);
      }
      const nobody = await call(t, 'POST', path, {
        token: groupReader,
        body: { entityType: 'Group', displayName: 'x', onBehalfOfUserId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(nobody.status).toBe(404);
      expect((await call(t, 'POST', path, { token: application(t, ['User.Read.All']), body: { entityType: 'Group', displayName: 'x' } })).status).toBe(403);
    });
  });
});
