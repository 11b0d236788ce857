import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { addPhone, adminToken, newUser, PHONE, type TestUser } from './authentication-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { CONFIGURATIONS, enableTap, patchConfiguration, policyAdmin, SMS_TYPE, TAP_TYPE } from './support/methods-policy.js';

jest.setTimeout(120_000);

/*
 * The methods APIs obey the tenant's authentication methods policy (DECISIONS §8): each rule with a
 * passing and a refused case. Every test sets the configurations it relies on.
 */
let t: TestApp;
let numbers = 0;
/** A mobile number of its own: a number shared with another user reads phoneNumberNotUnique. */
const addMobile = (u: TestUser) => addPhone(t, u, 'mobile', `+1 42555${String(1000 + ++numbers).padStart(5, '0')}`);
const ALL_USERS = { id: 'all_users', targetType: 'group', isRegistrationRequired: false };
const CONVERGED = 'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].';
const taps = (u: TestUser) => `/v1.0/users/${u.id}/authentication/temporaryAccessPassMethods`;
const createTap = (u: TestUser, body: Record<string, unknown> = {}) => call(t, 'POST', taps(u), { token: adminToken(t), body });
const resetTap = () => call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: policyAdmin(t) });
const resetSms = () => call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/Sms`, { token: policyAdmin(t) });
const tapTargets = (includeTargets: unknown[], excludeTargets: unknown[] = []) =>
  patchConfiguration(t, 'TemporaryAccessPass', { '@odata.type': TAP_TYPE, state: 'enabled', includeTargets, excludeTargets });

describe('the methods APIs obey the authentication methods policy (DECISIONS §8)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  describe('Temporary Access Pass creation', () => {
    afterEach(() => resetTap());

    it("is refused while TAP is disabled, as in a new tenant, with Graph's observed message", async () => {
      const user = await newUser(t);
      const res = await createTap(user);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BadRequest', message: CONVERGED });
      expect((await call(t, 'GET', taps(user), { token: adminToken(t) })).body.value).toEqual([]);
    });

    it('is allowed once enabled for all users, with the configured length', async () => {
      await enableTap(t, { defaultLength: 12 });
      const res = await createTap(await newUser(t));
      expect(res.status).toBe(201);
      expect(res.body.temporaryAccessPass).toMatch(/^\S{12}$/);
      expect(res.body).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: false, isUsable: true, methodUsabilityReason: 'EnabledByPolicy' });
    });

    it("is governed by the user's own tenant: enabling TAP in one tenant allows nothing in another", async () => {
      await enableTap(t);
      const other = randomUUID();
      const user = await newUser(t, other);
      const res = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, {
        token: adminToken(t, { tenantId: other }),
        body: {},
      });
      expect(res.body.error).toMatchObject({ code: 'BadRequest', message: CONVERGED });
      await enableTap(t, {}, other);
      await resetTap();
      expect(
        (await call(t, 'POST', `/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`, { token: adminToken(t, { tenantId: other }), body: {} }))
          .status,
      ).toBe(201);
      expect((await createTap(await newUser(t))).status).toBe(400);
    });

    it('follows includeTargets: a targeted user passes, another is refused', async () => {
      const [inside, outside] = [await newUser(t), await newUser(t)];
      await tapTargets([{ id: inside.id, targetType: 'user', isRegistrationRequired: false }]);
      expect((await createTap(inside)).status).toBe(201);
      const refused = await createTap(outside);
      expect([refused.status, refused.body.error.message]).toEqual([400, CONVERGED]);
    });

    it('follows excludeTargets: an excluded user is refused even with all_users included', async () => {
      const [excluded, other] = [await newUser(t), await newUser(t)];
      await tapTargets([ALL_USERS], [{ id: excluded.id, targetType: 'user' }]);
      expect((await createTap(excluded)).body.error).toMatchObject({ code: 'BadRequest', message: CONVERGED });
      expect((await createTap(other)).status).toBe(201);
    });

    it('excluding all_users excludes everyone, as including it includes everyone', async () => {
      const user = await newUser(t);
      await tapTargets([ALL_USERS, { id: user.id, targetType: 'user', isRegistrationRequired: false }], [{ id: 'all_users', targetType: 'group' }]);
      expect((await createTap(user)).body.error).toMatchObject({ code: 'BadRequest', message: CONVERGED });
      await tapTargets([ALL_USERS]);
      expect((await createTap(user)).status).toBe(201);
    });

    it('group targets are stored but match no user (groups are not modelled): only all_users or the user id count', async () => {
      const user = await newUser(t);
      const GROUP = 'bbbbbbbb-0000-4000-8000-00000000000b';
      await tapTargets([{ id: GROUP, targetType: 'group', isRegistrationRequired: false }]);
      expect((await createTap(user)).body.error).toMatchObject({ code: 'BadRequest', message: CONVERGED });
      // Excluding a group does not exclude anyone either.
      await tapTargets([ALL_USERS], [{ id: GROUP, targetType: 'group' }]);
      expect((await createTap(user)).status).toBe(201);
    });

    it("keeps the lifetime within the configuration's bounds, in Graph's words", async () => {
      await enableTap(t);
      const user = await newUser(t);
      for (const lifetimeInMinutes of [59, 481]) {
        const res = await createTap(user, { lifetimeInMinutes });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'badRequest',
          message: 'Invalid LifetimeInMinutes specified. The valid range between 60 and 480.',
          innerError: { message: 'Invalid LifetimeInMinutes specified. The valid range between 60 and 480.' },
        });
      }
      expect((await createTap(user, { lifetimeInMinutes: 480 })).status).toBe(201);
      await enableTap(t, { minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 15, maximumLifetimeInMinutes: 30 });
      expect((await createTap(user, { lifetimeInMinutes: 10 })).status).toBe(201);
      expect((await createTap(user)).body.lifetimeInMinutes).toBe(15);
      expect((await createTap(user, { lifetimeInMinutes: 31 })).body.error.message).toBe(
        'Invalid LifetimeInMinutes specified. The valid range between 10 and 30.',
      );
    });

    it('one-time passes only when the configuration says so', async () => {
      const user = await newUser(t);
      await enableTap(t, { isUsableOnce: true });
      const refused = await createTap(user, { isUsableOnce: false });
      expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 400, code: 'badRequest' });
      expect((await call(t, 'GET', taps(user), { token: adminToken(t) })).body.value).toEqual([]);
      expect((await createTap(user)).body.isUsableOnce).toBe(true);
      await enableTap(t, { isUsableOnce: false });
      expect((await createTap(user, { isUsableOnce: false })).body.isUsableOnce).toBe(false);
      expect((await createTap(user, { isUsableOnce: true })).body.isUsableOnce).toBe(true);
    });
  });

  describe('Temporary Access Pass usability, at read time', () => {
    it('a pass turns DisabledByPolicy when TAP is disabled or the user excluded, and back', async () => {
      const user = await newUser(t);
      await enableTap(t);
      const created = await createTap(user);
      const read = async () => (await call(t, 'GET', `${taps(user)}/${created.body.id}`, { token: adminToken(t) })).body;
      expect(await read()).toMatchObject({ isUsable: true, methodUsabilityReason: 'EnabledByPolicy' });
      await patchConfiguration(t, 'TemporaryAccessPass', { '@odata.type': TAP_TYPE, state: 'disabled' });
      expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: 'DisabledByPolicy' });
      const listed = await call(t, 'GET', `/v1.0/users/${user.id}/authentication/methods`, { token: adminToken(t) });
      expect(listed.body.value.find((m: { id: string }) => m.id === created.body.id)).toMatchObject({
        isUsable: false,
        methodUsabilityReason: 'DisabledByPolicy',
      });
      await tapTargets([ALL_USERS], [{ id: user.id, targetType: 'user' }]);
      expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: 'DisabledByPolicy' });
      await tapTargets([ALL_USERS]);
      expect(await read()).toMatchObject({ isUsable: true, methodUsabilityReason: 'EnabledByPolicy' });
      // Targeting someone else (or only a group) leaves this user's pass unusable too.
      const other = await newUser(t);
      await tapTargets([{ id: other.id, targetType: 'user', isRegistrationRequired: false }]);
      expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: 'DisabledByPolicy' });
      await tapTargets([{ id: user.id, targetType: 'user', isRegistrationRequired: false }]);
      expect(await read()).toMatchObject({ isUsable: true, methodUsabilityReason: 'EnabledByPolicy' });
      await resetTap();
      expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: 'DisabledByPolicy' });
    });
  });

  describe('SMS sign-in', () => {
    afterEach(() => resetSms());
    const phone = (u: TestUser) => `/v1.0/users/${u.id}/authentication/phoneMethods/${PHONE.mobile}`;
    const state = async (u: TestUser) => (await call(t, 'GET', phone(u), { token: adminToken(t) })).body.smsSignInState;
    const enable = (u: TestUser) => call(t, 'POST', `${phone(u)}/enableSmsSignIn`, { token: adminToken(t) });

    it('is ready under the default policy (Sms enabled for all users, usable for sign-in)', async () => {
      const user = await newUser(t);
      await addMobile(user);
      expect(await state(user)).toBe('ready');
      expect((await enable(user)).status).toBe(204);
    });

    it('reads notAllowedByPolicy and refuses enableSmsSignIn when Sms is disabled', async () => {
      const user = await newUser(t);
      await addMobile(user);
      await patchConfiguration(t, 'Sms', { '@odata.type': SMS_TYPE, state: 'disabled' });
      expect(await state(user)).toBe('notAllowedByPolicy');
      const res = await enable(user);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('badRequest');
      expect(await state(user)).toBe('notAllowedByPolicy');
    });

    it('excluding all_users takes SMS sign-in from everyone', async () => {
      const user = await newUser(t);
      await addMobile(user);
      await patchConfiguration(t, 'Sms', { '@odata.type': SMS_TYPE, excludeTargets: [{ id: 'all_users', targetType: 'group' }] });
      expect(await state(user)).toBe('notAllowedByPolicy');
      expect((await enable(user)).status).toBe(400);
    });

    it('a group target allows no one SMS sign-in (groups are not modelled)', async () => {
      const user = await newUser(t);
      await addMobile(user);
      await patchConfiguration(t, 'Sms', {
        '@odata.type': SMS_TYPE,
        includeTargets: [{ id: 'bbbbbbbb-0000-4000-8000-00000000000b', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: true }],
      });
      expect(await state(user)).toBe('notAllowedByPolicy');
      expect((await enable(user)).status).toBe(400);
    });

    it('needs a target with isUsableForSignIn: true, and the user not excluded', async () => {
      const [targeted, notForSignIn, excluded] = [await newUser(t), await newUser(t), await newUser(t)];
      for (const u of [targeted, notForSignIn, excluded]) await addMobile(u);
      await patchConfiguration(t, 'Sms', {
        '@odata.type': SMS_TYPE,
        includeTargets: [
          { id: targeted.id, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: true },
          { id: excluded.id, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: true },
          { id: notForSignIn.id, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: false },
        ],
        excludeTargets: [{ id: excluded.id, targetType: 'user' }],
      });
      expect(await state(targeted)).toBe('ready');
      expect(await state(notForSignIn)).toBe('notAllowedByPolicy');
      expect(await state(excluded)).toBe('notAllowedByPolicy');
      expect((await enable(targeted)).status).toBe(204);
      expect((await enable(notForSignIn)).status).toBe(400);
      expect((await enable(excluded)).status).toBe(400);
    });

    it('a mobile added while SMS sign-in is not allowed is notEnabled once it is, until enableSmsSignIn', async () => {
      const user = await newUser(t);
      await patchConfiguration(t, 'Sms', { '@odata.type': SMS_TYPE, state: 'disabled' });
      await addMobile(user);
      expect(await state(user)).toBe('notAllowedByPolicy');
      await resetSms();
      expect(await state(user)).toBe('notEnabled');
      expect((await enable(user)).status).toBe(204);
      expect(await state(user)).toBe('ready');
    });

    it('registering phones and emails by an administrator does not depend on the policy', async () => {
      const user = await newUser(t);
      await patchConfiguration(t, 'Sms', { '@odata.type': SMS_TYPE, state: 'disabled' });
      await patchConfiguration(t, 'Email', { '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration', state: 'disabled' });
      await patchConfiguration(t, 'Voice', { '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration', state: 'disabled' });
      await addMobile(user);
      await addPhone(t, user, 'office', '+1 5555550100');
      const email = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/emailMethods`, {
        token: adminToken(t),
        body: { emailAddress: 'x@contoso.test' },
      });
      expect(email.status).toBe(201);
      await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/Email`, { token: policyAdmin(t) });
    });
  });
});
