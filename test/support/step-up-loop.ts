import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { tlsCall } from './identity-platform.js';
import { cookieOf, flowTokenOf, PASSWORD, postStep, rawFetch, signInTenant } from './sign-in.js';
import type { TlsTestApp } from './tls.js';
import { application, delegated } from './tokens.js';

export const CA = '/v1.0/identity/conditionalAccess';
const CONFIGURATIONS = '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations';
const ALL_USERS = { id: 'all_users', targetType: 'group', isRegistrationRequired: false };

/** A page's outcome, as the tests read it. */
export interface StepResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The AADSTS number an error page or a step's error shows (`undefined`: none). */
export function aadstsOf(page: StepResponse): number | undefined {
  const m = /id="errorCode">AADSTS(\d+)/.exec(page.text) ?? /data-aadsts="(\d+)"/.exec(page.text);
  return m ? Number(m[1]) : undefined;
}

/** The authorization code in a 302 to the redirect URI (throws with the page when there is none). */
export function codeOf(page: StepResponse): string {
  const location = page.headers.get('location');
  if (page.status !== 302 || !location) throw new Error(`no redirect with a code: ${page.status} ${page.text.slice(0, 800)}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

/**
 * A tenant for the sign-in page with Conditional Access: `signInTenant`'s app (public client, `redirect`) and user,
 * plus an admin for policies, methods policy and users' methods, all through Graph's routes as a client would.
 */
export async function loopTenant(t: TlsTestApp, redirect: string, options: { consent?: string; isFallbackPublicClient?: boolean } = {}) {
  const base = await signInTenant(t, { publicClient: [redirect], ...options });
  const { tenantId } = base;
  const caAdmin = application(
    t,
    ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'AuthenticationContext.ReadWrite.All', 'RoleManagement.ReadWrite.Directory'],
    {
      tenantId,
    },
  );
  const methodsAdmin = application(t, ['Policy.ReadWrite.AuthenticationMethod'], { tenantId });
  const userAdmin = delegated(
    t,
    ['UserAuthenticationMethod.ReadWrite.All', 'User.ReadWrite.All'],
    ['Privileged Authentication Administrator', 'User Administrator'],
    { tenantId },
  );
  const reader = application(t, ['AuditLog.Read.All', 'Directory.Read.All'], { tenantId });

  const configure = async (id: string, type: string, extra: Record<string, unknown> = {}) => {
    const res = await tlsCall(t, 'PATCH', `${CONFIGURATIONS}/${id}`, methodsAdmin, {
      '@odata.type': `#microsoft.graph.${type}`,
      state: 'enabled',
      includeTargets: [ALL_USERS],
      ...extra,
    });
    expect({ id, status: res.status, error: res.body?.error }).toEqual({ id, status: 204, error: undefined });
  };

  return {
    ...base,
    caAdmin,
    reader,
    enableTap: () => configure('TemporaryAccessPass', 'temporaryAccessPassAuthenticationMethodConfiguration'),
    enableSms: () => configure('Sms', 'smsAuthenticationMethodConfiguration', { includeTargets: [{ ...ALL_USERS, isUsableForSignIn: false }] }),
    enableEmail: () => configure('Email', 'emailAuthenticationMethodConfiguration'),
    /** A Temporary Access Pass for `userId` through Graph's TAP route; answers the pass. */
    async addTap(userId: string, isUsableOnce = true): Promise<string> {
      const res = await tlsCall(t, 'POST', `/v1.0/users/${userId}/authentication/temporaryAccessPassMethods`, userAdmin, { isUsableOnce });
      expect({ status: res.status, error: res.body?.error }).toEqual({ status: 201, error: undefined });
      return res.body.temporaryAccessPass as string;
    },
    async addPhone(userId: string): Promise<string> {
      const phone = `+1 425555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
      const res = await tlsCall(t, 'POST', `/v1.0/users/${userId}/authentication/phoneMethods`, userAdmin, { phoneNumber: phone, phoneType: 'mobile' });
      expect(res.status).toBe(201);
      return phone;
    },
    async addEmail(userId: string): Promise<string> {
      const address = `m${randomUUID().slice(0, 8)}@mail.contoso.test`;
      const res = await tlsCall(t, 'POST', `/v1.0/users/${userId}/authentication/emailMethods`, userAdmin, { emailAddress: address });
      expect(res.status).toBe(201);
      return address;
    },
    /** A Conditional Access policy (all users, this app unless `conditions` say otherwise; MFA unless `grantControls`). */
    async policy(body: { state?: string; conditions?: Record<string, unknown>; grantControls?: Record<string, unknown> } = {}) {
      const res = await tlsCall(t, 'POST', `${CA}/policies`, caAdmin, {
        displayName: `Policy ${randomUUID().slice(0, 8)}`,
        state: body.state ?? 'enabled',
        conditions: { clientAppTypes: ['all'], applications: { includeApplications: [base.app.appId] }, users: { includeUsers: ['All'] }, ...body.conditions },
        grantControls: body.grantControls ?? { operator: 'OR', builtInControls: ['mfa'] },
      });
      expect({ status: res.status, error: res.body?.error }).toEqual({ status: 201, error: undefined });
      return res.body as { id: string; displayName: string };
    },
    /** The newest code the development outbox holds for `to`. */
    async outboxCode(to: string): Promise<string> {
      const res = await fetch(`${t.url}/${tenantId}/dev/outbox?to=${encodeURIComponent(to)}`, { dispatcher: t.dispatcher } as RequestInit);
      const body = (await res.json()) as { value: { code: string }[] };
      expect(body.value.length).toBeGreaterThan(0);
      return body.value[0].code;
    },
    /** The tenant's sign-in logs (beta: with authenticationDetails), newest first. */
    async signIns(version: 'v1.0' | 'beta' = 'beta') {
      const res = await tlsCall(t, 'GET', `/${version}/auditLogs/signIns`, reader);
      expect(res.status).toBe(200);
      return res.body.value as Record<string, any>[];
    },
  };
}

/** A sign-in driven over HTTP as a browser without JavaScript: the authorize page, then each step's form post. */
export async function pageSignIn(t: TlsTestApp, authorizeUrl: string) {
  const page = await rawFetch(t, authorizeUrl);
  expect(page.status).toBe(200);
  const cookie = cookieOf(page.headers);
  const tenant = new URL(authorizeUrl, t.url).pathname.split('/')[1];
  const flowToken = flowTokenOf(page.text);
  return {
    password: (loginfmt: string, passwd = PASSWORD): Promise<StepResponse> => postStep(t, tenant, cookie, { flowToken, loginfmt, passwd }),
    otc: (otc: string): Promise<StepResponse> => postStep(t, tenant, cookie, { flowToken, otc }),
    choose: (method: string): Promise<StepResponse> => postStep(t, tenant, cookie, { flowToken, method }),
  };
}

/** An authorize URL for the public client with PKCE (S256), and the verifier to redeem its code with. */
export function authorizeUrl(tenantId: string, appId: string, redirect: string, extra: Record<string, string> = {}): { url: string; verifier: string } {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: appId,
    response_type: 'code',
    redirect_uri: redirect,
    scope: 'User.Read openid offline_access',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url: `/${tenantId}/oauth2/v2.0/authorize?${q}`, verifier };
}
