import { randomUUID } from 'node:crypto';
import { tlsCall } from './identity-platform.js';
import type { TlsTestApp } from './tls.js';
import { application } from './tokens.js';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const PASSWORD = 'Str0ng!Passw0rd';

/**
 * A tenant for interactive sign-in: an app registration with the redirect URIs given (web, spa, publicClient),
 * its principal, admin consent for `User.Read` (and whatever `consent` names), and a user with a password.
 */
export async function signInTenant(t: TlsTestApp, options: { web?: string[]; spa?: string[]; publicClient?: string[]; consent?: string; isFallbackPublicClient?: boolean } = {}) {
  const tenantId = randomUUID();
  const admin = application(t, ['Application.ReadWrite.All', 'Application.Read.All', 'User.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'], { tenantId });
  const body: Record<string, unknown> = { displayName: 'Web app', isFallbackPublicClient: options.isFallbackPublicClient ?? false };
  if (options.web) body.web = { redirectUris: options.web };
  if (options.spa) body.spa = { redirectUris: options.spa };
  if (options.publicClient) body.publicClient = { redirectUris: options.publicClient };
  const created = await tlsCall(t, 'POST', '/v1.0/applications', admin, body);
  expect(created.status).toBe(201);
  const app = created.body as { id: string; appId: string };
  const client = (await tlsCall(t, 'POST', '/v1.0/servicePrincipals', admin, { appId: app.appId })).body;
  const graph = (await tlsCall(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, admin)).body.value[0];
  const grant = await tlsCall(t, 'POST', '/v1.0/oauth2PermissionGrants', admin, { clientId: client.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: options.consent ?? 'User.Read' });
  expect(grant.status).toBe(201);
  const newUser = async (extra: Record<string, unknown> = {}) => {
    const n = `u${randomUUID().slice(0, 8)}`;
    const res = await tlsCall(t, 'POST', '/v1.0/users', admin, {
      accountEnabled: true,
      displayName: `User ${n}`,
      mailNickname: n,
      userPrincipalName: `${n}@contoso.test`,
      passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false },
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; userPrincipalName: string; displayName: string };
  };
  const user = await newUser();
  return { tenantId, admin, app, client, user, newUser };
}

/** A fetch to the test server that never follows redirects, with the test CA. */
export async function rawFetch(t: TlsTestApp, url: string, init: RequestInit = {}) {
  const res = await fetch(url.startsWith('http') ? url : `${t.url}${url}`, { redirect: 'manual', ...init, dispatcher: t.dispatcher } as RequestInit);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The hidden `flowToken` of a sign-in page. */
export function flowTokenOf(html: string): string {
  const m = /name="flowToken" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no flowToken in the page: ${html.slice(0, 500)}`);
  return m[1];
}

/** The `name=value` of the sign-in cookie a response sets. */
export function cookieOf(headers: Headers): string {
  const set = headers.get('set-cookie') ?? '';
  const m = /(graphdev_signin=[^;]+)/.exec(set);
  if (!m) throw new Error(`no sign-in cookie set: ${set}`);
  return m[1];
}

/** Posts a sign-in step as a browser without JavaScript would. */
export function postStep(t: TlsTestApp, tenant: string, cookie: string | undefined, form: Record<string, string>) {
  return rawFetch(t, `/${tenant}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
}

/** Authorize → page → credentials over plain HTTP; answers the final response (a 302 to the redirect URI, a page...). */
export async function signInOverHttp(t: TlsTestApp, authorizeUrl: string, loginfmt: string, passwd: string) {
  const page = await rawFetch(t, authorizeUrl);
  expect(page.status).toBe(200);
  const cookie = cookieOf(page.headers);
  const tenant = new URL(authorizeUrl, t.url).pathname.split('/')[1];
  return postStep(t, tenant, cookie, { flowToken: flowTokenOf(page.text), loginfmt, passwd });
}
