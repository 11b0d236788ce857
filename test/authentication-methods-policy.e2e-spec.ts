import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { CONFIGURATIONS, METHODS_POLICY, policyAdmin, SMS_TYPE, TAP_TYPE } from './support/methods-policy.js';
import { TENANT_B } from './support/tokens.js';

jest.setTimeout(120_000);

/*
 * The authentication methods policy (DECISIONS §8, graph-spec-ca-root §6): a new tenant's defaults as
 * Graph documents them (restated here, not imported from src/), every configuration's round trip and
 * ranges, targets, ids in any case, external methods, reset by DELETE, 405s, isolation, bad input.
 */
let t: TestApp;
const admin = () => policyAdmin(t);
const get = (path: string, token = admin()) => call(t, 'GET', path, { token });
const patch = (path: string, body: unknown, token = admin()) => call(t, 'PATCH', path, { token, body });
const ALL_USERS = { id: 'all_users', targetType: 'group', isRegistrationRequired: false };
const USER = 'aaaaaaaa-0000-4000-8000-000000000001';

/** Each built-in configuration's type and a change that is valid for it. */
const BUILT_INS: [string, string, Record<string, unknown>][] = [
  [
    'Fido2',
    'fido2AuthenticationMethodConfiguration',
    {
      isSelfServiceRegistrationAllowed: false,
      keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f'] },
    },
  ],
  [
    'MicrosoftAuthenticator',
    'microsoftAuthenticatorAuthenticationMethodConfiguration',
    { isSoftwareOathEnabled: true, includeTargets: [{ ...ALL_USERS, authenticationMode: 'push' }] },
  ],
  [
    'Sms',
    'smsAuthenticationMethodConfiguration',
    { includeTargets: [{ id: USER, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: false }] },
  ],
  [
    'TemporaryAccessPass',
    'temporaryAccessPassAuthenticationMethodConfiguration',
    { defaultLifetimeInMinutes: 120, maximumLifetimeInMinutes: 600, defaultLength: 12, isUsableOnce: true },
  ],
  ['SoftwareOath', 'softwareOathAuthenticationMethodConfiguration', { state: 'enabled' }],
  ['Voice', 'voiceAuthenticationMethodConfiguration', { isOfficePhoneAllowed: true }],
  ['Email', 'emailAuthenticationMethodConfiguration', { allowExternalIdToUseEmailOtp: 'enabled' }],
  ['X509Certificate', 'x509CertificateAuthenticationMethodConfiguration', { issuerHintsConfiguration: { state: 'enabled' } }],
  ['QRCodePin', 'qrCodePinAuthenticationMethodConfiguration', { standardQRCodeLifetimeInDays: 180, pinLength: 10 }],
];

