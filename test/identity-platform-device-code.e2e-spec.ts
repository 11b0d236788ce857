import { PublicClientApplication } from '@azure/msal-node';

interface DeviceCodeResponse {
  userCode: string;
  verificationUri: string;
  expiresIn: number;
  interval: number;
  message: string;
}
import { claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { cookieOf, flowTokenOf, PASSWORD, postStep, rawFetch, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';

/**
 * The device code flow (issue #14, RFC 8628): msal-node's acquireTokenByDeviceCode while the device page is driven
 * over plain HTTP form posts (`otc`, then `loginfmt`/`passwd`); then the token endpoint's answers by number.
 */
const TIMEOUT = 180_000;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The caching headers of the device authorization endpoint, its refusals and the device page (never stored). */
function cachingOf(headers: Headers) {
  return { cacheControl: headers.get('cache-control'), pragma: headers.get('pragma') };
}
const NO_STORE = { cacheControl: 'no-store, no-cache', pragma: 'no-cache' };

describe('identity platform: device code', () => {
  let t: TlsTestApp;
  beforeAll(async () => {
    t = await startTlsTestApp();
  }, TIMEOUT);
  afterAll(() => t?.close(), TIMEOUT);

  /** The device page, as a person without JavaScript: the code, then the credentials. */
  async function approveOnThePage(verificationUri: string, userCode: string, upn: string) {
    const tenant = new URL(verificationUri).pathname.split('/')[1];
    const codePage = await rawFetch(t, verificationUri);
    expect(codePage.text).toContain('name="otc"');
    const confirm = await enterCode(verificationUri, userCode.toLowerCase());
    expect(confirm.text).toContain('Are you trying to sign in to');
    const signIn = await postStep(t, tenant, confirm.cookie, { flowToken: confirm.flowToken, action: 'continue' });
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain('name="loginfmt"');
    const done = await postStep(t, tenant, confirm.cookie, { flowToken: confirm.flowToken, loginfmt: upn, passwd: PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have signed in on your device');
  }

  /** The code typed on the device page (a browser of its own): the confirmation step, its cookie and flow token. */
  async function enterCode(verificationUri: string, userCode: string) {
    const res = await rawFetch(t, verificationUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: userCode }).toString(),
    });
    expect(res.status).toBe(200);
    return { ...res, cookie: cookieOf(res.headers), flowToken: flowTokenOf(res.text) };
  }

  /** A device code started for `appId` over plain HTTP (what MSAL's first request does). */
  async function startDeviceCode(tenantId: string, appId: string) {
    const res = await rawFetch(t, `/${tenantId}/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: appId, scope: 'User.Read' }).toString(),
    });
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { device_code: string; user_code: string; verification_uri: string };
  }

  it(
    'msal-node PublicClientApplication.acquireTokenByDeviceCode: the page approves, the token reaches /me',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { isFallbackPublicClient: true });
      const pca = new PublicClientApplication({
        auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host] },
        system: { networkClient: msalNetworkClient(t) },
      });
      let shown: DeviceCodeResponse | undefined;
      let approval: Promise<void> | undefined;
      const result = await pca.acquireTokenByDeviceCode({
        scopes: ['User.Read'],
        deviceCodeCallback: (response) => {
          shown = response;
          approval = approveOnThePage(response.verificationUri, response.userCode, user.userPrincipalName);
        },
      });
      await approval;
      expect(shown).toMatchObject({ verificationUri: `${t.url}/${tenantId}/oauth2/deviceauth`, expiresIn: 900, interval: 5 });
      expect(shown!.userCode).toMatch(/^[A-Z2-9]{9}$/);
      expect(shown!.message).toBe(
        `To sign in, use a web browser to open the page ${t.url}/${tenantId}/oauth2/deviceauth and enter the code ${shown!.userCode} to authenticate.`,
      );
      expect(claimsOf(result!.accessToken)).toMatchObject({ oid: user.id, scp: 'User.Read', amr: ['pwd'], appidacr: '0' });
      const me = await tlsCall(t, 'GET', '/v1.0/me', result!.accessToken);
      expect({ status: me.status, id: me.body.id }).toEqual({ status: 200, id: user.id });
    },
    TIMEOUT,
  );

  it(
    "the token endpoint: pending 70016, unknown or another client's 70018, single-use once approved; a client without public flows 7000218; a wrong code on the page",
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { isFallbackPublicClient: true });
      const start = async (clientId: string) => {
        const res = await rawFetch(t, `/${tenantId}/oauth2/v2.0/devicecode`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: clientId, scope: 'User.Read offline_access' }).toString(),
        });
        return { status: res.status, headers: res.headers, body: JSON.parse(res.text) };
      };
      const started = await start(app.appId);
      expect(started.status).toBe(200);
      expect(cachingOf(started.headers)).toEqual(NO_STORE);
      expect(cachingOf((await rawFetch(t, started.body.verification_uri)).headers)).toEqual(NO_STORE);
      const poll = (form: Record<string, string> = {}) =>
        tokenRequest(t, tenantId, { grant_type: DEVICE_GRANT, client_id: app.appId, device_code: started.body.device_code, ...form });
      expectSts(t, await poll(), 400, 'authorization_pending', 70016);
      expectSts(t, await poll({ device_code: 'nope' }), 400, 'bad_verification_code', 70018);

      const wrong = await rawFetch(t, `/${tenantId}/oauth2/deviceauth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'otc=AAAAAAAAA',
      });
      expect(wrong.text).toContain('That code didn&#39;t work. Check the code and try again.');
      expect(wrong.text).not.toContain('flowToken');

      await approveOnThePage(started.body.verification_uri, started.body.user_code, user.userPrincipalName);
      // The user code is spent: typing it again finds nothing.
      const again = await rawFetch(t, `/${tenantId}/oauth2/deviceauth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `otc=${started.body.user_code}`,
      });
      expect(again.text).toContain('That code didn&#39;t work.');

      const tokens = await poll();
      expect(tokens.status).toBe(200);
      expect(typeof tokens.body.refresh_token).toBe('string');
      expectSts(t, await poll(), 400, 'bad_verification_code', 70018);

      const confidential = await signInTenant(t, { isFallbackPublicClient: false });
      const refused = await rawFetch(t, `/${confidential.tenantId}/oauth2/v2.0/devicecode`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: confidential.app.appId, scope: 'User.Read' }).toString(),
      });
      expectSts(t, { status: refused.status, body: JSON.parse(refused.text) }, 401, 'invalid_client', 7000218);
      expect(cachingOf(refused.headers)).toEqual(NO_STORE);
    },
    TIMEOUT,
  );
  it(
    'Cancel on the confirmation step: msal-node acquireTokenByDeviceCode rejects (post_request_failed: authorization_declined); the code is then spent (expired_token 70019); no sign-in log row',
    async () => {
      const { tenantId, app } = await signInTenant(t, { isFallbackPublicClient: true, displayName: 'Kiosk CLI' });
      const pca = new PublicClientApplication({
        auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host] },
        system: { networkClient: msalNetworkClient(t) },
      });
      let deviceCode = '';
      let cancel: Promise<{ status: number; text: string }> | undefined;
      const declined = pca
        .acquireTokenByDeviceCode({
          scopes: ['User.Read'],
          deviceCodeCallback: (response) => {
            deviceCode = (response as DeviceCodeResponse & { deviceCode: string }).deviceCode;
            cancel = (async () => {
              const confirm = await enterCode(response.verificationUri, response.userCode);
              expect(confirm.text).toContain('Are you trying to sign in to <span id="appName">Kiosk CLI</span>?');
              expect(confirm.text).toMatch(/<button type="submit" name="action" value="continue" id="idSIButton9">Continue<\/button>/);
              expect(confirm.text).toMatch(/<button type="submit" name="action" value="cancel" id="idBtn_Back">Cancel<\/button>/);
              expect(confirm.text).not.toContain('<script');
              return postStep(t, tenantId, confirm.cookie, { flowToken: confirm.flowToken, action: 'cancel' });
            })();
          },
        })
        .then(
          () => null,
          (e: { errorCode?: string; errorMessage?: string }) => e,
        );
      const error = await declined;
      const canceled = await cancel!;
      expect({ status: canceled.status, page: canceled.text.includes('Sign-in canceled') }).toEqual({ status: 200, page: true });
      // msal-node 3 stops polling on any error but authorization_pending: an AuthError naming the server's error.
      expect(error).toMatchObject({ errorCode: 'post_request_failed' });
      expect(error!.errorMessage).toMatch(/\bauthorization_declined$/);
      // Told once; after that the code is spent.
      const again = await tokenRequest(t, tenantId, { grant_type: DEVICE_GRANT, client_id: app.appId, device_code: deviceCode });
      expectSts(t, again, 400, 'expired_token', 70019);
      const logs = await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', application(t, ['AuditLog.Read.All', 'Directory.Read.All'], { tenantId }));
      expect({ status: logs.status, rows: logs.body.value }).toEqual({ status: 200, rows: [] });
    },
    TIMEOUT,
  );

  it(
    'the token endpoint after a Cancel: authorization_declined once, then expired_token; a declined code cannot be approved, nor an approved one declined; a replayed or unbound Cancel is refused',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { isFallbackPublicClient: true });
      const poll = (deviceCode: string) => tokenRequest(t, tenantId, { grant_type: DEVICE_GRANT, client_id: app.appId, device_code: deviceCode });

      // Declined first: another tab's sign-in for the same code is refused; the poll says declined once.
      const a = await startDeviceCode(tenantId, app.appId);
      const tab1 = await enterCode(a.verification_uri, a.user_code);
      const tab2 = await enterCode(a.verification_uri, a.user_code);
      expect((await postStep(t, tenantId, tab2.cookie, { flowToken: tab2.flowToken, action: 'continue' })).text).toContain('name="loginfmt"');
      expectSts(t, await poll(a.device_code), 400, 'authorization_pending', 70016);
      // Without the browser's cookie the Cancel does nothing.
      const unbound = await postStep(t, tenantId, undefined, { flowToken: tab1.flowToken, action: 'cancel' });
      expect({ status: unbound.status, aadsts: /AADSTS(\d+)/.exec(unbound.text)?.[1] }).toEqual({ status: 400, aadsts: '90014' });
      expectSts(t, await poll(a.device_code), 400, 'authorization_pending', 70016);
      const cancel = { flowToken: tab1.flowToken, action: 'cancel' };
      expect((await postStep(t, tenantId, tab1.cookie, cancel)).text).toContain('Sign-in canceled');
      const replay = await postStep(t, tenantId, tab1.cookie, cancel);
      expect({ status: replay.status, aadsts: /AADSTS(\d+)/.exec(replay.text)?.[1] }).toEqual({ status: 400, aadsts: '50089' });
      const late = await postStep(t, tenantId, tab2.cookie, { flowToken: tab2.flowToken, loginfmt: user.userPrincipalName, passwd: PASSWORD });
      expect({ status: late.status, aadsts: /AADSTS(\d+)/.exec(late.text)?.[1] }).toEqual({ status: 400, aadsts: '70019' });
      const told = await poll(a.device_code);
      expectSts(t, told, 400, 'authorization_declined', 70000);
      expect(told.body.error_description).toMatch(/^AADSTS70000: The end user denied the authorization request\./);
      expectSts(t, await poll(a.device_code), 400, 'expired_token', 70019);
      expectSts(t, await poll(a.device_code), 400, 'expired_token', 70019);
      // The user code is spent on the page too.
      const retyped = await rawFetch(t, a.verification_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `otc=${a.user_code}`,
      });
      expect(retyped.text).toContain('That code didn&#39;t work.');

      // Approved first: the other tab's Cancel is refused and the device gets its tokens.
      const b = await startDeviceCode(tenantId, app.appId);
      const other = await enterCode(b.verification_uri, b.user_code);
      await approveOnThePage(b.verification_uri, b.user_code, user.userPrincipalName);
      const refused = await postStep(t, tenantId, other.cookie, { flowToken: other.flowToken, action: 'cancel' });
      expect({ status: refused.status, aadsts: /AADSTS(\d+)/.exec(refused.text)?.[1] }).toEqual({ status: 400, aadsts: '70019' });
      expect((await poll(b.device_code)).status).toBe(200);

      // Anything but Continue or Cancel shows the question again; the credentials cannot skip it.
      const c = await startDeviceCode(tenantId, app.appId);
      const skip = await enterCode(c.verification_uri, c.user_code);
      const asked = await postStep(t, tenantId, skip.cookie, { flowToken: skip.flowToken, loginfmt: user.userPrincipalName, passwd: PASSWORD });
      expect({ status: asked.status, confirm: asked.text.includes('Are you trying to sign in to'), loginfmt: asked.text.includes('name="loginfmt"') }).toEqual({
        status: 200,
        confirm: true,
        loginfmt: false,
      });
      expectSts(t, await poll(c.device_code), 400, 'authorization_pending', 70016);
    },
    TIMEOUT,
  );

  it(
    'concurrent approve and decline of one code: exactly one wins, and the poll agrees with it',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { isFallbackPublicClient: true });
      for (let round = 0; round < 3; round++) {
        const d = await startDeviceCode(tenantId, app.appId);
        const approver = await enterCode(d.verification_uri, d.user_code);
        await postStep(t, tenantId, approver.cookie, { flowToken: approver.flowToken, action: 'continue' });
        const decliner = await enterCode(d.verification_uri, d.user_code);
        const [approved, declined] = await Promise.all([
          postStep(t, tenantId, approver.cookie, { flowToken: approver.flowToken, loginfmt: user.userPrincipalName, passwd: PASSWORD }),
          postStep(t, tenantId, decliner.cookie, { flowToken: decliner.flowToken, action: 'cancel' }),
        ]);
        const outcome = { approved: approved.text.includes('You have signed in on your device'), declined: declined.text.includes('Sign-in canceled') };
        expect([outcome.approved, outcome.declined].filter(Boolean)).toHaveLength(1);
        const tokens = await tokenRequest(t, tenantId, { grant_type: DEVICE_GRANT, client_id: app.appId, device_code: d.device_code });
        if (outcome.approved) expect(tokens.status).toBe(200);
        else expectSts(t, tokens, 400, 'authorization_declined', 70000);
      }
    },
    TIMEOUT,
  );

  it(
    "the confirmation step escapes the app's display name",
    async () => {
      const name = `<script>alert("x")</script> & 'Tom's app'`;
      const { tenantId, app } = await signInTenant(t, { isFallbackPublicClient: true, displayName: name });
      const d = await startDeviceCode(tenantId, app.appId);
      const confirm = await enterCode(d.verification_uri, d.user_code);
      expect(confirm.text).toContain(
        'Are you trying to sign in to <span id="appName">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Tom&#39;s app&#39;</span>?',
      );
      expect(confirm.text).not.toContain('<script>');
      expect(confirm.headers.get('content-security-policy')).toContain("script-src 'none'");
      const canceled = await postStep(t, tenantId, confirm.cookie, { flowToken: confirm.flowToken, action: 'cancel' });
      expect(canceled.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(canceled.text).not.toContain('<script>');
    },
    TIMEOUT,
  );
});
