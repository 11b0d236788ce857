import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { claimsOf, tlsCall } from './support/identity-platform.js';
import { rawFetch, redeemCode, startCallbackServer } from './support/sign-in.js';
import { aadstsOf, authorizeUrl, codeOf, loopTenant, pageSignIn, type StepResponse } from './support/step-up-loop.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * Single sign-on sessions of the sign-in page (Entra's ESTSAUTH): after an interactive sign-in the browser holds a
 * session cookie of the tenant; `prompt=none` then answers a code silently while Conditional Access passes with the
 * session's methods (`interaction_required` when it asks for more), `login_required` without a live session of the
 * hinted user; no prompt skips the password, `prompt=login` asks again. `/logout`, revokeSignInSessions, disabling or
 * deleting the user, expiry end it; a forged cookie or one of another tenant is ignored. Driven over HTTP (the cookie
 * sent by hand, as a browser would); MSAL Browser's iframe is in the MSAL Browser suite.
 */
const { Client } = pg;
const TIMEOUT = 180_000;

describe('sign-in page: single sign-on sessions', () => {
  let t: TlsTestApp;
  let callback: Awaited<ReturnType<typeof startCallbackServer>>;
  let CALLBACK = '';
  beforeAll(async () => {
    t = await startTlsTestApp();
    callback = await startCallbackServer();
    CALLBACK = callback.url;
  }, TIMEOUT);
  afterAll(async () => {
    await callback?.close();
    await t?.close();
  }, TIMEOUT);

  const cookieName = (tenantId: string) => `graphdev_sso_${tenantId}`;

  /** The Set-Cookie line of the tenant's session cookie in a response (undefined: not set). */
  function sessionSetCookie(res: StepResponse, tenantId: string): string | undefined {
    return res.headers.getSetCookie().find((c) => c.startsWith(`${cookieName(tenantId)}=`));
  }

  /** `name=value` of the session cookie a completed sign-in set (fails the test when none). */
  function sessionCookie(res: StepResponse, tenantId: string): string {
    const line = sessionSetCookie(res, tenantId);
    if (!line) throw new Error(`no session cookie: ${res.headers.getSetCookie().join(' | ')}`);
    return line.split(';')[0];
  }

  /** Signs in with the password on the page: the 302 with the code and the session cookie. */
  async function interactive(tenantId: string, appId: string, upn: string, extra: Record<string, string> = {}) {
    const { url, verifier } = authorizeUrl(tenantId, appId, CALLBACK, extra);
    const done = await (await pageSignIn(t, url)).password(upn);
    return { res: done, code: codeOf(done), verifier, cookie: sessionCookie(done, tenantId) };
  }

  /** An authorize request sent with `cookie`. */
  async function authorizeWith(tenantId: string, appId: string, cookie: string | undefined, extra: Record<string, string> = {}) {
    const { url, verifier } = authorizeUrl(tenantId, appId, CALLBACK, { state: 'st', ...extra });
    const res = await rawFetch(t, url, cookie ? { headers: { cookie } } : {});
    return { res, verifier };
  }

  /** The error a redirect carries (`error`, the AADSTS number, `state`), or the status when there is no redirect. */
  function redirectError(res: StepResponse) {
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) return { status: res.status };
    const back = new URL(location);
    return {
      error: back.searchParams.get('error'),
      aadsts: /^AADSTS(\d+):/.exec(back.searchParams.get('error_description') ?? '')?.[1],
      state: back.searchParams.get('state'),
    };
  }

  const redeem = (tenantId: string, appId: string, code: string, verifier: string) =>
    redeemCode(t, tenantId, appId, CALLBACK, code, verifier, 'User.Read openid');

  async function withDb<T>(f: (db: pg.Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      return await f(db);
    } finally {
      await db.end();
    }
  }

  it(
    'an interactive sign-in sets the session cookie (HttpOnly, SameSite=None; Secure, stored hashed); prompt=none then answers a code silently, logged',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const first = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      const line = sessionSetCookie(first.res, x.tenantId)!;
      expect(line).toMatch(new RegExp(`^${cookieName(x.tenantId)}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=None; Secure$`));
      const value = first.cookie.split('=')[1];
      const stored = await withDb((db) => db.query('SELECT id_hash, user_id, methods FROM identity_platform_sso_sessions WHERE tenant_id = $1', [x.tenantId]));
      expect(stored.rows).toEqual([{ id_hash: createHash('sha256').update(value).digest('hex'), user_id: x.user.id, methods: ['password'] }]);
      const firstTokens = await redeem(x.tenantId, x.app.appId, first.code, first.verifier);

      for (const response_mode of ['query', 'fragment', 'form_post']) {
        const { res, verifier } = await authorizeWith(x.tenantId, x.app.appId, first.cookie, { prompt: 'none', response_mode });
        let code: string | null;
        if (response_mode === 'query') code = new URL(res.headers.get('location')!).searchParams.get('code');
        else if (response_mode === 'fragment') code = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1)).get('code');
        else code = /name="code" value="([^"]+)"/.exec(res.text)?.[1] ?? null;
        expect({ response_mode, code: typeof code }).toEqual({ response_mode, code: 'string' });
        // A silent sign-in keeps the session: no new session cookie.
        expect(sessionSetCookie(res, x.tenantId)).toBeUndefined();
        const tokens = await redeem(x.tenantId, x.app.appId, code!, verifier);
        expect(claimsOf(tokens.access_token)).toMatchObject({ oid: x.user.id, amr: ['pwd'] });
        // auth_time is the interactive sign-in's.
        expect(claimsOf(tokens.id_token).auth_time).toBe(claimsOf(firstTokens.id_token).auth_time);
      }
      // Without prompt, a session skips the password step too.
      const plain = await authorizeWith(x.tenantId, x.app.appId, first.cookie);
      expect(plain.res.status).toBe(302);
      expect(new URL(plain.res.headers.get('location')!).searchParams.get('code')).toBeTruthy();

      // Every silent sign-in is in the sign-in logs as an interactive one (1 + 3 + 1 successes).
      const logs = (await x.signIns()).filter((s) => s.appId === x.app.appId);
      expect(logs.map((s) => ({ ok: s.status.errorCode, interactive: s.isInteractive, user: s.userId }))).toEqual(
        Array(5).fill({ ok: 0, interactive: true, user: x.user.id }),
      );
      // The silent ones' steps are Entra's "Previously satisfied"; the first sign-in's is the password.
      expect(logs.map((s) => s.authenticationDetails[0].authenticationMethod)).toEqual([...Array(4).fill('Previously satisfied'), 'Password']);
      expect(logs[0].authenticationDetails[0].authenticationStepResultDetail).toBe('First factor requirement satisfied by claim in the token');
    },
    TIMEOUT,
  );

  it(
    'prompt=none without a session, with a forged cookie, an expired session or another tenant’s cookie: login_required (50058)',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const other = await loopTenant(t, CALLBACK);
      const expectLoginRequired = async (cookie: string | undefined, label: string) => {
        const { res } = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' });
        expect({ label, ...redirectError(res) }).toEqual({ label, error: 'login_required', aadsts: '50058', state: 'st' });
      };
      await expectLoginRequired(undefined, 'no cookie');
      await expectLoginRequired(`${cookieName(x.tenantId)}=${randomBytes(32).toString('base64url')}`, 'forged');
      await expectLoginRequired(`${cookieName(x.tenantId)}=not-a-session`, 'malformed');
      // Another tenant's session, under its own name or renamed to this tenant's: not a session here.
      const theirs = await interactive(other.tenantId, other.app.appId, other.user.userPrincipalName);
      await expectLoginRequired(theirs.cookie, 'other tenant, its name');
      await expectLoginRequired(`${cookieName(x.tenantId)}=${theirs.cookie.split('=')[1]}`, 'other tenant, renamed');
      // Still good in its own tenant.
      const { res } = await authorizeWith(other.tenantId, other.app.appId, theirs.cookie, { prompt: 'none' });
      expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();

      // Expired: the row is past its expiry (moved there in the database), and is deleted when next seen.
      const mine = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      await withDb((db) => db.query(`UPDATE identity_platform_sso_sessions SET expires_at = now() - interval '1 second' WHERE tenant_id = $1`, [x.tenantId]));
      await expectLoginRequired(mine.cookie, 'expired');
      const left = await withDb((db) => db.query('SELECT 1 FROM identity_platform_sso_sessions WHERE tenant_id = $1', [x.tenantId]));
      expect(left.rowCount).toBe(0);
      // Without prompt, no session: the page asks for the password.
      const page = await authorizeWith(x.tenantId, x.app.appId, mine.cookie);
      expect(page.res.status).toBe(200);
      expect(page.res.text).toContain('name="passwd"');
    },
    TIMEOUT,
  );

  it(
    'login_hint: the session’s user (UPN any case, or object id) is silent; another user is login_required for prompt=none, the page otherwise',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const second = await x.newUser();
      const { cookie } = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      for (const hint of [x.user.userPrincipalName.toUpperCase(), x.user.id]) {
        const { res } = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none', login_hint: hint });
        expect({ hint, code: !!new URL(res.headers.get('location')!).searchParams.get('code') }).toEqual({ hint, code: true });
      }
      const other = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none', login_hint: second.userPrincipalName });
      expect(redirectError(other.res)).toEqual({ error: 'login_required', aadsts: '50058', state: 'st' });
      const page = await authorizeWith(x.tenantId, x.app.appId, cookie, { login_hint: second.userPrincipalName });
      expect(page.res.status).toBe(200);
      expect(page.res.text).toContain(`value="${second.userPrincipalName}"`);
    },
    TIMEOUT,
  );

  it(
    'prompt=login and prompt=select_account show the page despite the session; signing in again replaces the session',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const first = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      for (const prompt of ['login', 'select_account']) {
        const { res } = await authorizeWith(x.tenantId, x.app.appId, first.cookie, { prompt });
        expect({ prompt, status: res.status, password: res.text.includes('name="passwd"') }).toEqual({ prompt, status: 200, password: true });
      }
      // prompt=login, the password again: a new session replaces the old one.
      const { url } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK, { prompt: 'login' });
      const again = await (await pageSignIn(t, url)).password(x.user.userPrincipalName);
      codeOf(again);
      const renewed = sessionCookie(again, x.tenantId);
      expect(renewed).not.toBe(first.cookie);
      const { res } = await authorizeWith(x.tenantId, x.app.appId, renewed, { prompt: 'none' });
      expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    },
    TIMEOUT,
  );

  it(
    'Conditional Access asks for MFA the session did not do: prompt=none is interaction_required (50076, logged); without prompt the page goes straight to the second factor, and the new session then passes silently',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      await x.enableTap();
      const pass = await x.addTap(x.user.id, false);
      const { cookie } = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      const policy = await x.policy();

      const silent = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' });
      expect(redirectError(silent.res)).toEqual({ error: 'interaction_required', aadsts: '50076', state: 'st' });
      const interrupted = (await x.signIns())[0];
      expect({ code: interrupted.status.errorCode, ca: interrupted.conditionalAccessStatus, interactive: interrupted.isInteractive }).toEqual({
        code: 50076,
        ca: 'failure',
        interactive: true,
      });
      expect(interrupted.appliedConditionalAccessPolicies.map((p: { id: string }) => p.id)).toContain(policy.id);

      // No prompt: no password asked, the second factor is (the session's cookie, a page of its own).
      const { url, verifier } = authorizeUrl(x.tenantId, x.app.appId, CALLBACK);
      const step = await rawFetch(t, url, { headers: { cookie } });
      expect(step.status).toBe(200);
      expect(step.text).toContain('name="otc"');
      expect(step.text).not.toContain('name="passwd"');
      const binding = /(graphdev_signin=[^;]+)/.exec(step.headers.get('set-cookie') ?? '')![1];
      const flowToken = /name="flowToken" value="([^"]+)"/.exec(step.text)![1];
      const done = await rawFetch(t, `/${x.tenantId}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${binding}; ${cookie}` },
        body: new URLSearchParams({ flowToken, otc: pass }).toString(),
      });
      const tokens = await redeem(x.tenantId, x.app.appId, codeOf(done), verifier);
      expect(claimsOf(tokens.access_token).amr).toEqual(expect.arrayContaining(['pwd', 'mfa']));
      const upgraded = sessionCookie(done, x.tenantId);
      // The old session was replaced (the browser sent it), the new one carries both methods.
      const rows = await withDb((db) => db.query('SELECT methods FROM identity_platform_sso_sessions WHERE tenant_id = $1', [x.tenantId]));
      expect(rows.rows.length).toBe(1);
      expect(rows.rows[0].methods).toEqual(expect.arrayContaining(['password']));
      expect(rows.rows[0].methods.length).toBe(2);
      expect(redirectError((await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' })).res)).toMatchObject({ error: 'login_required' });
      const after = await authorizeWith(x.tenantId, x.app.appId, upgraded, { prompt: 'none' });
      const silentTokens = await redeem(x.tenantId, x.app.appId, new URL(after.res.headers.get('location')!).searchParams.get('code')!, after.verifier);
      expect(claimsOf(silentTokens.access_token).amr).toEqual(expect.arrayContaining(['mfa']));
    },
    TIMEOUT,
  );

  it(
    'a Conditional Access block: prompt=none is interaction_required (53003); without prompt the block page, no code',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const { cookie } = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      await x.policy({ grantControls: { operator: 'OR', builtInControls: ['block'] } });
      const silent = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' });
      expect(redirectError(silent.res)).toEqual({ error: 'interaction_required', aadsts: '53003', state: 'st' });
      const page = await authorizeWith(x.tenantId, x.app.appId, cookie);
      expect({ status: page.res.status, aadsts: aadstsOf(page.res), location: page.res.headers.get('location') }).toEqual({
        status: 400,
        aadsts: 53003,
        location: null,
      });
    },
    TIMEOUT,
  );

  it(
    '/logout ends the session (row deleted, cookie cleared); the same cookie is then login_required',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const { cookie } = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      const out = await rawFetch(t, `/${x.tenantId}/oauth2/v2.0/logout`, { headers: { cookie } });
      expect(out.status).toBe(200);
      expect(sessionSetCookie(out, x.tenantId)).toBe(`${cookieName(x.tenantId)}=; Path=/; Max-Age=0; HttpOnly; SameSite=None; Secure`);
      const left = await withDb((db) => db.query('SELECT 1 FROM identity_platform_sso_sessions WHERE tenant_id = $1', [x.tenantId]));
      expect(left.rowCount).toBe(0);
      const { res } = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' });
      expect(redirectError(res)).toEqual({ error: 'login_required', aadsts: '50058', state: 'st' });
    },
    TIMEOUT,
  );

  it(
    'revokeSignInSessions, disabling and deleting the user end the session: login_required',
    async () => {
      const x = await loopTenant(t, CALLBACK);
      const expectEnded = async (cookie: string, label: string) => {
        const { res } = await authorizeWith(x.tenantId, x.app.appId, cookie, { prompt: 'none' });
        expect({ label, ...redirectError(res) }).toEqual({ label, error: 'login_required', aadsts: '50058', state: 'st' });
      };
      const revoked = await interactive(x.tenantId, x.app.appId, x.user.userPrincipalName);
      const revoke = await tlsCall(t, 'POST', `/v1.0/users/${x.user.id}/revokeSignInSessions`, x.admin);
      expect(revoke.status).toBe(200);
      await expectEnded(revoked.cookie, 'revoked');

      const second = await x.newUser();
      const disabled = await interactive(x.tenantId, x.app.appId, second.userPrincipalName);
      expect((await tlsCall(t, 'PATCH', `/v1.0/users/${second.id}`, x.admin, { accountEnabled: false })).status).toBe(204);
      await expectEnded(disabled.cookie, 'disabled');

      const third = await x.newUser();
      const deleted = await interactive(x.tenantId, x.app.appId, third.userPrincipalName);
      expect((await tlsCall(t, 'DELETE', `/v1.0/users/${third.id}`, x.admin)).status).toBe(204);
      await expectEnded(deleted.cookie, 'deleted');
      const rows = await withDb((db) => db.query('SELECT user_id FROM identity_platform_sso_sessions WHERE tenant_id = $1', [x.tenantId]));
      expect(rows.rows).toEqual([]);
    },
    TIMEOUT,
  );
});
