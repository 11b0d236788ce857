import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
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

/** The SPA: MSAL from its UMD bundle, a login on `?start`, the redirect handled on return, then `GET /me`. */
const spaHtml = (config: { clientId: string; authority: string; knownAuthorities: string[]; graph: string }) => `<!doctype html>
<html><head><meta charset="utf-8"><script src="/msal-browser.min.js"></script></head><body><script>
(async () => {
  const config = ${JSON.stringify(config)};
  try {
    const pca = new msal.PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: config.knownAuthorities, redirectUri: location.origin + '/spa.html' },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await pca.initialize();
    const result = await pca.handleRedirectPromise();
    if (result) {
      const me = await fetch(config.graph + '/v1.0/me', { headers: { authorization: 'Bearer ' + result.accessToken } });
      window.__done = { accessToken: result.accessToken, username: result.account.username, me: { status: me.status, body: await me.json() } };
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
    spa = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/msal-browser.min.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      if (path === '/spa.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
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
});
