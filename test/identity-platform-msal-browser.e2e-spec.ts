import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './support/browser.js';
import { claimsOf } from './support/identity-platform.js';
import { PASSWORD, rawFetch, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * MSAL Browser, unpatched, in a single-page app served from another origin (issue #14, DECISIONS §10): `loginRedirect`
 * to our authorize endpoint, the sign-in page, the redirect back with the code, the cross-origin redemption at the
 * token endpoint (CORS), then a cross-origin Graph call with the token. The only setting beyond Entra's is
 * `knownAuthorities` (MSAL would otherwise ask login.microsoftonline.com about our host).
 */
const TIMEOUT = 180_000;
/** The package's UMD bundle (its `exports` map does not name it). */
const MSAL_BUNDLE = fileURLToPath(new URL('../node_modules/@azure/msal-browser/lib/msal-browser.min.js', import.meta.url));
/** MSAL Browser 5's redirect bridge: the page an iframe (or popup) lands on hands the response to the app's frame with it. */
const BRIDGE_BUNDLE = fileURLToPath(new URL('../node_modules/@azure/msal-browser/lib/redirect-bridge/msal-redirect-bridge.min.js', import.meta.url));
const BLANK_HTML = `<!doctype html><html><head><meta charset="utf-8"><script src="/msal-redirect-bridge.min.js"></script></head><body><script>
msalRedirectBridge.broadcastResponseToMainFrame().catch((e) => { document.title = 'bridge failed: ' + e; });
</script></body></html>`;

/**
 * The SPA: MSAL from its UMD bundle, a login on `?start`, the redirect handled on return, then `GET /me`. With `sso`,
 * then `ssoSilent` for the signed-in user (MSAL's hidden iframe, `prompt=none`, redirected to the blank page); on
 * `?silent`, `ssoSilent` alone (no sign-in before).
 */
const spaHtml = (config: { clientId: string; authority: string; knownAuthorities: string[]; graph: string; sso?: boolean; hint?: string }) => `<!doctype html>
<html><head><meta charset="utf-8"><script src="/msal-browser.min.js"></script></head><body><script>
(async () => {
  const config = ${JSON.stringify(config)};
  try {
    const pca = new msal.PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: config.knownAuthorities, redirectUri: location.origin + '/spa.html' },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await pca.initialize();
    const silently = async (loginHint) => {
      try {
        const r = await pca.ssoSilent({ scopes: ['User.Read'], loginHint, redirectUri: location.origin + '/blank.html' });
        return { accessToken: r.accessToken, username: r.account.username };
      } catch (e) {
        return { error: String(e && (e.errorCode || e.message) || e), name: String(e && e.name), subError: e && e.subError };
      }
    };
    if (location.search.includes('silent')) {
      window.__done = { silent: await silently(config.hint) };
      return;
    }
    const result = await pca.handleRedirectPromise();
    if (result) {
      const me = await fetch(config.graph + '/v1.0/me', { headers: { authorization: 'Bearer ' + result.accessToken } });
      const silent = config.sso ? await silently(result.account.username) : undefined;
      window.__done = { accessToken: result.accessToken, username: result.account.username, me: { status: me.status, body: await me.json() }, silent };
    } else if (location.search.includes('start')) {
      await pca.loginRedirect({ scopes: ['User.Read'] });
    }
  } catch (e) {
    window.__done = { error: String(e && (e.errorCode || e.message) || e), stack: String(e && e.stack) };
  }
})();
</script></body></html>`;

describe('identity platform: MSAL Browser in a single-page app', () => {
  let t: TlsTestApp;
  let browser: Browser;
  let spa: Server;
  let spaOrigin = '';
  let html = '';
  beforeAll(async () => {
    t = await startTlsTestApp();
    browser = await launchChromium();
    const bundle = await readFile(MSAL_BUNDLE);
    const bridge = await readFile(BRIDGE_BUNDLE);
    spa = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/msal-browser.min.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      if (path === '/spa.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      if (path === '/msal-redirect-bridge.min.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bridge);
      if (path === '/blank.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BLANK_HTML);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve));
    // localhost: a secure context for the page's WebCrypto (PKCE), as a developer's SPA on their machine.
    spaOrigin = `http://localhost:${(spa.address() as { port: number }).port}`;
  }, TIMEOUT);
  afterAll(async () => {
    await new Promise((resolve) => spa?.close(resolve));
    await browser?.close();
    await t?.close();
  }, TIMEOUT);

  it(
    'loginRedirect, the sign-in page, handleRedirectPromise (cross-origin code redemption), then /me with the token',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { spa: [`${spaOrigin}/spa.html`] });
      // MSAL Browser 5 checks the discovery document's issuer: the same origin as the authority, or a host listed in
      // knownAuthorities. The test server's issuer names its configured base (PUBLIC_BASE_URL in real use), not the
      // ephemeral port the test listens on: list it.
      const discovery = await rawFetch(t, `/${tenantId}/v2.0/.well-known/openid-configuration`);
      const issuerHost = new URL(JSON.parse(discovery.text).issuer).host;
      html = spaHtml({ clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host, issuerHost], graph: t.url });
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      try {
        const page = await context.newPage();
        const seen: string[] = []; // what the page logged and fetched, said when MSAL does not get to our page
        page.on('console', (m) => seen.push(m.text()));
        page.on('requestfailed', (r) => seen.push(`failed ${r.url()} ${r.failure()?.errorText}`));
        page.on('response', (r) => seen.push(`${r.status()} ${r.url()} acao=${r.headers()['access-control-allow-origin']}`));
        await page.goto(`${spaOrigin}/spa.html?start=1`);
        // MSAL sends the browser to our authorize endpoint (or fails: then say why).
        await page.waitForURL(`${t.url}/**`).catch(async (e) => {
          throw new Error(
            `${e}\npage: ${page.url()}\n__done: ${JSON.stringify(await page.evaluate(() => (globalThis as { __done?: unknown }).__done))}\nseen: ${seen.join('\n')}`,
          );
        });
        await page.fill('input[name="loginfmt"]', user.userPrincipalName);
        await page.fill('input[name="passwd"]', PASSWORD);
        await Promise.all([page.waitForURL(`${spaOrigin}/**`), page.click('#idSIButton9')]);
        await page.waitForFunction(() => (globalThis as { __done?: unknown }).__done !== undefined, undefined, { timeout: TIMEOUT });
        const done = (await page.evaluate(() => (globalThis as { __done?: unknown }).__done)) as {
          error?: string;
          accessToken: string;
          username: string;
          me: { status: number; body: { id: string } };
        };
        expect(done.error).toBeUndefined();
        expect(done.username).toBe(user.userPrincipalName);
        expect(claimsOf(done.accessToken)).toMatchObject({ tid: tenantId, oid: user.id, appid: app.appId, appidacr: '0', scp: 'User.Read' });
        expect({ status: done.me.status, id: done.me.body.id }).toEqual({ status: 200, id: user.id });
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  it(
    'ssoSilent: login_required before any sign-in; after loginRedirect, a token silently through the hidden iframe (the session cookie, prompt=none)',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { spa: [`${spaOrigin}/spa.html`, `${spaOrigin}/blank.html`] });
      const discovery = await rawFetch(t, `/${tenantId}/v2.0/.well-known/openid-configuration`);
      const issuerHost = new URL(JSON.parse(discovery.text).issuer).host;
      const base = { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host, issuerHost], graph: t.url };
      // A profile that allows third-party cookies (Chromium's "allow all cookies" setting): this Chromium blocks them by
      // default (and always in Playwright's off-the-record `newContext`), and the hidden iframe (our host inside the
      // SPA's page) then sends no session cookie: ssoSilent answers login_required, as at Entra in such browsers.
      const profile = await mkdtemp(join(tmpdir(), 'sso-silent-'));
      await mkdir(join(profile, 'Default'));
      await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
        ignoreHTTPSErrors: true,
      });
      try {
        const page = await context.newPage();
        const done = async () => {
          await page.waitForFunction(() => (globalThis as { __done?: unknown }).__done !== undefined, undefined, { timeout: TIMEOUT });
          return (await page.evaluate(() => (globalThis as { __done?: unknown }).__done)) as {
            error?: string;
            username?: string;
            silent?: { error?: string; name?: string; accessToken?: string; username?: string };
          };
        };
        // No session in this browser yet: MSAL's InteractionRequiredAuthError, login_required.
        html = spaHtml({ ...base, hint: user.userPrincipalName });
        await page.goto(`${spaOrigin}/spa.html?silent=1`);
        expect((await done()).silent).toMatchObject({ error: 'login_required', name: 'InteractionRequiredAuthError' });

        html = spaHtml({ ...base, sso: true });
        await page.goto(`${spaOrigin}/spa.html?start=1`);
        await page.waitForURL(`${t.url}/**`);
        await page.fill('input[name="loginfmt"]', user.userPrincipalName);
        await page.fill('input[name="passwd"]', PASSWORD);
        await Promise.all([page.waitForURL(`${spaOrigin}/**`), page.click('#idSIButton9')]);
        const after = await done();
        expect({ error: after.error, username: after.username, silentError: after.silent?.error }).toEqual({
          error: undefined,
          username: user.userPrincipalName,
          silentError: undefined,
        });
        expect(after.silent?.username).toBe(user.userPrincipalName);
        expect(claimsOf(after.silent!.accessToken!)).toMatchObject({ tid: tenantId, oid: user.id, appid: app.appId, scp: 'User.Read' });
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});
