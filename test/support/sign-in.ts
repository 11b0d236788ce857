import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import { tlsCall, tokenRequest } from './identity-platform.js';
import type { TlsTestApp } from './tls.js';
import { application } from './tokens.js';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const PASSWORD = 'Str0ng!Passw0rd';

/** How `signInTenant` shapes its tenant; every option defaults to the interactive sign-in's web app. */
export interface SignInTenantOptions {
  /** The app registration's name ('Web app'). */
  displayName?: string;
  /** Redirect URIs by platform. */
  web?: string[];
  spa?: string[];
  publicClient?: string[];
  /** "Allow public client flows" (false). */
  isFallbackPublicClient?: boolean;
  /** The delegated scopes consented for every user on Microsoft Graph ('User.Read'); null: no consent at all. */
  consent?: string | null;
  /** Application permissions of the admin token beyond those the set-up itself needs. */
  adminPermissions?: string[];
  /** Built-in directory role (template) ids assigned to the first user. */
  userRoles?: string[];
}

export type TenantUser = { id: string; userPrincipalName: string; displayName: string };

/**
 * A tenant for user sign-in (interactive or the password grant): an app registration, its principal, admin consent
 * for `User.Read` (or whatever `consent` names) on Microsoft Graph, and a user with a password (`PASSWORD`);
 * `newUser` adds more, `passwordGrant` asks the token endpoint for a user's token with the password grant.
 */
export async function signInTenant(t: TlsTestApp, options: SignInTenantOptions = {}) {
  const tenantId = randomUUID();
  const roles = options.userRoles ?? [];
  const permissions = ['Application.ReadWrite.All', 'Application.Read.All', 'User.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'];
  if (roles.length) permissions.push('RoleManagement.ReadWrite.Directory');
  const admin = application(t, [...new Set([...permissions, ...(options.adminPermissions ?? [])])], { tenantId });
  const body: Record<string, unknown> = { displayName: options.displayName ?? 'Web app', isFallbackPublicClient: options.isFallbackPublicClient ?? false };
  if (options.web) body.web = { redirectUris: options.web };
  if (options.spa) body.spa = { redirectUris: options.spa };
  if (options.publicClient) body.publicClient = { redirectUris: options.publicClient };
  const created = await tlsCall(t, 'POST', '/v1.0/applications', admin, body);
  expect(created.status).toBe(201);
  const app = created.body as { id: string; appId: string };
  const client = (await tlsCall(t, 'POST', '/v1.0/servicePrincipals', admin, { appId: app.appId })).body;
  const graph = (await tlsCall(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, admin)).body.value[0];
  if (options.consent !== null) {
    const grant = await tlsCall(t, 'POST', '/v1.0/oauth2PermissionGrants', admin, {
      clientId: client.id,
      consentType: 'AllPrincipals',
      resourceId: graph.id,
      scope: options.consent ?? 'User.Read',
    });
    expect(grant.status).toBe(201);
  }
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
    return res.body as TenantUser;
  };
  const user = await newUser();
  for (const roleDefinitionId of roles) {
    const role = await tlsCall(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', admin, {
      principalId: user.id,
      roleDefinitionId,
      directoryScopeId: '/',
    });
    expect(role.status).toBe(201);
  }
  /** `grant_type=password` for this app: `PASSWORD` and `User.Read offline_access` unless told; `form` adds or overrides fields. */
  const passwordGrant = (username: string, o: { password?: string; scope?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) =>
    tokenRequest(
      t,
      tenantId,
      { grant_type: 'password', client_id: app.appId, username, password: o.password ?? PASSWORD, scope: o.scope ?? 'User.Read offline_access', ...o.form },
      o.headers,
    );
  return { tenantId, admin, app, client, user, newUser, passwordGrant };
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

/** Where a native app would listen for the redirect: a local server answering 200 on any path; its `/cb` URL. */
export async function startCallbackServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/cb`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Redeems a page's authorization code as the public client with PKCE; fails the test unless Entra answers 200. */
export async function redeemCode(t: TlsTestApp, tenantId: string, appId: string, redirectUri: string, code: string, verifier: string, scope = 'User.Read') {
  const res = await tokenRequest(t, tenantId, {
    grant_type: 'authorization_code',
    client_id: appId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope,
  });
  expect({ status: res.status, error: res.body.error_description }).toEqual({ status: 200, error: undefined });
  return res.body as { access_token: string; refresh_token: string; /** when `openid` was asked */ id_token: string };
}
