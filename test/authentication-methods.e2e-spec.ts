import { DataSource } from 'typeorm';
import { AuthenticationFixturesService } from '../src/authentication/fixtures/authentication-fixtures.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { enableTap } from './support/methods-policy.js';
import { application, delegated, TENANT_A, TENANT_B } from './support/tokens.js';
import { addPhone, adminToken, EMAIL_ID, GUID_RE, newUser, PASSWORD_ID, PHONE, tokenOf, type TestUser } from './authentication-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const base = (u: TestUser, version = 'v1.0') => `/${version}/users/${u.id}/authentication`;

describe('phoneMethods (graph-spec §2.6.6)', () => {
  it('create: 201 with the per-type id, Location and entity context; mobile is ready for SMS sign-in', async () => {
    const user = await newUser(t);
    const res = await call(t, 'POST', `/v1.0/users/${user.upn}/authentication/phoneMethods`, {
      token: adminToken(t),
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${encodeURIComponent(user.upn)}')/authentication/phoneMethods/$entity`,
      id: PHONE.mobile,
      phoneNumber: '+1 2065555555',
      phoneType: 'mobile',
      smsSignInState: 'ready',
      createdDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(res.headers.get('location')).toBe(`${t.url}/v1.0/users/${user.id}/authentication/phoneMethods/${PHONE.mobile}`);
    const got = await call(t, 'GET', res.headers.get('location')!.slice(t.url.length), { token: adminToken(t) });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: PHONE.mobile, phoneNumber: '+1 2065555555' });
  });

  it.each([
    [{ phoneNumber: '2065555555', phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: '+1 206-555-5555', phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: '+12065555555', phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: '+1234 5555', phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234x', phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: 5555551234, phoneType: 'mobile' }, 'badRequest'],
    [{ phoneType: 'mobile' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234', phoneType: 'unknownFutureValue' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234', phoneType: 'mobile', smsSignInState: 'ready' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234', phoneType: 'mobile', '@odata.type': '#microsoft.graph.emailAuthenticationMethod' }, 'badRequest'],
    [{ phoneNumber: '+1 5555551234', phoneType: 'mobile', nickname: 'x' }, 'Request_BadRequest'],
  ])('create with %j: 400 %s, nothing stored', async (body, code) => {
    const user = await newUser(t);
    const res = await call(t, 'POST', `${base(user)}/phoneMethods`, { token: adminToken(t), body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect((await call(t, 'GET', `${base(user)}/phoneMethods`, { token: adminToken(t) })).body.value).toEqual([]);
  });

  it('accepts an extension and @odata.type; one phone per type (409); an alternate needs a mobile (400)', async () => {
    const user = await newUser(t);
    const alt = await call(t, 'POST', `${base(user)}/phoneMethods`, {
      token: adminToken(t),
      body: { phoneNumber: '+44 7700900123', phoneType: 'alternateMobile' },
    });
    expect(alt.status).toBe(400);
    expect(alt.body.error.code).toBe('badRequest');
    const office = await call(t, 'POST', `${base(user)}/phoneMethods`, {
      token: adminToken(t),
      body: { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneNumber: '+1 4255550100x123', phoneType: 'office' },
    });
    expect(office.status).toBe(201);
    expect(office.body).toMatchObject({ id: PHONE.office, smsSignInState: 'notSupported' });
    await addPhone(t, user, 'mobile');
    const dup = await call(t, 'POST', `${base(user)}/phoneMethods`, { token: adminToken(t), body: { phoneNumber: '+1 5555550000', phoneType: 'mobile' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    const alt2 = await call(t, 'POST', `${base(user)}/phoneMethods`, {
      token: adminToken(t),
      body: { phoneNumber: '+44 7700900123', phoneType: 'alternateMobile' },
    });
    expect(alt2.status).toBe(201);
    expect(alt2.body.id).toBe(PHONE.alternateMobile);
    const list = await call(t, 'GET', `${base(user)}/phoneMethods`, { token: adminToken(t) });
    expect(list.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users('${user.id}')/authentication/phoneMethods`);
    expect(list.body.value.map((p: { phoneType: string }) => p.phoneType).sort()).toEqual(['alternateMobile', 'mobile', 'office']);
  });

  it('update: 204 with no body; the type cannot change; smsSignInState is read-only; unknown ids 404', async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile');
    const path = `${base(user)}/phoneMethods/${PHONE.mobile}`;
    const ok = await call(t, 'PATCH', path, { token: adminToken(t), body: { phoneNumber: '+1 5555559999', phoneType: 'mobile' } });
    expect(ok.status).toBe(204);
    expect(ok.body).toBeNull();
    expect((await call(t, 'GET', path, { token: adminToken(t) })).body.phoneNumber).toBe('+1 5555559999');
    const typeChange = await call(t, 'PATCH', path, { token: adminToken(t), body: { phoneType: 'office' } });
    expect(typeChange.status).toBe(400);
    expect(typeChange.body.error.code).toBe('badRequest');
    const state = await call(t, 'PATCH', path, { token: adminToken(t), body: { smsSignInState: 'notEnabled' } });
    expect(state.status).toBe(400);
    const badNumber = await call(t, 'PATCH', path, { token: adminToken(t), body: { phoneNumber: 'call me' } });
    expect(badNumber.status).toBe(400);
    for (const id of [PHONE.office, 'nope', EMAIL_ID]) {
      const missing = await call(t, 'PATCH', `${base(user)}/phoneMethods/${id}`, { token: adminToken(t), body: { phoneNumber: '+1 5555550000' } });
      expect({ id, status: missing.status, code: missing.body.error.code }).toEqual({ id, status: 404, code: 'itemNotFound' });
    }
  });

  it('delete: 204; the mobile stays while an alternate exists (400); a second delete is 404', async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile');
    await addPhone(t, user, 'alternateMobile', '+1 5555550001');
    const mobile = `${base(user)}/phoneMethods/${PHONE.mobile}`;
    const blocked = await call(t, 'DELETE', mobile, { token: adminToken(t) });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.code).toBe('badRequest');
    expect((await call(t, 'DELETE', `${base(user)}/phoneMethods/${PHONE.alternateMobile}`, { token: adminToken(t) })).status).toBe(204);
    expect((await call(t, 'DELETE', mobile, { token: adminToken(t) })).status).toBe(204);
    const again = await call(t, 'DELETE', mobile, { token: adminToken(t) });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('itemNotFound');
  });

  it("the user's default sign-in phone cannot be deleted (400) until the preference changes", async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile');
    await addPhone(t, user, 'office', '+1 5555550003');
    const prefs = `/beta/users/${user.id}/authentication/signInPreferences`;
    expect((await call(t, 'PATCH', prefs, { token: adminToken(t), body: { userPreferredMethodForSecondaryAuthentication: 'voiceOffice' } })).status).toBe(204);
    const office = `${base(user)}/phoneMethods/${PHONE.office}`;
    const blocked = await call(t, 'DELETE', office, { token: adminToken(t) });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.code).toBe('badRequest');
    expect((await call(t, 'PATCH', prefs, { token: adminToken(t), body: { userPreferredMethodForSecondaryAuthentication: 'push' } })).status).toBe(204);
    expect((await call(t, 'DELETE', office, { token: adminToken(t) })).status).toBe(204);
  });

  it('SMS sign-in: disable/enable on the mobile (204), refused on other types, number uniqueness decides who is ready', async () => {
    const first = await newUser(t);
    const second = await newUser(t);
    await addPhone(t, first, 'mobile', '+1 5550001111');
    await addPhone(t, first, 'office', '+1 5550002222');
    const mobile = `${base(first)}/phoneMethods/${PHONE.mobile}`;
    expect((await call(t, 'POST', `${mobile}/disableSmsSignIn`, { token: adminToken(t) })).status).toBe(204);
    expect((await call(t, 'GET', mobile, { token: adminToken(t) })).body.smsSignInState).toBe('notEnabled');
    const userSelf = tokenOf(t, first, ['UserAuthenticationMethod.ReadWrite']);
    expect((await call(t, 'POST', `/v1.0/me/authentication/phoneMethods/${PHONE.mobile}/enableSmsSignIn`, { token: userSelf })).status).toBe(204);
    expect((await call(t, 'GET', mobile, { token: adminToken(t) })).body.smsSignInState).toBe('ready');
    const office = await call(t, 'POST', `${base(first)}/phoneMethods/${PHONE.office}/enableSmsSignIn`, { token: adminToken(t) });
    expect(office.status).toBe(400);
    expect(office.body.error.code).toBe('badRequest');
    expect((await call(t, 'POST', `${base(first)}/phoneMethods/${PHONE.alternateMobile}/enableSmsSignIn`, { token: adminToken(t) })).status).toBe(404);

    await addPhone(t, second, 'mobile', '+1 5550001111');
    expect((await call(t, 'GET', `${base(second)}/phoneMethods/${PHONE.mobile}`, { token: adminToken(t) })).body.smsSignInState).toBe('phoneNumberNotUnique');
    expect((await call(t, 'GET', mobile, { token: adminToken(t) })).body.smsSignInState).toBe('ready');
    // The first user lets the number go: the second one's registration becomes the only one.
    expect((await call(t, 'POST', `${mobile}/disableSmsSignIn`, { token: adminToken(t) })).status).toBe(204);
    expect((await call(t, 'GET', `${base(second)}/phoneMethods/${PHONE.mobile}`, { token: adminToken(t) })).body.smsSignInState).toBe('ready');
  });

  it('concurrent creates of the same type: one 201, the rest 409, one row', async () => {
    const user = await newUser(t);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(t, 'POST', `${base(user)}/phoneMethods`, { token: adminToken(t), body: { phoneNumber: `+1 555000000${i}`, phoneType: 'mobile' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM authentication_methods WHERE user_id = $1`, [user.id]);
    expect(rows[0].n).toBe(1);
  });

  it('concurrent alternate-mobile create and mobile delete never leave an alternate without a mobile', async () => {
    for (let round = 0; round < 5; round++) {
      const user = await newUser(t);
      await addPhone(t, user, 'mobile');
      const [create, del] = await Promise.all([
        call(t, 'POST', `${base(user)}/phoneMethods`, { token: adminToken(t), body: { phoneNumber: '+1 5555550002', phoneType: 'alternateMobile' } }),
        call(t, 'DELETE', `${base(user)}/phoneMethods/${PHONE.mobile}`, { token: adminToken(t) }),
      ]);
      // Whichever ran first wins; the other is refused by the rule.
      expect([
        [201, 400],
        [400, 204],
      ]).toContainEqual([create.status, del.status]);
    }
  });
});

describe('emailMethods (graph-spec §2.6.2)', () => {
  it('create 201 with the fixed id; one per user (409); update 204; delete 204', async () => {
    const user = await newUser(t);
    const res = await call(t, 'POST', `${base(user)}/emailMethods`, { token: adminToken(t), body: { emailAddress: 'kim@contoso.com' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/emailMethods/$entity`,
      id: EMAIL_ID,
      emailAddress: 'kim@contoso.com',
      createdDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(res.headers.get('location')).toBe(`${t.url}/v1.0/users/${user.id}/authentication/emailMethods/${EMAIL_ID}`);
    const dup = await call(t, 'POST', `${base(user)}/emailMethods`, { token: adminToken(t), body: { emailAddress: 'other@contoso.com' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    const path = `${base(user)}/emailMethods/${EMAIL_ID}`;
    expect((await call(t, 'PATCH', path, { token: adminToken(t), body: { emailAddress: 'kim2@contoso.com' } })).status).toBe(204);
    expect((await call(t, 'GET', path, { token: adminToken(t) })).body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/emailMethods/$entity`,
      id: EMAIL_ID,
      emailAddress: 'kim2@contoso.com',
      createdDateTime: expect.any(String),
    });
    expect((await call(t, 'DELETE', path, { token: adminToken(t) })).status).toBe(204);
    expect((await call(t, 'GET', path, { token: adminToken(t) })).status).toBe(404);
    expect((await call(t, 'PATCH', path, { token: adminToken(t), body: { emailAddress: 'kim3@contoso.com' } })).status).toBe(404);
  });

  it.each([['not-an-address'], ['a@b'], [''], [42], [null]])('emailAddress %j is 400 badRequest', async (emailAddress) => {
    const user = await newUser(t);
    const res = await call(t, 'POST', `${base(user)}/emailMethods`, { token: adminToken(t), body: { emailAddress } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('badRequest');
  });

  it('concurrent creates: one 201, the rest 409', async () => {
    const user = await newUser(t);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => call(t, 'POST', `${base(user)}/emailMethods`, { token: adminToken(t), body: { emailAddress: `k${i}@contoso.com` } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});

describe('password, methods and the read/delete families', () => {
  let user: TestUser;
  const FIDO = '9a5c3f7e-0000-4000-8000-000000000001';
  const AUTHENTICATOR = '9a5c3f7e-0000-4000-8000-000000000002';
  const HELLO = '9a5c3f7e-0000-4000-8000-000000000003';
  const PLATFORM = '9a5c3f7e-0000-4000-8000-000000000004';
  const OATH = '9a5c3f7e-0000-4000-8000-000000000005';

  beforeAll(async () => {
    user = await newUser(t);
    await t.app.get(AuthenticationFixturesService).load(TENANT_A, {
      users: [
        {
          id: user.id,
          userPrincipalName: user.upn,
          methods: [
            {
              '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
              id: FIDO,
              displayName: 'YubiKey 5',
              aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
              model: 'YubiKey 5 NFC',
              attestationCertificates: ['dbe793efdf1945e2df25d93653a1e8a3268a9075'],
              attestationLevel: 'attested',
              createdDateTime: '2024-01-02T03:04:05Z',
            },
            {
              '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
              id: AUTHENTICATOR,
              displayName: 'Pixel 8',
              deviceTag: 'SoftwareTokenActivated',
              phoneAppVersion: '6.2401.0119',
              clientAppName: 'microsoftAuthenticator',
              createdDateTime: null,
            },
            {
              '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
              id: HELLO,
              displayName: 'LAPTOP-1',
              keyStrength: 'normal',
              createdDateTime: '2024-02-01T00:00:00Z',
            },
            {
              '@odata.type': '#microsoft.graph.platformCredentialAuthenticationMethod',
              id: PLATFORM,
              displayName: 'MacBook',
              keyStrength: 'normal',
              platform: 'macOS',
              createdDateTime: '2024-03-01T00:00:00Z',
            },
            { '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod', id: OATH, createdDateTime: '2024-04-01T00:00:00Z' },
          ],
        },
      ],
    });
    await addPhone(t, user, 'mobile', '+1 5551230000');
  });

  it('passwordMethods lists the implicit password method; password is always null', async () => {
    const res = await call(t, 'GET', `${base(user)}/passwordMethods`, { token: adminToken(t) });
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/passwordMethods`,
      value: [{ id: PASSWORD_ID, password: null, createdDateTime: null }],
    });
    const one = await call(t, 'GET', `${base(user)}/passwordMethods/${PASSWORD_ID}`, { token: adminToken(t) });
    expect(one.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/passwordMethods/$entity`,
      id: PASSWORD_ID,
      password: null,
      createdDateTime: null,
    });
    // Not creatable, updatable or deletable.
    for (const [method, path] of [
      ['POST', `${base(user)}/passwordMethods`],
      ['PATCH', `${base(user)}/passwordMethods/${PASSWORD_ID}`],
      ['DELETE', `${base(user)}/passwordMethods/${PASSWORD_ID}`],
    ]) {
      const r = await call(t, method, path, { token: adminToken(t), body: method === 'DELETE' ? undefined : {} });
      expect({ method, status: r.status }).toEqual({ method, status: 405 });
    }
  });

  it('methods: every family, each item typed, password first', async () => {
    const res = await call(t, 'GET', `${base(user)}/methods`, { token: adminToken(t) });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users('${user.id}')/authentication/methods`);
    expect(res.body.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
      id: PASSWORD_ID,
      password: null,
      createdDateTime: null,
    });
    expect(res.body.value.map((m: Record<string, string>) => m['@odata.type']).sort()).toEqual([
      '#microsoft.graph.fido2AuthenticationMethod',
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      '#microsoft.graph.passwordAuthenticationMethod',
      '#microsoft.graph.phoneAuthenticationMethod',
      '#microsoft.graph.platformCredentialAuthenticationMethod',
      '#microsoft.graph.softwareOathAuthenticationMethod',
      '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
    ]);
    const phone = await call(t, 'GET', `${base(user)}/methods/${PHONE.mobile}`, { token: adminToken(t) });
    expect(phone.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/methods/$entity`,
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
      id: PHONE.mobile,
      phoneNumber: '+1 5551230000',
      phoneType: 'mobile',
      smsSignInState: 'ready',
      createdDateTime: expect.any(String),
    });
    expect((await call(t, 'GET', `${base(user)}/methods/${'0'.repeat(8)}-0000-4000-8000-000000000000`, { token: adminToken(t) })).status).toBe(404);
    expect((await call(t, 'DELETE', `${base(user)}/methods/${PHONE.mobile}`, { token: adminToken(t) })).status).toBe(405);
    expect((await call(t, 'POST', `${base(user)}/methods`, { token: adminToken(t), body: {} })).status).toBe(405);
  });

  it('shapes of the read/delete families (graph-spec §2.6.3/4/7/9/10); beta adds clientAppName', async () => {
    const get = async (segment: string, id: string, version = 'v1.0') => {
      const r = await call(t, 'GET', `${base(user, version)}/${segment}/${id}`, { token: adminToken(t) });
      expect(r.status).toBe(200);
      const { '@odata.context': context, ...body } = r.body;
      expect(context).toBe(`${t.url}/${version}/$metadata#users('${user.id}')/authentication/${segment}/$entity`);
      return body;
    };
    expect(await get('fido2Methods', FIDO)).toEqual({
      id: FIDO,
      displayName: 'YubiKey 5',
      createdDateTime: '2024-01-02T03:04:05.000Z',
      aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
      model: 'YubiKey 5 NFC',
      attestationCertificates: ['dbe793efdf1945e2df25d93653a1e8a3268a9075'],
      attestationLevel: 'attested',
      passkeyType: null,
      publicKeyCredential: null,
    });
    expect(await get('microsoftAuthenticatorMethods', AUTHENTICATOR)).toEqual({
      id: AUTHENTICATOR,
      displayName: 'Pixel 8',
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: '6.2401.0119',
      createdDateTime: null,
    });
    expect((await get('microsoftAuthenticatorMethods', AUTHENTICATOR, 'beta')).clientAppName).toBe('microsoftAuthenticator');
    expect(await get('windowsHelloForBusinessMethods', HELLO)).toEqual({
      id: HELLO,
      displayName: 'LAPTOP-1',
      createdDateTime: '2024-02-01T00:00:00.000Z',
      keyStrength: 'normal',
    });
    expect(await get('platformCredentialMethods', PLATFORM)).toEqual({
      id: PLATFORM,
      displayName: 'MacBook',
      createdDateTime: '2024-03-01T00:00:00.000Z',
      keyStrength: 'normal',
      platform: 'macOS',
    });
    expect(await get('softwareOathMethods', OATH)).toEqual({ id: OATH, secretKey: null, createdDateTime: '2024-04-01T00:00:00.000Z' });
    const list = await call(t, 'GET', `${base(user)}/fido2Methods`, { token: adminToken(t) });
    expect(list.body.value.map((m: { id: string }) => m.id)).toEqual([FIDO]);
    // Another family's id is not found under this family.
    expect((await call(t, 'GET', `${base(user)}/fido2Methods/${HELLO}`, { token: adminToken(t) })).status).toBe(404);
  });

  it.each(['fido2Methods', 'microsoftAuthenticatorMethods', 'windowsHelloForBusinessMethods', 'platformCredentialMethods', 'softwareOathMethods'])(
    '%s: no create or update (405)',
    async (segment) => {
      expect((await call(t, 'POST', `${base(user)}/${segment}`, { token: adminToken(t), body: {} })).status).toBe(405);
      expect((await call(t, 'PATCH', `${base(user)}/${segment}/${FIDO}`, { token: adminToken(t), body: {} })).status).toBe(405);
    },
  );

  it('$select projects (id always) and shows in the context; other query options are 400', async () => {
    const res = await call(t, 'GET', `${base(user)}/phoneMethods?$select=phoneType`, { token: adminToken(t) });
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/phoneMethods(phoneType)`,
      value: [{ id: PHONE.mobile, phoneType: 'mobile' }],
    });
    const poly = await call(t, 'GET', `${base(user)}/methods?select=id`, { token: adminToken(t) });
    expect(poly.body.value.every((m: Record<string, unknown>) => Object.keys(m).sort().join() === '@odata.type,id')).toBe(true);
    for (const q of ['$filter=id eq 1', '$select=nope', '$top=1', '$expand=device']) {
      const bad = await call(t, 'GET', `${base(user)}/phoneMethods?${q}`, { token: adminToken(t) });
      expect({ q, status: bad.status, code: bad.body.error.code }).toEqual({ q, status: 400, code: 'Request_UnsupportedQuery' });
    }
  });

  it('a user reads and deletes their own methods; deletes of unknown ids are 404', async () => {
    const me = tokenOf(t, user, ['UserAuthenticationMethod.ReadWrite']);
    const mine = await call(t, 'GET', '/v1.0/me/authentication/methods', { token: me });
    expect(mine.status).toBe(200);
    expect(mine.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users('${user.id}')/authentication/methods`);
    for (const [segment, id] of [
      ['windowsHelloForBusinessMethods', HELLO],
      ['platformCredentialMethods', PLATFORM],
      ['softwareOathMethods', OATH],
      ['microsoftAuthenticatorMethods', AUTHENTICATOR],
    ]) {
      expect((await call(t, 'DELETE', `/v1.0/me/authentication/${segment}/${id}`, { token: me })).status).toBe(204);
      expect((await call(t, 'DELETE', `/v1.0/me/authentication/${segment}/${id}`, { token: me })).status).toBe(404);
    }
    expect((await call(t, 'DELETE', `${base(user)}/fido2Methods/${FIDO}`, { token: application(t, ['UserAuthMethod-Passkey.ReadWrite.All']) })).status).toBe(
      204,
    );
    expect((await call(t, 'DELETE', `${base(user)}/fido2Methods/not-a-guid`, { token: adminToken(t) })).status).toBe(404);
  });
});

describe('temporaryAccessPassMethods (graph-spec §2.6.8)', () => {
  const tap = (u: TestUser) => `${base(u)}/temporaryAccessPassMethods`;
  // A new tenant has TAP disabled, like Entra (DECISIONS §8).
  beforeAll(() => enableTap(t));

  it('create with defaults: 201, a pass of the policy length shown once, usable now', async () => {
    const user = await newUser(t);
    const res = await call(t, 'POST', tap(user), { token: adminToken(t), body: {} });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/temporaryAccessPassMethods/$entity`,
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
      id: expect.stringMatching(GUID_RE),
      temporaryAccessPass: expect.stringMatching(/^\S{8}$/),
      createdDateTime: expect.any(String),
      startDateTime: expect.any(String),
      lifetimeInMinutes: 60,
      isUsableOnce: false,
      isUsable: true,
      methodUsabilityReason: 'EnabledByPolicy',
    });
    expect(res.headers.get('location')).toBe(`${t.url}/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods/${res.body.id}`);
    const got = await call(t, 'GET', res.headers.get('location')!.slice(t.url.length), { token: adminToken(t) });
    expect(got.body.temporaryAccessPass).toBeNull();
    expect(got.body.isUsable).toBe(true);
  });

  it('the docs example: a future start is NotYetValid; a past window is Expired', async () => {
    const user = await newUser(t);
    const future = await call(t, 'POST', tap(user), {
      token: adminToken(t),
      body: { startDateTime: '2999-06-05T00:00:00.000Z', lifetimeInMinutes: 60, isUsableOnce: false },
    });
    expect(future.status).toBe(201);
    expect(future.body).toMatchObject({ startDateTime: '2999-06-05T00:00:00Z', lifetimeInMinutes: 60, isUsable: false, methodUsabilityReason: 'NotYetValid' });
    const past = await call(t, 'POST', tap(user), {
      token: adminToken(t),
      body: { startDateTime: '2020-01-01T00:00:00Z', lifetimeInMinutes: 60, isUsableOnce: true },
    });
    expect(past.body).toMatchObject({ isUsable: false, methodUsabilityReason: 'Expired', isUsableOnce: true });
  });

  it('a new pass replaces the old one (201 again, one pass listed)', async () => {
    const user = await newUser(t);
    const first = await call(t, 'POST', tap(user), { token: adminToken(t), body: {} });
    const second = await call(t, 'POST', tap(user), { token: adminToken(t), body: { lifetimeInMinutes: 120 } });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    const list = await call(t, 'GET', tap(user), { token: adminToken(t) });
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0]).toMatchObject({ id: second.body.id, lifetimeInMinutes: 120, temporaryAccessPass: null });
    expect((await call(t, 'GET', `${tap(user)}/${first.body.id}`, { token: adminToken(t) })).status).toBe(404);
    const concurrent = await Promise.all([0, 1, 2, 3].map(() => call(t, 'POST', tap(user), { token: adminToken(t), body: {} })));
    expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect((await call(t, 'GET', tap(user), { token: adminToken(t) })).body.value).toHaveLength(1);
  });

  it.each([
    [{ lifetimeInMinutes: 9 }],
    [{ lifetimeInMinutes: 43201 }],
    [{ lifetimeInMinutes: 30 }],
    [{ lifetimeInMinutes: 481 }],
    [{ lifetimeInMinutes: 60.5 }],
    [{ startDateTime: 'tomorrow' }],
    [{ startDateTime: '2030-01-01T00:00:00' }],
    [{ isUsableOnce: 'yes' }],
    [{ temporaryAccessPass: 'chosen' }],
  ])('%j is 400 (range 10–43200, then the policy 60–480)', async (body) => {
    const user = await newUser(t);
    const res = await call(t, 'POST', tap(user), { token: adminToken(t), body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(/^(badRequest|Request_BadRequest)$/);
  });

  it('the tenant policy governs length, range and one-time use', async () => {
    const user = await newUser(t, TENANT_B);
    await t.app.get(AuthenticationFixturesService).load(TENANT_B, {
      tapPolicy: { defaultLifetimeInMinutes: 30, minimumLifetimeInMinutes: 10, maximumLifetimeInMinutes: 43200, defaultLength: 12, isUsableOnce: true },
      users: [],
    });
    const admin = adminToken(t, { tenantId: TENANT_B });
    const path = `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`;
    const res = await call(t, 'POST', path, { token: admin, body: {} });
    expect(res.body).toMatchObject({ lifetimeInMinutes: 30, isUsableOnce: true, temporaryAccessPass: expect.stringMatching(/^\S{12}$/) });
    expect((await call(t, 'POST', path, { token: admin, body: { lifetimeInMinutes: 43200 } })).status).toBe(201);
    const multi = await call(t, 'POST', path, { token: admin, body: { isUsableOnce: false } });
    expect(multi.status).toBe(400);
    expect(multi.body.error.code).toBe('badRequest');
  });

  it('delete 204, then 404; users may delete but not create their own', async () => {
    const user = await newUser(t);
    const created = await call(t, 'POST', tap(user), { token: adminToken(t), body: {} });
    const me = tokenOf(t, user, ['UserAuthenticationMethod.ReadWrite']);
    const self = await call(t, 'POST', '/v1.0/me/authentication/temporaryAccessPassMethods', { token: me, body: {} });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('accessDenied');
    const path = `/v1.0/me/authentication/temporaryAccessPassMethods/${created.body.id}`;
    expect((await call(t, 'DELETE', path, { token: me })).status).toBe(204);
    expect((await call(t, 'DELETE', path, { token: me })).status).toBe(404);
    expect((await call(t, 'PATCH', path, { token: me, body: {} })).status).toBe(405);
  });
});

describe('self-service limits (DECISIONS §3, graph-spec §2.5)', () => {
  it('a user cannot create or update their own phone or email, by /me or by their own id or UPN (403 accessDenied)', async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile');
    const me = tokenOf(t, user, ['UserAuthenticationMethod.ReadWrite']);
    const attempts: [string, string, unknown][] = [
      ['POST', '/v1.0/me/authentication/phoneMethods', { phoneNumber: '+1 5555550100', phoneType: 'office' }],
      ['POST', `/v1.0/users/${user.id}/authentication/phoneMethods`, { phoneNumber: '+1 5555550100', phoneType: 'office' }],
      ['POST', `/beta/users/${user.upn.toUpperCase()}/authentication/phoneMethods`, { phoneNumber: '+1 5555550100', phoneType: 'office' }],
      ['PATCH', `/v1.0/me/authentication/phoneMethods/${PHONE.mobile}`, { phoneNumber: '+1 5555550100' }],
      ['POST', '/v1.0/me/authentication/emailMethods', { emailAddress: 'me@contoso.com' }],
      ['PATCH', `/v1.0/me/authentication/emailMethods/${EMAIL_ID}`, { emailAddress: 'me@contoso.com' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(t, method, path, { token: me, body });
      expect({ method, path, status: res.status, code: res.body.error.code }).toEqual({ method, path, status: 403, code: 'accessDenied' });
    }
    const del = await call(t, 'DELETE', `/v1.0/me/authentication/phoneMethods/${PHONE.mobile}`, { token: me });
    expect(del.status).toBe(204);
  });
});

describe('phone masking (graph-spec §2.4)', () => {
  it('only an Authentication Administrator without a privileged or reader role sees masked numbers of others', async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile', '+1 5555551234');
    await addPhone(t, user, 'office', '+44 2079460000x12');
    const read = async (token: string, path = `${base(user)}/phoneMethods`) =>
      (await call(t, 'GET', path, { token })).body.value.map((p: { phoneNumber: string }) => p.phoneNumber);
    const authAdmin = delegated(t, ['UserAuthenticationMethod.Read.All'], ['Authentication Administrator']);
    expect(await read(authAdmin)).toEqual(['+1 XXXXXXXX34', '+44 XXXXXXXXXXx12']);
    const methods = await call(t, 'GET', `${base(user)}/methods`, { token: authAdmin });
    expect(methods.body.value.filter((m: { phoneNumber?: string }) => m.phoneNumber).map((m: { phoneNumber: string }) => m.phoneNumber)).toEqual([
      '+1 XXXXXXXX34',
      '+44 XXXXXXXXXXx12',
    ]);
    const single = await call(t, 'GET', `${base(user)}/phoneMethods/${PHONE.mobile}`, { token: authAdmin });
    expect(single.body.phoneNumber).toBe('+1 XXXXXXXX34');
    const full = ['+1 5555551234', '+44 2079460000x12'];
    expect(await read(delegated(t, ['UserAuthenticationMethod.Read.All'], ['Authentication Administrator', 'Global Reader']))).toEqual(full);
    expect(await read(delegated(t, ['UserAuthenticationMethod.Read.All'], ['Privileged Authentication Administrator']))).toEqual(full);
    expect(await read(delegated(t, ['UserAuthenticationMethod.Read.All'], ['Global Administrator']))).toEqual(full);
    expect(await read(application(t, ['UserAuthenticationMethod.Read.All']))).toEqual(full);
    expect(await read(tokenOf(t, user, ['UserAuthenticationMethod.Read'], ['Authentication Administrator']), '/v1.0/me/authentication/phoneMethods')).toEqual(
      full,
    );
  });
});

describe('users and their authentication data', () => {
  it('deleting the user row removes every method, the object and the operations (FK cascade)', async () => {
    const user = await newUser(t);
    await addPhone(t, user, 'mobile');
    await call(t, 'POST', `${base(user)}/emailMethods`, { token: adminToken(t), body: { emailAddress: 'x@contoso.com' } });
    await call(t, 'POST', base(user), { token: adminToken(t), body: {} });
    const ds = t.app.get(DataSource);
    const count = async () =>
      (
        await ds.query(
          `SELECT (SELECT count(*) FROM authentication_methods WHERE user_id = $1) + (SELECT count(*) FROM authentications WHERE user_id = $1) AS n`,
          [user.id],
        )
      )[0].n;
    expect(Number(await count())).toBe(3);
    await ds.query(`DELETE FROM users WHERE tenant_id = $1 AND id = $2`, [TENANT_A, user.id]);
    expect(Number(await count())).toBe(0);
    const gone = await call(t, 'GET', `${base(user)}/methods`, { token: adminToken(t) });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('Request_ResourceNotFound');
  });
});