describe('authentication methods policy (DECISIONS §8)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  describe('a new tenant', () => {
    it("has Graph's policy, with every configuration inline", async () => {
      const res = await get(`/v1.0${METHODS_POLICY}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        '@odata.context': `${t.url}/v1.0/$metadata#policies/authenticationMethodsPolicy`,
        id: 'authenticationMethodsPolicy',
        displayName: 'Authentication Methods Policy',
        registrationEnforcement: {
          authenticationMethodsRegistrationCampaign: {
            snoozeDurationInDays: 1,
            state: 'default',
            excludeTargets: [],
            includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
          },
        },
      });
      expect(res.body.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      const ids = res.body.authenticationMethodConfigurations.map((c: { id: string }) => c.id);
      expect(ids).toEqual(['Fido2', 'MicrosoftAuthenticator', 'Sms', 'TemporaryAccessPass', 'SoftwareOath', 'Voice', 'Email', 'X509Certificate', 'QRCodePin']);
      // Beta-only properties stay on beta.
      for (const betaOnly of ['systemCredentialPreferences', 'reportSuspiciousActivitySettings', 'microsoftAuthenticatorPlatformSettings']) {
        expect(res.body).not.toHaveProperty(betaOnly);
      }
      expect(res.body.registrationEnforcement.authenticationMethodsRegistrationCampaign).not.toHaveProperty('enforceRegistrationAfterAllowedSnoozes');
      const voice = res.body.authenticationMethodConfigurations.find((c: { id: string }) => c.id === 'Voice');
      expect(voice).not.toHaveProperty('callerIdNumber');
      const authenticator = res.body.authenticationMethodConfigurations.find((c: { id: string }) => c.id === 'MicrosoftAuthenticator');
      expect(Object.keys(authenticator.featureSettings).sort()).toEqual(['displayAppInformationRequiredState', 'displayLocationInformationRequiredState']);
      const beta = await get(`/beta${METHODS_POLICY}`);
      expect(beta.body.systemCredentialPreferences).toMatchObject({ state: 'default' });
      expect(beta.body.reportSuspiciousActivitySettings).toMatchObject({ state: 'default' });
      expect(beta.body).toHaveProperty('microsoftAuthenticatorPlatformSettings');
      expect(beta.body.authenticationMethodConfigurations.find((c: { id: string }) => c.id === 'Voice')).toHaveProperty('callerIdNumber', null);
      expect(beta.body.registrationEnforcement.authenticationMethodsRegistrationCampaign.enforceRegistrationAfterAllowedSnoozes).toBe(true);
      expect(beta.body.authenticationMethodConfigurations.map((c: { id: string }) => c.id)).toContain('HardwareOath');
    });

    it('has TAP disabled with the documented defaults, SMS and email enabled', async () => {
      const tap = await get(`/v1.0${CONFIGURATIONS}/TemporaryAccessPass`);
      expect(tap.status).toBe(200);
      expect(tap.body).toMatchObject({
        '@odata.context': `${t.url}/v1.0/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
        '@odata.type': TAP_TYPE,
        id: 'TemporaryAccessPass',
        state: 'disabled',
        defaultLifetimeInMinutes: 60,
        defaultLength: 8,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        isUsableOnce: false,
        includeTargets: [ALL_USERS],
      });
      expect(tap.body['includeTargets@odata.context']).toContain("authenticationMethodConfigurations('TemporaryAccessPass')");
      const sms = await get(`/v1.0${CONFIGURATIONS}/Sms`);
      expect(sms.body).toMatchObject({ state: 'enabled', includeTargets: [{ ...ALL_USERS, isUsableForSignIn: true }] });
      const email = await get(`/v1.0${CONFIGURATIONS}/Email`);
      expect(email.body).toMatchObject({ state: 'enabled', allowExternalIdToUseEmailOtp: 'default', includeTargets: [] });
      const fido = await get(`/v1.0${CONFIGURATIONS}/Fido2`);
      expect(fido.body).toMatchObject({
        state: 'disabled',
        isSelfServiceRegistrationAllowed: true,
        isAttestationEnforced: true,
        keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      });
    });

    it("has every configuration's state and targets of a new tenant, and the policy-level defaults", async () => {
      const fresh = policyAdmin(t, randomUUID());
      const policy = (await get(`/beta${METHODS_POLICY}`, fresh)).body;
      expect(policy).toMatchObject({
        reconfirmationInDays: 0,
        policyMigrationState: 'migrationComplete',
        description: expect.stringMatching(/^The tenant-wide policy/),
        systemCredentialPreferences: { state: 'default', excludeTargets: [], includeTargets: [{ id: 'all_users', targetType: 'group' }] },
      });
      const byId = Object.fromEntries(
        policy.authenticationMethodConfigurations.map((c: { id: string; state: string; includeTargets: unknown[] }) => [
          c.id,
          { state: c.state, includeTargets: c.includeTargets },
        ]),
      );
      expect(byId).toEqual({
        Fido2: { state: 'disabled', includeTargets: [{ ...ALL_USERS, allowedPasskeyProfiles: [] }] },
        MicrosoftAuthenticator: { state: 'disabled', includeTargets: [{ ...ALL_USERS, authenticationMode: 'any' }] },
        Sms: { state: 'enabled', includeTargets: [{ ...ALL_USERS, isUsableForSignIn: true }] },
        TemporaryAccessPass: { state: 'disabled', includeTargets: [ALL_USERS] },
        SoftwareOath: { state: 'disabled', includeTargets: [] },
        Voice: { state: 'disabled', includeTargets: [] },
        Email: { state: 'enabled', includeTargets: [] },
        X509Certificate: { state: 'disabled', includeTargets: [ALL_USERS] },
        HardwareOath: { state: 'disabled', includeTargets: [] },
        QRCodePin: { state: 'disabled', includeTargets: [] },
      });
      const qr = policy.authenticationMethodConfigurations.find((c: { id: string }) => c.id === 'QRCodePin');
      expect(qr).toMatchObject({ standardQRCodeLifetimeInDays: 365, pinLength: 8 });
    });

    it('lists every configuration, each with its @odata.type', async () => {
      const res = await get(`/v1.0${CONFIGURATIONS}`);
      expect(res.status).toBe(200);
      expect(res.body.value).toHaveLength(9);
      for (const c of res.body.value) expect(c['@odata.type']).toMatch(/^#microsoft\.graph\.\w+AuthenticationMethodConfiguration$/);
      expect((await get(`/beta${CONFIGURATIONS}`)).body.value).toHaveLength(10);
      const count = await call(t, 'GET', `/v1.0${CONFIGURATIONS}/$count`, { token: admin() });
      expect([count.status, count.headers.get('content-type'), count.body]).toEqual([200, expect.stringMatching(/^text\/plain/), 9]);
      expect((await call(t, 'GET', `/beta${CONFIGURATIONS}/$count`, { token: admin() })).body).toBe(10);
    });
  });

  describe('PATCH of the policy', () => {
    it('answers 200 with the whole policy and keeps what it did not name', async () => {
      const res = await patch(`/v1.0${METHODS_POLICY}`, {
        registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 14, state: 'enabled' } },
      });
      expect(res.status).toBe(200);
      expect(res.body.registrationEnforcement.authenticationMethodsRegistrationCampaign).toMatchObject({
        snoozeDurationInDays: 14,
        state: 'enabled',
        includeTargets: [{ id: 'all_users', targetType: 'group' }],
      });
      expect(res.body.authenticationMethodConfigurations).toHaveLength(9);
      const again = await get(`/v1.0${METHODS_POLICY}`);
      expect(again.body.registrationEnforcement.authenticationMethodsRegistrationCampaign.snoozeDurationInDays).toBe(14);
      const beta = await patch(`/beta${METHODS_POLICY}`, { systemCredentialPreferences: { state: 'enabled' } });
      expect(beta.status).toBe(200);
      expect(beta.body.systemCredentialPreferences.state).toBe('enabled');
    });

    it.each([
      ['a read-only property', { displayName: 'x' }],
      ['the id', { id: 'x' }],
      ['policyVersion', { policyVersion: '2' }],
      ['the description', { description: 'x' }],
      ['lastModifiedDateTime', { lastModifiedDateTime: '2024-01-01T00:00:00Z' }],
      ['a reconfirmation over 730 days', { reconfirmationInDays: 731 }],
      ['a negative reconfirmation', { reconfirmationInDays: -1 }],
      ['reportSuspiciousActivitySettings (beta only) on v1.0', { reportSuspiciousActivitySettings: { state: 'enabled' } }],
      [
        'enforceRegistrationAfterAllowedSnoozes (beta only) on v1.0',
        { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { enforceRegistrationAfterAllowedSnoozes: false } } },
      ],
      ["another type's @odata.type", { '@odata.type': '#microsoft.graph.conditionalAccessPolicy' }],
      ['the configurations', { authenticationMethodConfigurations: [] }],
      ['a snooze over 14 days', { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 15 } } }],
      ['a negative snooze', { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: -1 } } }],
      ['an unknown enum member', { policyMigrationState: 'done' }],
      ['an unknown property', { foo: 1 }],
      ['a beta-only property on v1.0', { systemCredentialPreferences: { state: 'enabled' } }],
      [
        'a bad target id',
        { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { includeTargets: [{ id: 'nobody', targetType: 'group' }] } } },
      ],
      ['a string for a number', { reconfirmationInDays: '5' }],
      ['an array body', [1]],
    ])('refuses %s with 400 and changes nothing', async (_name, body) => {
      const before = await get(`/v1.0${METHODS_POLICY}`);
      const res = await patch(`/v1.0${METHODS_POLICY}`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/^(badRequest|BadRequest|Request_BadRequest)$/);
      expect((await get(`/v1.0${METHODS_POLICY}`)).body.lastModifiedDateTime).toBe(before.body.lastModifiedDateTime);
    });

    it.each(['POST', 'PUT', 'DELETE'])('%s is 405', async (method) => {
      const res = await call(t, method, `/v1.0${METHODS_POLICY}`, { token: admin(), body: method === 'DELETE' ? undefined : {} });
      expect(res.status).toBe(405);
    });

    it.each([
      ['PUT', `${CONFIGURATIONS}/TemporaryAccessPass`],
      ['POST', `${CONFIGURATIONS}/TemporaryAccessPass`],
      ['PATCH', CONFIGURATIONS],
      ['PUT', CONFIGURATIONS],
      ['DELETE', CONFIGURATIONS],
    ])('%s %s is 405 and changes nothing', async (method, path) => {
      const before = await get(`/v1.0${METHODS_POLICY}`);
      const res = await call(t, method, `/v1.0${path}`, {
        token: admin(),
        body: method === 'DELETE' ? undefined : { '@odata.type': TAP_TYPE, state: 'enabled' },
      });
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 405, code: 'Request_BadRequest' });
      expect((await get(`/v1.0${METHODS_POLICY}`)).body).toEqual(before.body);
    });

    it('accepts the range bounds of reconfirmationInDays and snoozeDurationInDays', async () => {
      for (const body of [
        { reconfirmationInDays: 0, registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 0 } } },
        { reconfirmationInDays: 730, registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 14 } } },
      ]) {
        const res = await patch(`/v1.0${METHODS_POLICY}`, body);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject(body);
      }
    });

    it('beta-only properties are written on beta, and a v1.0 PATCH keeps them', async () => {
      const beta = await patch(`/beta${METHODS_POLICY}`, {
        reportSuspiciousActivitySettings: { state: 'enabled', voiceReportingCode: 8 },
        registrationEnforcement: { authenticationMethodsRegistrationCampaign: { enforceRegistrationAfterAllowedSnoozes: false } },
      });
      expect(beta.status).toBe(200);
      expect(beta.body.reportSuspiciousActivitySettings).toMatchObject({ state: 'enabled', voiceReportingCode: 8 });
      const v1 = await patch(`/v1.0${METHODS_POLICY}`, { reconfirmationInDays: 90 });
      expect(v1.status).toBe(200);
      expect(v1.body).not.toHaveProperty('reportSuspiciousActivitySettings');
      const after = (await get(`/beta${METHODS_POLICY}`)).body;
      expect(after).toMatchObject({ reconfirmationInDays: 90, reportSuspiciousActivitySettings: { state: 'enabled', voiceReportingCode: 8 } });
      expect(after.registrationEnforcement.authenticationMethodsRegistrationCampaign.enforceRegistrationAfterAllowedSnoozes).toBe(false);
    });
  });

  describe('configurations', () => {
    it.each(BUILT_INS)('%s: PATCH is 204 and reads back; DELETE brings the defaults back', async (id, type, change) => {
      const before = await get(`/v1.0${CONFIGURATIONS}/${id}`);
      const res = await patch(`/v1.0${CONFIGURATIONS}/${id}`, { '@odata.type': `#microsoft.graph.${type}`, ...change });
      expect(res.status).toBe(204);
      const after = await get(`/v1.0${CONFIGURATIONS}/${id}`);
      expect(after.body).toMatchObject(change);
      const del = await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/${id}`, { token: admin() });
      expect(del.status).toBe(204);
      expect(await get(`/v1.0${CONFIGURATIONS}/${id}`).then((r) => r.body)).toEqual(before.body);
    });

    it.each([
      ...BUILT_INS,
      [
        'HardwareOath',
        'hardwareOathAuthenticationMethodConfiguration',
        { state: 'enabled', includeTargets: [{ id: USER, targetType: 'user', isRegistrationRequired: true }] },
      ],
      ['Voice', 'voiceAuthenticationMethodConfiguration', { callerIdNumber: '+1 4255550100' }],
    ] as [string, string, Record<string, unknown>][])('%s on beta: PATCH is 204 and reads back; DELETE brings the defaults back', async (id, type, change) => {
      const before = await get(`/beta${CONFIGURATIONS}/${id}`);
      expect(before.status).toBe(200);
      const res = await patch(`/beta${CONFIGURATIONS}/${id}`, { '@odata.type': `#microsoft.graph.${type}`, ...change });
      expect(res.status).toBe(204);
      expect((await get(`/beta${CONFIGURATIONS}/${id}`)).body).toMatchObject(change);
      expect((await call(t, 'DELETE', `/beta${CONFIGURATIONS}/${id}`, { token: admin() })).status).toBe(204);
      expect((await get(`/beta${CONFIGURATIONS}/${id}`)).body).toEqual(before.body);
    });

    it("beta-only configuration properties are refused on v1.0, and a v1.0 PATCH keeps beta's", async () => {
      const VOICE = '#microsoft.graph.voiceAuthenticationMethodConfiguration';
      const refused = await patch(`/v1.0${CONFIGURATIONS}/Voice`, { '@odata.type': VOICE, callerIdNumber: '+1 4255550100' });
      expect(refused.status).toBe(400);
      const authenticator = await patch(`/v1.0${CONFIGURATIONS}/MicrosoftAuthenticator`, {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
        featureSettings: { numberMatchingRequiredState: { state: 'enabled' } },
      });
      expect(authenticator.status).toBe(400);
      expect(
        (
          await patch(`/v1.0${CONFIGURATIONS}/HardwareOath`, {
            '@odata.type': '#microsoft.graph.hardwareOathAuthenticationMethodConfiguration',
            state: 'enabled',
          })
        ).status,
      ).toBe(404);
      expect((await patch(`/beta${CONFIGURATIONS}/Voice`, { '@odata.type': VOICE, callerIdNumber: '+1 4255550100' })).status).toBe(204);
      expect((await patch(`/v1.0${CONFIGURATIONS}/Voice`, { '@odata.type': VOICE, isOfficePhoneAllowed: true })).status).toBe(204);
      expect((await get(`/v1.0${CONFIGURATIONS}/Voice`)).body).not.toHaveProperty('callerIdNumber');
      expect((await get(`/beta${CONFIGURATIONS}/Voice`)).body).toMatchObject({ isOfficePhoneAllowed: true, callerIdNumber: '+1 4255550100' });
      await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/Voice`, { token: admin() });
    });

    it('ids are case-insensitive; the answer spells them as Graph does', async () => {
      for (const id of ['temporaryAccessPass', 'TEMPORARYACCESSPASS', 'temporaryaccesspass']) {
        const res = await get(`/v1.0${CONFIGURATIONS}/${id}`);
        expect({ status: res.status, id: res.body.id }).toEqual({ status: 200, id: 'TemporaryAccessPass' });
      }
      expect(
        (
          await patch(`/v1.0${CONFIGURATIONS}/x509certificate`, {
            '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethodConfiguration',
            state: 'enabled',
          })
        ).status,
      ).toBe(204);
      expect((await get(`/v1.0${CONFIGURATIONS}/X509Certificate`)).body.state).toBe('enabled');
      expect((await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/X509CERTIFICATE`, { token: admin() })).status).toBe(204);
      expect((await get(`/beta${CONFIGURATIONS}/hardwareoath`)).body.id).toBe('HardwareOath');
    });

    it('unknown ids are 404; HardwareOath is a beta type only', async () => {
      for (const path of [
        `/v1.0${CONFIGURATIONS}/Passwordless`,
        `/v1.0${CONFIGURATIONS}/00000000-0000-4000-8000-000000000000`,
        `/v1.0${CONFIGURATIONS}/HardwareOath`,
      ]) {
        const res = await get(path);
        expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 404, code: 'itemNotFound' });
      }
    });

    it('includeTargets replaces the list; users and groups are stored; excludeTargets are kept', async () => {
      const group = 'bbbbbbbb-0000-4000-8000-000000000002';
      const res = await patch(`/v1.0${CONFIGURATIONS}/Sms`, {
        '@odata.type': SMS_TYPE,
        includeTargets: [
          { id: USER, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: true },
          { id: group, targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: false },
        ],
        excludeTargets: [{ id: 'cccccccc-0000-4000-8000-000000000003', targetType: 'group' }],
      });
      expect(res.status).toBe(204);
      const sms = (await get(`/beta${CONFIGURATIONS}/sms`)).body;
      expect(sms.includeTargets).toEqual([
        { id: USER, targetType: 'user', isRegistrationRequired: false, isUsableForSignIn: true },
        { id: group, targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: false },
      ]);
      expect(sms.excludeTargets).toEqual([{ id: 'cccccccc-0000-4000-8000-000000000003', targetType: 'group' }]);
      // A PATCH without includeTargets keeps them.
      await patch(`/v1.0${CONFIGURATIONS}/Sms`, { '@odata.type': SMS_TYPE, state: 'enabled' });
      expect((await get(`/v1.0${CONFIGURATIONS}/Sms`)).body.includeTargets).toHaveLength(2);
      await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/Sms`, { token: admin() });
    });

    const TAP = (extra: Record<string, unknown>) => ({ '@odata.type': TAP_TYPE, ...extra });
    it.each([
      ['no @odata.type', { state: 'enabled' }],
      ["another configuration's @odata.type", { '@odata.type': SMS_TYPE, state: 'enabled' }],
      ['a minimum lifetime under 10', TAP({ minimumLifetimeInMinutes: 9 })],
      ['a maximum lifetime over 43200', TAP({ maximumLifetimeInMinutes: 43201 })],
      ['a minimum above the maximum', TAP({ minimumLifetimeInMinutes: 500, maximumLifetimeInMinutes: 400, defaultLifetimeInMinutes: 450 })],
      ['a default lifetime outside min..max', TAP({ defaultLifetimeInMinutes: 500 })],
      ['a length under 8', TAP({ defaultLength: 7 })],
      ['a length over 48', TAP({ defaultLength: 49 })],
      ['a fractional length', TAP({ defaultLength: 8.5 })],
      ['a null length', TAP({ defaultLength: null })],
      ['an unknown state', TAP({ state: 'on' })],
      ['a null state', TAP({ state: null })],
      ['an unknown property', TAP({ isUsableTwice: true })],
      ['a target id that is neither a GUID nor all_users', TAP({ includeTargets: [{ id: 'everyone', targetType: 'group' }] })],
      ['all_users as a user target', TAP({ includeTargets: [{ id: 'all_users', targetType: 'user' }] })],
      ['a target without targetType', TAP({ includeTargets: [{ id: USER }] })],
      [
        'the same target twice',
        TAP({
          includeTargets: [
            { id: USER, targetType: 'user' },
            { id: USER.toUpperCase(), targetType: 'user' },
          ],
        }),
      ],
      ['includeTargets not an array', TAP({ includeTargets: { id: USER } })],
      ['a different id', TAP({ id: 'Sms' })],
    ])('refuses %s with 400 and changes nothing', async (_name, body) => {
      const before = await get(`/v1.0${CONFIGURATIONS}/TemporaryAccessPass`);
      const res = await patch(`/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, body);
      expect(res.status).toBe(400);
      expect((await get(`/v1.0${CONFIGURATIONS}/TemporaryAccessPass`)).body).toEqual(before.body);
    });

    it.each([
      ['QRCodePin', 'qrCodePinAuthenticationMethodConfiguration', { pinLength: 7 }],
      ['QRCodePin', 'qrCodePinAuthenticationMethodConfiguration', { standardQRCodeLifetimeInDays: 396 }],
      ['QRCodePin', 'qrCodePinAuthenticationMethodConfiguration', { pinLength: 21 }],
      ['QRCodePin', 'qrCodePinAuthenticationMethodConfiguration', { standardQRCodeLifetimeInDays: 0 }],
      ['TemporaryAccessPass', 'temporaryAccessPassAuthenticationMethodConfiguration', { minimumLifetimeInMinutes: 43201 }],
      ['TemporaryAccessPass', 'temporaryAccessPassAuthenticationMethodConfiguration', { maximumLifetimeInMinutes: 9 }],
      ['TemporaryAccessPass', 'temporaryAccessPassAuthenticationMethodConfiguration', { isUsableOnce: null }],
      ['Sms', 'smsAuthenticationMethodConfiguration', { excludeTargets: [{ id: 'all_users', targetType: 'user' }] }],
      ['Email', 'emailAuthenticationMethodConfiguration', { allowExternalIdToUseEmailOtp: 'yes' }],
      ['Fido2', 'fido2AuthenticationMethodConfiguration', { keyRestrictions: { enforcementType: 'sometimes' } }],
      [
        'MicrosoftAuthenticator',
        'microsoftAuthenticatorAuthenticationMethodConfiguration',
        { includeTargets: [{ id: 'all_users', targetType: 'group', authenticationMode: 'fax' }] },
      ],
      ['Voice', 'voiceAuthenticationMethodConfiguration', { isOfficePhoneAllowed: 'yes' }],
    ])('%s: refuses %j with 400 and changes nothing', async (id, type, change) => {
      const before = await get(`/v1.0${CONFIGURATIONS}/${id}`);
      const res = await patch(`/v1.0${CONFIGURATIONS}/${id}`, { '@odata.type': `#microsoft.graph.${type}`, ...change });
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'badRequest' });
      expect((await get(`/v1.0${CONFIGURATIONS}/${id}`)).body).toEqual(before.body);
    });

    it('the QRCodePin range bounds themselves are accepted', async () => {
      const QR = '#microsoft.graph.qrCodePinAuthenticationMethodConfiguration';
      for (const change of [
        { standardQRCodeLifetimeInDays: 1, pinLength: 8 },
        { standardQRCodeLifetimeInDays: 395, pinLength: 20 },
      ]) {
        expect((await patch(`/v1.0${CONFIGURATIONS}/QRCodePin`, { '@odata.type': QR, ...change })).status).toBe(204);
        expect((await get(`/v1.0${CONFIGURATIONS}/QRCodePin`)).body).toMatchObject(change);
      }
      await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/QRCodePin`, { token: admin() });
    });

    it('the TAP range bounds themselves are accepted', async () => {
      expect(
        (
          await patch(
            `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`,
            TAP({ minimumLifetimeInMinutes: 10, maximumLifetimeInMinutes: 43200, defaultLifetimeInMinutes: 10, defaultLength: 48 }),
          )
        ).status,
      ).toBe(204);
      expect((await patch(`/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, TAP({ defaultLifetimeInMinutes: 43200, defaultLength: 8 }))).status).toBe(204);
      await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, { token: admin() });
    });
  });

  describe('external authentication methods', () => {
    const EXTERNAL = {
      '@odata.type': '#microsoft.graph.externalAuthenticationMethodConfiguration',
      displayName: 'Adatum MFA',
      state: 'enabled',
      appId: '6ce1a1c8-0e4d-4ab0-a5a9-5a4c2b8c2a7e',
      openIdConnectSetting: { clientId: 'adatum-client', discoveryUrl: 'https://adatum.example/.well-known/openid-configuration' },
      includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }],
    };

    it('POST creates one with a GUID id (201, Location); GET, PATCH and DELETE follow', async () => {
      const res = await call(t, 'POST', `/v1.0${CONFIGURATIONS}`, { token: admin(), body: EXTERNAL });
      expect(res.status).toBe(201);
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('location')).toBe(`${t.url}/v1.0${CONFIGURATIONS}/${res.body.id}`);
      expect(res.body).toMatchObject({
        displayName: 'Adatum MFA',
        appId: EXTERNAL.appId,
        openIdConnectSetting: EXTERNAL.openIdConnectSetting,
        state: 'enabled',
      });
      const id = res.body.id as string;
      expect((await get(`/v1.0${CONFIGURATIONS}/${id.toUpperCase()}`)).body.id).toBe(id);
      expect((await get(`/v1.0${CONFIGURATIONS}`)).body.value.map((c: { id: string }) => c.id)).toContain(id);
      expect((await patch(`/v1.0${CONFIGURATIONS}/${id}`, { '@odata.type': EXTERNAL['@odata.type'], displayName: 'Adatum' })).status).toBe(204);
      expect((await get(`/v1.0${CONFIGURATIONS}/${id}`)).body.displayName).toBe('Adatum');
      expect((await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/${id}`, { token: admin() })).status).toBe(204);
      expect((await get(`/v1.0${CONFIGURATIONS}/${id}`)).status).toBe(404);
    });

    it.each([
      ['a built-in type', { ...EXTERNAL, '@odata.type': TAP_TYPE }],
      ['no appId', { ...EXTERNAL, appId: undefined }],
      ['a non-GUID appId', { ...EXTERNAL, appId: 'adatum' }],
      ['an http discovery URL', { ...EXTERNAL, openIdConnectSetting: { clientId: 'c', discoveryUrl: 'http://adatum.example/x' } }],
      ['no displayName', { ...EXTERNAL, displayName: '' }],
      ['a displayName over 256 characters', { ...EXTERNAL, displayName: 'x'.repeat(257) }],
      ['an id of its own', { ...EXTERNAL, id: '11111111-2222-4333-8444-555555555555' }],
      ['no openIdConnectSetting', { ...EXTERNAL, openIdConnectSetting: null }],
    ])('refuses %s with 400', async (_name, body) => {
      const before = (await get(`/v1.0${CONFIGURATIONS}`)).body.value.length;
      const res = await call(t, 'POST', `/v1.0${CONFIGURATIONS}`, { token: admin(), body });
      expect(res.status).toBe(400);
      expect((await get(`/v1.0${CONFIGURATIONS}`)).body.value).toHaveLength(before);
    });
  });

  it('each tenant has its own policy', async () => {
    await patch(`/v1.0${CONFIGURATIONS}/Voice`, { '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration', state: 'enabled' });
    expect((await get(`/v1.0${CONFIGURATIONS}/Voice`)).body.state).toBe('enabled');
    expect((await get(`/v1.0${CONFIGURATIONS}/Voice`, policyAdmin(t, TENANT_B))).body.state).toBe('disabled');
    await call(t, 'DELETE', `/v1.0${CONFIGURATIONS}/Voice`, { token: admin() });
  });
});
