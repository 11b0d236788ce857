import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { enableTap, patchConfiguration, SMS_TYPE } from './support/methods-policy.js';
import { delegated } from './support/tokens.js';
import { SecondFactor } from '../src/identity-platform/second-factor/second-factor.service.js';

/**
 * Second factors for the sign-in page (issue #14, DECISIONS §10), through the `SecondFactor` service of a real app on
 * Postgres, and the development outbox over HTTP: which registered methods the policy allows, SMS and email codes
 * (6 digits, single use, 3 attempts), Temporary Access Passes (one-time ones consumed), and the outbox's own rules.
 */
const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7';
const EMAIL_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
const ALL_USERS = { id: 'all_users', targetType: 'group', isRegistrationRequired: false };

describe('identity platform: second factors and the development outbox', () => {
  let t: TestApp;
  let sf: SecondFactor;
  beforeAll(async () => {
    t = await startTestApp();
    sf = t.app.get(SecondFactor);
  });
  afterAll(() => t?.close());

  const admin = (tenantId: string) =>
    delegated(t, ['UserAuthenticationMethod.ReadWrite.All', 'User.ReadWrite.All'], ['Privileged Authentication Administrator', 'User Administrator'], {
      tenantId,
    });
  const outbox = async (tenantId: string, to: string) => {
    const res = await fetch(`${t.url}/${tenantId}/dev/outbox?to=${encodeURIComponent(to)}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  /** A tenant with SMS and email enabled for everyone, and a user with a mobile phone and an email method. */
  async function setUp(options: { sms?: boolean } = {}) {
    const tenantId = randomUUID();
    await patchConfiguration(
      t,
      'Sms',
      { '@odata.type': SMS_TYPE, state: options.sms === false ? 'disabled' : 'enabled', includeTargets: [{ ...ALL_USERS, isUsableForSignIn: false }] },
      tenantId,
    );
    await patchConfiguration(
      t,
      'Email',
      { '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration', state: 'enabled', includeTargets: [ALL_USERS] },
      tenantId,
    );
    const n = randomUUID().slice(0, 8);
    const user = await call(t, 'POST', '/v1.0/users', {
      token: admin(tenantId),
      body: {
        accountEnabled: true,
        displayName: `User ${n}`,
        mailNickname: `u${n}`,
        userPrincipalName: `u${n}@contoso.test`,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(user.status).toBe(201);
    const phone = `+1 425555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    const address = `u${n}@mail.contoso.test`;
    expect(
      (
        await call(t, 'POST', `/v1.0/users/${user.body.id}/authentication/phoneMethods`, {
          token: admin(tenantId),
          body: { phoneNumber: phone, phoneType: 'mobile' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(t, 'POST', `/v1.0/users/${user.body.id}/authentication/emailMethods`, { token: admin(tenantId), body: { emailAddress: address } })).status,
    ).toBe(201);
    return { tenantId, userId: user.body.id as string, phone, address };
  }

  it('lists the registered methods the policy allows; SMS codes land in the outbox, verify once, and yield sms+mfa', async () => {
    const { tenantId, userId, phone } = await setUp();
    const methods = await sf.methodsFor(tenantId, userId);
    expect(methods.map((m) => [m.kind, m.id])).toEqual([
      ['sms', MOBILE],
      ['email', EMAIL_ID],
    ]);
    // Masked for display: never the whole number.
    expect(methods[0].display).not.toBe(phone);
    expect(methods[0].display).toEqual(expect.any(String));
    const sent = await sf.sendCode(tenantId, userId, MOBILE);
    expect(sent).toMatchObject({ methodId: MOBILE, channel: 'sms', to: phone });
    const box = await outbox(tenantId, phone.replace(/ /g, ''));
    expect(box.status).toBe(200);
    expect(box.body.value).toHaveLength(1);
    const message = box.body.value[0];
    expect(message).toMatchObject({ to: phone, channel: 'sms', code: expect.stringMatching(/^\d{6}$/) });
    expect(message.text).toBe(`Use verification code ${message.code} for Microsoft authentication.`);
    const result = await sf.verify(tenantId, userId, MOBILE, message.code);
    expect(result).toEqual({
      kind: 'sms',
      methodId: MOBILE,
      amr: ['sms', 'mfa'],
      combinations: ['password,sms'],
      multiFactor: true,
      authenticationMethod: 'Text message',
    });
    // Single use.
    await expect(sf.verify(tenantId, userId, MOBILE, message.code)).rejects.toMatchObject({ aadsts: 500121 });
  });

  it('a wrong code spends one of 3 attempts; the third wrong one voids the code; a new code replaces the old', async () => {
    const { tenantId, userId, address } = await setUp();
    await sf.sendCode(tenantId, userId, EMAIL_ID);
    const first = (await outbox(tenantId, address.toUpperCase())).body.value[0].code as string;
    const wrong = first === '000000' ? '000001' : '000000';
    await expect(sf.verify(tenantId, userId, EMAIL_ID, wrong)).rejects.toMatchObject({ aadsts: 500121, error: 'invalid_grant' });
    await expect(sf.verify(tenantId, userId, EMAIL_ID, wrong)).rejects.toMatchObject({ aadsts: 500121 });
    await expect(sf.verify(tenantId, userId, EMAIL_ID, wrong)).rejects.toMatchObject({ aadsts: 500121 });
    await expect(sf.verify(tenantId, userId, EMAIL_ID, first)).rejects.toMatchObject({ aadsts: 500121 });

    await sf.sendCode(tenantId, userId, EMAIL_ID);
    await sf.sendCode(tenantId, userId, EMAIL_ID);
    const box = (await outbox(tenantId, address)).body.value;
    expect(box.map((m: any) => m.channel)).toEqual(['email', 'email', 'email']);
    // Newest first; only the newest code is good.
    await expect(sf.verify(tenantId, userId, EMAIL_ID, box[1].code === box[0].code ? 'xxxxxx' : box[1].code)).rejects.toMatchObject({ aadsts: 500121 });
    expect(await sf.verify(tenantId, userId, EMAIL_ID, box[0].code)).toMatchObject({
      kind: 'email',
      amr: ['otp'],
      combinations: ['email'],
      multiFactor: false,
    });
  });

  it('only what the policy allows: SMS disabled hides the phone and refuses a code for it', async () => {
    const { tenantId, userId, phone } = await setUp({ sms: false });
    expect((await sf.methodsFor(tenantId, userId)).map((m) => m.kind)).toEqual(['email']);
    await expect(sf.sendCode(tenantId, userId, MOBILE)).rejects.toMatchObject({ aadsts: 500121 });
    await expect(sf.sendCode(tenantId, userId, randomUUID())).rejects.toMatchObject({ aadsts: 500121 });
    expect((await outbox(tenantId, phone)).body.value).toEqual([]);
  });

  it('a one-time Temporary Access Pass verifies once (then shows OneTimeUsed); a multi-use one verifies again', async () => {
    const { tenantId, userId } = await setUp();
    await enableTap(t, {}, tenantId);
    const taps = `/v1.0/users/${userId}/authentication/temporaryAccessPassMethods`;
    const once = await call(t, 'POST', taps, { token: admin(tenantId), body: { isUsableOnce: true } });
    expect(once.status).toBe(201);
    expect((await sf.methodsFor(tenantId, userId))[0]).toEqual({ id: once.body.id, kind: 'temporaryAccessPass', display: null });
    await expect(sf.verify(tenantId, userId, 'tap', 'not-the-pass')).rejects.toMatchObject({ aadsts: 500121 });
    const result = await sf.verify(tenantId, userId, 'tap', once.body.temporaryAccessPass);
    expect(result).toEqual({
      kind: 'temporaryAccessPass',
      methodId: once.body.id,
      amr: ['mfa'],
      combinations: ['temporaryAccessPassOneTime'],
      multiFactor: true,
      authenticationMethod: 'Temporary Access Pass',
    });
    await expect(sf.verify(tenantId, userId, once.body.id, once.body.temporaryAccessPass)).rejects.toMatchObject({ aadsts: 500121 });
    expect((await sf.methodsFor(tenantId, userId)).map((m) => m.kind)).toEqual(['sms', 'email']);
    const listed = await call(t, 'GET', `${taps}/${once.body.id}`, { token: admin(tenantId) });
    expect(listed.body).toMatchObject({ isUsable: false, methodUsabilityReason: 'OneTimeUsed', temporaryAccessPass: null });
    expect(JSON.stringify(listed.body)).not.toContain('passHash');

    const multi = await call(t, 'POST', taps, { token: admin(tenantId), body: { isUsableOnce: false } });
    expect(multi.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      expect(await sf.verify(tenantId, userId, 'tap', multi.body.temporaryAccessPass)).toMatchObject({ combinations: ['temporaryAccessPassMultiUse'] });
    }
  });

  it("the outbox: tenant-scoped, needs 'to', refuses a tenant that is not an id, never a 500", async () => {
    const { tenantId, userId, phone } = await setUp();
    await sf.sendCode(tenantId, userId, MOBILE);
    expect((await outbox(tenantId, phone)).body.value).toHaveLength(1);
    expect((await outbox(randomUUID(), phone)).body.value).toEqual([]);
    const missing = await fetch(`${t.url}/${tenantId}/dev/outbox`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error_codes).toEqual([900144]);
    const badTenant = await fetch(`${t.url}/contoso/dev/outbox?to=x`);
    expect(badTenant.status).toBe(400);
    expect(((await badTenant.json()) as any).error_codes).toEqual([90002]);
    expect((await fetch(`${t.url}/${tenantId}/dev/outbox?to=${'x'.repeat(400)}`)).status).toBe(400);
    expect((await fetch(`${t.url}/${tenantId}/dev/outbox?to=a&to=b`)).status).toBe(400);
  });
});
