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
    const signIn = await rawFetch(t, verificationUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: userCode.toLowerCase() }).toString(),
    });
    expect(signIn.status).toBe(200);
    const done = await postStep(t, tenant, cookieOf(signIn.headers), { flowToken: flowTokenOf(signIn.text), loginfmt: upn, passwd: PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have signed in on your device');
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
});
