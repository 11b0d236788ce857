import { jest } from '@jest/globals';
import { addPhone, adminToken, EMAIL_ID, newUser, PASSWORD_ID, PHONE, tokenOf } from './authentication-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { enableTap } from './support/methods-policy.js';
import { delegated } from './support/tokens.js';

jest.setTimeout(120_000);

/** Graph operations under `authentication` that used to answer 404: $count, external methods, beta SMS sign-in on methods. */
describe('authentication: Graph operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await enableTap(t);
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  describe('$count on every collection', () => {
    it('is the collection size as text/plain, never a method key', async () => {
      const user = await newUser(t);
      await addPhone(t, user, 'mobile');
      await addPhone(t, user, 'office', '+1 4255550100');
      const base = `/v1.0/users/${user.id}/authentication`;
      const expected: [string, number][] = [
        ['phoneMethods', 2],
        ['methods', 3],
        ['passwordMethods', 1],
        ['emailMethods', 0],
        ['temporaryAccessPassMethods', 0],
        ['softwareOathMethods', 0],
        ['fido2Methods', 0],
        ['microsoftAuthenticatorMethods', 0],
        ['windowsHelloForBusinessMethods', 0],
        ['platformCredentialMethods', 0],
        ['externalAuthenticationMethods', 0],
        ['operations', 0],
      ];
      for (const [segment, count] of expected) {
        const res = await call(t, 'GET', `${base}/${segment}/$count`, { token: adminToken(t) });
        expect([segment, res.status, res.headers.get('content-type'), res.body]).toEqual([segment, 200, 'text/plain; charset=utf-8', count]);
      }
      const self = await call(t, 'GET', '/beta/me/authentication/methods/$count', { token: tokenOf(t, user, ['UserAuthenticationMethod.Read']) });
      expect([self.status, self.body]).toEqual([200, 3]);
    });

    it('refuses query options, unknown users and callers without the read permission', async () => {
      const user = await newUser(t);
      const path = `/v1.0/users/${user.id}/authentication/phoneMethods/$count`;
      expect((await call(t, 'GET', `${path}?$top=1`, { token: adminToken(t) })).status).toBe(400);
      expect((await call(t, 'GET', `${path}?$select=id`, { token: adminToken(t) })).status).toBe(400);
      const missing = await call(t, 'GET', '/v1.0/users/nobody@contoso.test/authentication/methods/$count', { token: adminToken(t) });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
      expect((await call(t, 'GET', path, { token: delegated(t, ['User.Read.All']) })).status).toBe(403);
    });

    it('counts authentication contexts, with $filter', async () => {
      const admin = delegated(t, ['Policy.ReadWrite.ConditionalAccess'], ['Conditional Access Administrator']);
      const accr = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';
      for (const [id, isAvailable] of [
        ['c1', true],
        ['c2', false],
        ['c3', true],
      ] as const) {
        expect((await call(t, 'PATCH', `${accr}/${id}`, { token: admin, body: { displayName: id, isAvailable } })).status).toBe(204);
      }
      const all = await call(t, 'GET', `${accr}/$count`, { token: admin });
      expect([all.status, all.headers.get('content-type'), all.body]).toEqual([200, 'text/plain; charset=utf-8', 3]);
      const some = await call(t, 'GET', `/beta${accr.slice(5)}/$count?$filter=isAvailable eq true`, { token: admin });
      expect([some.status, some.body]).toEqual([200, 2]);
      expect((await call(t, 'GET', `${accr}/$count?$top=1`, { token: admin })).status).toBe(400);
    });
  });

  describe('externalAuthenticationMethods', () => {
    it('lists none and finds none, for the user and for admins', async () => {
      const user = await newUser(t);
      for (const [path, token] of [
        [`/v1.0/users/${user.id}/authentication/externalAuthenticationMethods`, adminToken(t)],
        ['/beta/me/authentication/externalAuthenticationMethods', tokenOf(t, user, ['UserAuthenticationMethod.Read'])],
      ] as const) {
        const res = await call(t, 'GET', path, { token });
        expect(res.status).toBe(200);
        expect(res.body.value).toEqual([]);
        expect(res.body['@odata.context']).toMatch(/\/authentication\/externalAuthenticationMethods$/);
      }
      const one = await call(t, 'GET', `/v1.0/users/${user.id}/authentication/externalAuthenticationMethods/${EMAIL_ID}`, { token: adminToken(t) });
      expect([one.status, one.body.error.code]).toEqual([404, 'itemNotFound']);
      expect(
        (await call(t, 'GET', `/v1.0/users/${user.id}/authentication/externalAuthenticationMethods`, { token: delegated(t, ['User.Read.All']) })).status,
      ).toBe(403);
      expect((await call(t, 'GET', '/v1.0/users/nobody@contoso.test/authentication/externalAuthenticationMethods', { token: adminToken(t) })).status).toBe(404);
    });
  });

  describe('beta enableSmsSignIn/disableSmsSignIn on methods/{id}', () => {
    it('toggle the mobile phone as on phoneMethods; other methods are 404; v1.0 has no such route', async () => {
      const user = await newUser(t);
      await addPhone(t, user, 'mobile', '+1 5550001111'); // a number nobody else in the suite has
      const methods = `/beta/users/${user.id}/authentication/methods`;
      const state = async () =>
        (await call(t, 'GET', `/beta/users/${user.id}/authentication/phoneMethods/${PHONE.mobile}`, { token: adminToken(t) })).body.smsSignInState;
      expect(await state()).toBe('ready');
      expect((await call(t, 'POST', `${methods}/${PHONE.mobile}/disableSmsSignIn`, { token: adminToken(t) })).status).toBe(204);
      expect(await state()).toBe('notEnabled');
      const self = tokenOf(t, user, ['UserAuthenticationMethod.ReadWrite']);
      expect((await call(t, 'POST', `/beta/me/authentication/methods/${PHONE.mobile}/enableSmsSignIn`, { token: self })).status).toBe(204);
      expect(await state()).toBe('ready');
      const password = await call(t, 'POST', `${methods}/${PASSWORD_ID}/enableSmsSignIn`, { token: adminToken(t) });
      expect([password.status, password.body.error.code]).toEqual([404, 'itemNotFound']);
      expect(
        (
          await call(t, 'POST', `${methods}/${PHONE.mobile}/enableSmsSignIn`, {
            token: delegated(t, ['UserAuthenticationMethod.Read.All'], ['Authentication Administrator']),
          })
        ).status,
      ).toBe(403);
      expect((await call(t, 'POST', `/v1.0/users/${user.id}/authentication/methods/${PHONE.mobile}/enableSmsSignIn`, { token: adminToken(t) })).status).toBe(
        404,
      );
    });
  });

  describe('method shapes per version', () => {
    it("TAP usability is v1.0's only; beta adds lastUsedDateTime; every family has createdDateTime", async () => {
      const user = await newUser(t);
      const v1 = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(t), body: {} });
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({ isUsable: true, methodUsabilityReason: 'EnabledByPolicy' });
      expect(v1.body).not.toHaveProperty('lastUsedDateTime');
      const beta = await call(t, 'POST', `/beta/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(t), body: {} });
      expect(beta.status).toBe(201);
      expect(beta.body).not.toHaveProperty('isUsable');
      expect(beta.body).not.toHaveProperty('methodUsabilityReason');
      expect(beta.body).toMatchObject({ lastUsedDateTime: null, temporaryAccessPass: expect.any(String) });
      const got = await call(t, 'GET', `/beta/users/${user.id}/authentication/temporaryAccessPassMethods/${beta.body.id}?$select=lastUsedDateTime`, {
        token: adminToken(t),
      });
      expect(got.body).toEqual({
        '@odata.context': `${t.url}/beta/$metadata#users('${user.id}')/authentication/temporaryAccessPassMethods(lastUsedDateTime)/$entity`,
        id: beta.body.id,
        lastUsedDateTime: null,
      });
      await addPhone(t, user, 'mobile');
      const phone = await call(t, 'GET', `/v1.0/users/${user.id}/authentication/phoneMethods/${PHONE.mobile}`, { token: adminToken(t) });
      expect(phone.body.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
  });
});
