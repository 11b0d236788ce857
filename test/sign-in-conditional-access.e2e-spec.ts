import { claimsOf, tlsCall, tokenRequest } from './support/identity-platform.js';
import { cookieOf, flowTokenOf, PASSWORD, postStep, rawFetch, redeemCode, startCallbackServer } from './support/sign-in.js';
import { aadstsOf, authorizeUrl, CA, codeOf, loopTenant, pageSignIn } from './support/step-up-loop.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * Conditional Access and second factors on the sign-in page (issue #14 part 3), driven over HTTP as a browser without
 * JavaScript: MFA by Temporary Access Pass (created through Graph's TAP route), by SMS code read from the development
 * outbox, a chooser when several methods qualify, an authentication strength that only a TAP satisfies, a block (53003,
 * no code), no usable method (53004), report-only recorded, wrong codes (500121), smart lockout (50053), and the
 * sign-in logs of each.
 */
const TIMEOUT = 180_000;
const ONE_TIME_TAP_STRENGTH = 'temporaryAccessPassOneTime';

describe('sign-in page: Conditional Access and second factors', () => {
  let t: TlsTestApp;
  let callback: Awaited<ReturnType<typeof startCallbackServer>>;
  let CALLBACK = '';
  beforeAll(async () => {
    t = await startTlsTestApp({ LOCKOUT_THRESHOLD: '3', LOCKOUT_DURATION_SECONDS: '600' });
    callback = await startCallbackServer();
    CALLBACK = callback.url;
  }, TIMEOUT);
  afterAll(async () => {
    await callback?.close();
    await t?.close();
  }, TIMEOUT);

  const redeem = (tenantId: string, appId: string, code: string, verifier: string) => redeemCode(t, tenantId, appId, CALLBACK, code, verifier, 'User.Read');

  it(
    'MFA required for the app: password, then the TAP (a wrong one first: 500121); amr has mfa; the refresh stays MFA; logs carry the policy',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableTap();
      const pass = await x.addTap(x.user.id, false);
      const policy = await x.policy();
      const { url, verifier } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const page = await pageSignIn(t, url);

      const tapStep = await page.password(x.user.userPrincipalName);
      expect(tapStep.status).toBe(200);
      expect(tapStep.text).toContain('name="otc"');
      expect(tapStep.text).toContain('data-method="temporaryAccessPass"');
      const wrong = await page.otc('not-the-pass');
      expect({ status: wrong.status, aadsts: aadstsOf(wrong), otc: wrong.text.includes('name="otc"') }).toEqual({ status: 200, aadsts: 500121, otc: true });
      const done = await page.otc(pass);
      const tokens = await redeem(x.tenantId, x.app.appId, codeOf(done), verifier);
      expect(claimsOf(tokens.access_token).amr).toEqual(expect.arrayContaining(['pwd', 'mfa']));
      expect((await tlsCall(t, 'GET', '/v1.0/me', tokens.access_token)).status).toBe(200);

      // The refresh token keeps the sign-in's methods: the MFA policy is satisfied again, amr still says mfa.
      const refreshed = await tokenRequest(t, x.tenantId, {
        grant_type: 'refresh_token',
        client_id: x.app.appId,
        refresh_token: tokens.refresh_token,
        scope: 'User.Read',
      });
      expect({ status: refreshed.status, error: refreshed.body.error_description }).toEqual({ status: 200, error: undefined });
      expect(claimsOf(refreshed.body.access_token).amr).toEqual(expect.arrayContaining(['mfa']));

      const logs = await x.signIns();
      const success = logs.find((l) => l.status.errorCode === 0 && l.isInteractive);
      expect(success).toMatchObject({
        userId: x.user.id,
        appId: x.app.appId,
        clientAppUsed: 'Browser',
        conditionalAccessStatus: 'success',
        authenticationRequirement: 'multiFactorAuthentication',
        authenticationMethodsUsed: ['Password', 'Temporary Access Pass'],
      });
      expect(success!.appliedConditionalAccessPolicies).toEqual([
        expect.objectContaining({ id: policy.id, result: 'success', enforcedGrantControls: ['Mfa'] }),
      ]);
      expect(logs.find((l) => l.status.errorCode === 500121)).toMatchObject({ userId: x.user.id, isInteractive: true });
      const nonInteractive = await tlsCall(t, 'GET', "/beta/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser')", x.reader);
      expect(nonInteractive.body.value[0]).toMatchObject({ status: { errorCode: 0 }, conditionalAccessStatus: 'success' });
    },
    TIMEOUT,
  );

  it(
    'SMS: the code from the outbox; with a TAP too, a chooser (email never qualifies for MFA); a wrong code is 500121',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableSms();
      await x.enableEmail();
      await x.enableTap();
      const phone = await x.addPhone(x.user.id);
      await x.addEmail(x.user.id);
      await x.policy();

      // SMS only (no TAP yet): straight to the code.
      const first = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const one = await pageSignIn(t, first.url);
      const smsStep = await one.password(x.user.userPrincipalName);
      expect(smsStep.text).toContain('data-method="sms"');
      expect(smsStep.text).not.toContain(phone.replace(/\s/g, '').slice(-7));
      expect(aadstsOf(await one.otc('000000x'))).toBe(500121);
      const smsTokens = await redeem(x.tenantId, x.app.appId, codeOf(await one.otc(await x.outboxCode(phone))), first.verifier);
      expect(claimsOf(smsTokens.access_token).amr).toEqual(expect.arrayContaining(['pwd', 'sms', 'mfa']));

      // TAP and SMS qualify: the chooser lists both (not email), the choice sends the code.
      await x.addTap(x.user.id);
      const second = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const two = await pageSignIn(t, second.url);
      const chooser = await two.password(x.user.userPrincipalName);
      expect(chooser.text).toContain('name="method"');
      expect([...chooser.text.matchAll(/id="method-([a-zA-Z]+)"/g)].map((m) => m[1])).toEqual(['temporaryAccessPass', 'sms']);
      const smsId = /value="([0-9a-f-]{36})" id="method-sms"/.exec(chooser.text)![1];
      expect(aadstsOf(await two.choose('not-a-method'))).toBe(90014);
      const codeStep = await two.choose(smsId);
      expect(codeStep.text).toContain('name="otc"');
      const done = await two.otc(await x.outboxCode(phone));
      expect(claimsOf((await redeem(x.tenantId, x.app.appId, codeOf(done), second.verifier)).access_token).amr).toEqual(expect.arrayContaining(['sms', 'mfa']));
    },
    TIMEOUT,
  );

  it(
    'an email code where a custom strength allows email; a strength requiring a one-time TAP offers only the TAP',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableEmail();
      await x.enableSms();
      await x.enableTap();
      const address = await x.addEmail(x.user.id);
      const emailStrength = await tlsCall(t, 'POST', `${CA}/authenticationStrength/policies`, x.caAdmin, {
        displayName: 'Email',
        allowedCombinations: ['email'],
      });
      expect({ status: emailStrength.status, error: emailStrength.body?.error }).toEqual({ status: 201, error: undefined });
      const emailPolicy = await x.policy({ grantControls: { operator: 'OR', authenticationStrength: { id: emailStrength.body.id } } });
      const first = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const one = await pageSignIn(t, first.url);
      expect((await one.password(x.user.userPrincipalName)).text).toContain('data-method="email"');
      const tokens = await redeem(x.tenantId, x.app.appId, codeOf(await one.otc(await x.outboxCode(address))), first.verifier);
      expect(claimsOf(tokens.access_token).amr).toEqual(expect.arrayContaining(['pwd', 'otp']));
      expect(claimsOf(tokens.access_token).amr).not.toContain('mfa');

      // A strength satisfied only by a one-time TAP: the phone does not qualify, the TAP is asked for directly.
      expect((await tlsCall(t, 'PATCH', `${CA}/policies/${emailPolicy.id}`, x.caAdmin, { state: 'disabled' })).status).toBe(204);
      const tapStrength = await tlsCall(t, 'POST', `${CA}/authenticationStrength/policies`, x.caAdmin, {
        displayName: 'One-time TAP',
        allowedCombinations: [ONE_TIME_TAP_STRENGTH],
      });
      expect(tapStrength.status).toBe(201);
      await x.policy({ grantControls: { operator: 'OR', authenticationStrength: { id: tapStrength.body.id } } });
      await x.addPhone(x.user.id);
      const pass = await x.addTap(x.user.id, true);
      const second = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const two = await pageSignIn(t, second.url);
      const tapStep = await two.password(x.user.userPrincipalName);
      expect(tapStep.text).toContain('data-method="temporaryAccessPass"');
      expect(tapStep.text).not.toContain('name="method"');
      const done = await two.otc(pass);
      expect(claimsOf((await redeem(x.tenantId, x.app.appId, codeOf(done), second.verifier)).access_token).amr).toContain('mfa');
    },
    TIMEOUT,
  );

  it(
    'a block policy: the 53003 page and no code; no usable method: 53004; report-only: signed in, recorded; both logged',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const reportOnly = await x.policy({ state: 'enabledForReportingButNotEnforced' });
      const ok = await (await pageSignIn(t, authorizeUrl(x.tenantId, x.app.appId, CALLBACK).url)).password(x.user.userPrincipalName);
      expect(ok.status).toBe(302);
      const okLog = (await x.signIns()).find((l) => l.status.errorCode === 0)!;
      expect(okLog.conditionalAccessStatus).toBe('notApplied');
      expect(okLog.appliedConditionalAccessPolicies).toEqual([expect.objectContaining({ id: reportOnly.id, result: expect.stringMatching(/^reportOnly/) })]);
      expect(okLog.authenticationRequirement).toBe('singleFactorAuthentication');

      // MFA enforced and the user has no registered method that satisfies it: 53004, no code.
      const mfa = await x.policy();
      const proofUp = await (await pageSignIn(t, authorizeUrl(x.tenantId, x.app.appId, CALLBACK).url)).password(x.user.userPrincipalName);
      expect({ status: proofUp.status, aadsts: aadstsOf(proofUp), location: proofUp.headers.get('location') }).toEqual({
        status: 400,
        aadsts: 53004,
        location: null,
      });
      expect((await tlsCall(t, 'PATCH', `${CA}/policies/${mfa.id}`, x.caAdmin, { state: 'disabled' })).status).toBe(204);

      const block = await x.policy({ grantControls: { operator: 'OR', builtInControls: ['block'] } });
      const blocked = await (await pageSignIn(t, authorizeUrl(x.tenantId, x.app.appId, CALLBACK).url)).password(x.user.userPrincipalName);
      expect({ status: blocked.status, aadsts: aadstsOf(blocked), location: blocked.headers.get('location') }).toEqual({
        status: 400,
        aadsts: 53003,
        location: null,
      });
      expect(blocked.text).toContain('You cannot access this right now');
      expect(blocked.text).not.toMatch(/name="code"/);
      const logs = await x.signIns('v1.0');
      const blockedLog = logs.find((l) => l.status.errorCode === 53003)!;
      expect(blockedLog).toMatchObject({ conditionalAccessStatus: 'failure', clientAppUsed: 'Browser', isInteractive: true });
      expect(blockedLog.appliedConditionalAccessPolicies).toEqual(expect.arrayContaining([expect.objectContaining({ id: block.id, result: 'failure' })]));
      expect(logs.find((l) => l.status.errorCode === 53004)).toMatchObject({ conditionalAccessStatus: 'failure' });
    },
    TIMEOUT,
  );

  it(
    'the device page: the same second factor (TAP), the device gets an MFA token; logged as mobile apps and desktop clients',
    async () => {
      const x = await loopTenant(t, CALLBACK, { isFallbackPublicClient: true });
      await x.enableTap();
      const pass = await x.addTap(x.user.id, true);
      const policy = await x.policy();
      const form = (body: Record<string, string>) => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
      const started = await rawFetch(t, `/${x.tenantId}/oauth2/v2.0/devicecode`, form({ client_id: x.app.appId, scope: 'User.Read' }));
      expect(started.status).toBe(200);
      const { device_code: deviceCode, user_code: userCode } = JSON.parse(started.text) as { device_code: string; user_code: string };
      const signInPage = await rawFetch(t, `/${x.tenantId}/oauth2/deviceauth`, form({ otc: userCode }));
      const cookie = cookieOf(signInPage.headers);
      const flowToken = flowTokenOf(signInPage.text);
      expect((await postStep(t, x.tenantId, cookie, { flowToken, action: 'continue' })).text).toContain('name="loginfmt"');
      const tapStep = await postStep(t, x.tenantId, cookie, { flowToken, loginfmt: x.user.userPrincipalName, passwd: PASSWORD });
      expect(tapStep.text).toContain('data-method="temporaryAccessPass"');
      const done = await postStep(t, x.tenantId, cookie, { flowToken, otc: pass });
      expect(done.text).toContain('You have signed in on your device');
      const tokens = await tokenRequest(t, x.tenantId, {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: x.app.appId,
        device_code: deviceCode,
      });
      expect({ status: tokens.status, error: tokens.body.error_description }).toEqual({ status: 200, error: undefined });
      expect(claimsOf(tokens.body.access_token).amr).toEqual(expect.arrayContaining(['mfa']));
      const log = (await x.signIns()).find((l) => l.status.errorCode === 0)!;
      expect(log).toMatchObject({
        clientAppUsed: 'Mobile Apps and Desktop clients',
        authenticationMethodsUsed: ['Password', 'Temporary Access Pass'],
        conditionalAccessStatus: 'success',
      });
      expect(log.appliedConditionalAccessPolicies).toEqual([expect.objectContaining({ id: policy.id, result: 'success' })]);
    },
    TIMEOUT,
  );

  it(
    'a Temporary Access Pass typed instead of the password satisfies MFA on its own; a one-time pass works once',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableTap();
      const pass = await x.addTap(x.user.id, true);
      await x.policy();
      const { url, verifier } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const done = await (await pageSignIn(t, url)).password(x.user.userPrincipalName, pass);
      const tokens = await redeem(x.tenantId, x.app.appId, codeOf(done), verifier);
      expect(claimsOf(tokens.access_token).amr).toEqual(expect.arrayContaining(['mfa']));
      const log = (await x.signIns()).find((l) => l.status.errorCode === 0)!;
      expect(log).toMatchObject({ authenticationMethodsUsed: ['Temporary Access Pass'], conditionalAccessStatus: 'success' });
      // Used up: the same pass is now a wrong password.
      expect(aadstsOf(await (await pageSignIn(t, url)).password(x.user.userPrincipalName, pass))).toBe(50126);
    },
    TIMEOUT,
  );

  it(
    'three wrong codes end the sign-in (500121): the right TAP afterwards is refused, a new sign-in accepts it',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableTap();
      const pass = await x.addTap(x.user.id, false);
      await x.policy();
      const { url, verifier } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const page = await pageSignIn(t, url);
      expect((await page.password(x.user.userPrincipalName)).text).toContain('name="otc"');
      for (const n of [1, 2]) expect((await page.otc(`wrong-${n}`)).status).toBe(200);
      const third = await page.otc('wrong-3');
      expect({ status: third.status, aadsts: aadstsOf(third), otc: third.text.includes('name="otc"') }).toEqual({ status: 400, aadsts: 500121, otc: false });
      const after = await page.otc(pass);
      expect({ status: after.status, aadsts: aadstsOf(after), location: after.headers.get('location') }).toEqual({
        status: 400,
        aadsts: 50089,
        location: null,
      });
      const again = await pageSignIn(t, url);
      await again.password(x.user.userPrincipalName);
      await redeem(x.tenantId, x.app.appId, codeOf(await again.otc(pass)), verifier);
      expect((await x.signIns()).filter((l) => l.status.errorCode === 500121)).toHaveLength(3);
    },
    TIMEOUT,
  );

  it(
    'smart lockout on the page: after the threshold the right password shows 50053; every failure is logged',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const { url } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      for (const n of [1, 2, 3]) expect(aadstsOf(await (await pageSignIn(t, url)).password(x.user.userPrincipalName, `wrong-${n}`))).toBe(50126);
      const locked = await (await pageSignIn(t, url)).password(x.user.userPrincipalName, PASSWORD);
      expect({ status: locked.status, aadsts: aadstsOf(locked), location: locked.headers.get('location') }).toEqual({
        status: 200,
        aadsts: 50053,
        location: null,
      });
      const codes = (await x.signIns('v1.0')).map((l) => l.status.errorCode).sort();
      expect(codes).toEqual([50053, 50126, 50126, 50126]);
    },
    TIMEOUT,
  );
});
