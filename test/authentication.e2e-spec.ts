import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';
import { adminToken, GUID_RE, newUser, tokenOf } from './authentication-helpers.js';

describe('authentication object (seed 000, DECISIONS §3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('the seed: POST /beta/me/authentication creates (201), then answers 200 with the same object', async () => {
    const oid = randomUUID();
    const token = delegated(t, ['UserAuthenticationMethod.ReadWrite'], [], { objectId: oid });
    const first = await call(t, 'POST', '/beta/me/authentication', { token, body: { '@odata.type': '#microsoft.graph.authentication' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      '@odata.context': `${t.url}/beta/$metadata#users('${oid}')/authentication/$entity`,
      '@odata.type': '#microsoft.graph.authentication',
      id: expect.stringMatching(GUID_RE),
      // The seed's example is "truncated for brevity": beta's type also has its two states.
      signInPreferences: { isSystemPreferredAuthenticationMethodEnabled: true, userPreferredMethodForSecondaryAuthentication: null },
      requirements: { perUserMfaState: 'disabled' },
    });
    expect(first.headers.get('location')).toBe(`${t.url}/beta/users/${oid}/authentication`);
    const second = await call(t, 'POST', '/beta/me/authentication', { token, body: { '@odata.type': '#microsoft.graph.authentication' } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBeNull();
  });

  it('POST on /users/{upn} by an admin; the context echoes the key URL-encoded; a given id is honoured only at creation', async () => {
    const user = await newUser(t);
    const id = randomUUID();
    const res = await call(t, 'POST', `/v1.0/users/${user.upn}/authentication`, { token: adminToken(t), body: { id } });
    expect(res.status).toBe(201);
    expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users('${user.upn.replace('@', '%40')}')/authentication/$entity`);
    expect(res.body.id).toBe(id);
    expect(res.headers.get('location')).toBe(`${t.url}/v1.0/users/${user.id}/authentication`);
    const again = await call(t, 'POST', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body: { id: randomUUID() } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
  });

  it('GET creates the object on first need and is stable; never 404 for an existing user', async () => {
    const user = await newUser(t);
    const first = await call(t, 'GET', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t) });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/$entity`,
      '@odata.type': '#microsoft.graph.authentication',
      id: expect.stringMatching(GUID_RE),
    });
    const post = await call(t, 'POST', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body: {} });
    expect(post.status).toBe(200);
    expect(post.body.id).toBe(first.body.id);
    const self = await call(t, 'GET', '/v1.0/me/authentication', { token: tokenOf(t, user, ['UserAuthenticationMethod.Read']) });
    expect(self.body.id).toBe(first.body.id);
  });

  it('two first POSTs at once: one 201, one 200, one object', async () => {
    const user = await newUser(t);
    const results = await Promise.all([0, 1, 2].map(() => call(t, 'POST', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body: {} })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it.each([
    [{ '@odata.type': '#microsoft.graph.user' }, 'badRequest'],
    [{ id: 'not-a-guid' }, 'badRequest'],
    [{ displayName: 'x' }, 'Request_BadRequest'],
    [{ signInPreferences: { isSystemPreferredAuthenticationMethodEnabled: true } }, 'Request_BadRequest'],
    [[], /BadRequest/],
  ])('v1.0 POST body %j is 400 %s and creates nothing', async (body, code) => {
    const user = await newUser(t);
    const res = await call(t, 'POST', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(code);
    const created = await call(t, 'POST', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body: {} });
    expect(created.status).toBe(201);
  });

  it("an id already used by another user's object is 409", async () => {
    const a = await newUser(t);
    const b = await newUser(t);
    const id = randomUUID();
    expect((await call(t, 'POST', `/v1.0/users/${a.id}/authentication`, { token: adminToken(t), body: { id } })).status).toBe(201);
    const res = await call(t, 'POST', `/v1.0/users/${b.id}/authentication`, { token: adminToken(t), body: { id } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('unknown users are 404 Request_ResourceNotFound; PUT/PATCH/DELETE on the object are 405', async () => {
    const missing = randomUUID();
    const res = await call(t, 'GET', `/v1.0/users/${missing}/authentication`, { token: adminToken(t) });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`,
    });
    const user = await newUser(t);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await call(t, method, `/v1.0/users/${user.id}/authentication`, { token: adminToken(t), body: method === 'DELETE' ? undefined : {} });
      expect({ method, status: r.status, code: r.body.error.code }).toEqual({ method, status: 405, code: 'Request_BadRequest' });
    }
  });

  describe('beta states (graph-spec §2.3)', () => {
    it('POST with signInPreferences and requirements applies them at creation; GET on beta shows them, v1.0 does not', async () => {
      const user = await newUser(t);
      const body = {
        '@odata.type': '#microsoft.graph.authentication',
        signInPreferences: { isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'push' },
        requirements: { perUserMfaState: 'enforced' },
      };
      expect((await call(t, 'POST', `/beta/users/${user.id}/authentication`, { token: adminToken(t), body })).status).toBe(201);
      const beta = await call(t, 'GET', `/beta/users/${user.id}/authentication`, { token: adminToken(t) });
      expect(beta.body).toMatchObject({
        signInPreferences: { isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'push' },
        requirements: { perUserMfaState: 'enforced' },
      });
      const v1 = await call(t, 'GET', `/v1.0/users/${user.id}/authentication`, { token: adminToken(t) });
      expect(Object.keys(v1.body).sort()).toEqual(['@odata.context', '@odata.type', 'id']);
    });

    it('signInPreferences: defaults, PATCH 204, GET reflects it; bad values 400', async () => {
      const user = await newUser(t);
      const path = `/beta/users/${user.id}/authentication/signInPreferences`;
      const initial = await call(t, 'GET', path, { token: adminToken(t) });
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({
        '@odata.context': `${t.url}/beta/$metadata#users('${user.id}')/authentication/signInPreferences`,
        isSystemPreferredAuthenticationMethodEnabled: true,
        userPreferredMethodForSecondaryAuthentication: null,
      });
      const patch = await call(t, 'PATCH', path, { token: adminToken(t), body: { userPreferredMethodForSecondaryAuthentication: 'sms' } });
      expect(patch.status).toBe(204);
      expect((await call(t, 'GET', path, { token: adminToken(t) })).body.userPreferredMethodForSecondaryAuthentication).toBe('sms');
      const bad = await call(t, 'PATCH', path, { token: adminToken(t), body: { userPreferredMethodForSecondaryAuthentication: 'carrierPigeon' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('badRequest');
      // Beta only.
      expect((await call(t, 'GET', `/v1.0/users/${user.id}/authentication/signInPreferences`, { token: adminToken(t) })).status).toBe(404);
    });

    it('requirements: Policy.* permissions, PATCH 204, GET reflects it', async () => {
      const user = await newUser(t);
      const path = `/beta/users/${user.id}/authentication/requirements`;
      const policyAdmin = delegated(t, ['Policy.ReadWrite.AuthenticationMethod'], ['Authentication Policy Administrator']);
      expect((await call(t, 'GET', path, { token: policyAdmin })).body.perUserMfaState).toBe('disabled');
      expect((await call(t, 'PATCH', path, { token: policyAdmin, body: { perUserMfaState: 'enabled' } })).status).toBe(204);
      const app = application(t, ['Policy.Read.All']);
      expect((await call(t, 'GET', path, { token: app })).body).toEqual({
        '@odata.context': `${t.url}/beta/$metadata#users('${user.id}')/authentication/requirements`,
        perUserMfaState: 'enabled',
      });
      // The auth-methods admin scope does not reach the MFA state.
      expect((await call(t, 'GET', path, { token: adminToken(t) })).status).toBe(403);
      expect((await call(t, 'PATCH', path, { token: policyAdmin, body: { perUserMfaState: null } })).status).toBe(400);
    });
  });
});
