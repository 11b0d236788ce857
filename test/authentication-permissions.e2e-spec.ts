import { randomUUID } from 'node:crypto';
import { AuthenticationFixturesService } from '../src/authentication/fixtures/authentication-fixtures.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { enableTap } from './support/methods-policy.js';
import { call } from './support/http.js';
import { application, delegated, mint, PERSONAL_TENANT, TENANT_A, TENANT_B } from './support/tokens.js';
import { EMAIL_ID, newUser, PASSWORD_ID, PHONE, tokenOf, type TestUser } from './authentication-helpers.js';

/**
 * Who may call each authentication route, written out from graph-spec §2.3–§2.6 and DECISIONS §3
 * independently of the code's permission tables; every (route, caller) pair becomes a test.
 */
type Op = 'read' | 'write' | 'delete';

interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under `{u}/authentication`. */
  path: string;
  version?: 'v1.0' | 'beta';
  /** `<X>` of UserAuthMethod-<X>.*; null: only UserAuthenticationMethod.* */
  granular: string | null;
  op: Op;
  success: number;
  /** Users acting on themselves: allowed, or refused with 403 accessDenied. */
  self: 'allowed' | 'accessDenied';
  /** Application tokens supported. */
  app: boolean;
  body?: unknown;
}

const FIDO = '5e3d2c1b-0000-4000-8000-0000000000f1';
const AUTHENTICATOR = '5e3d2c1b-0000-4000-8000-0000000000a1';
const HELLO = '5e3d2c1b-0000-4000-8000-0000000000b1';
const PLATFORM = '5e3d2c1b-0000-4000-8000-0000000000c1';
const OATH = '5e3d2c1b-0000-4000-8000-0000000000d1';
const TAP = '5e3d2c1b-0000-4000-8000-0000000000e1';

const read = (path: string, granular: string | null, extra: Partial<RouteSpec> = {}): RouteSpec => ({
  method: 'GET',
  path,
  granular,
  op: 'read',
  success: 200,
  self: 'allowed',
  app: true,
  ...extra,
});
const del = (path: string, granular: string): RouteSpec => ({ method: 'DELETE', path, granular, op: 'delete', success: 204, self: 'allowed', app: true });

const ROUTES: RouteSpec[] = [
  read('', null),
  {
    method: 'POST',
    path: '',
    granular: null,
    op: 'write',
    success: 201,
    self: 'allowed',
    app: true,
    body: { '@odata.type': '#microsoft.graph.authentication' },
  },
  read('/methods', null),
  read(`/methods/${PASSWORD_ID}`, null),
  read('/phoneMethods', 'Phone'),
  read(`/phoneMethods/${PHONE.mobile}`, 'Phone'),
  {
    method: 'POST',
    path: '/phoneMethods',
    granular: 'Phone',
    op: 'write',
    success: 201,
    self: 'accessDenied',
    app: true,
    body: { phoneNumber: '+1 5555550123', phoneType: 'office' },
  },
  {
    method: 'PATCH',
    path: `/phoneMethods/${PHONE.mobile}`,
    granular: 'Phone',
    op: 'write',
    success: 204,
    self: 'accessDenied',
    app: true,
    body: { phoneNumber: '+1 5555550124' },
  },
  del(`/phoneMethods/${PHONE.mobile}`, 'Phone'),
  { method: 'POST', path: `/phoneMethods/${PHONE.mobile}/disableSmsSignIn`, granular: 'Phone', op: 'write', success: 204, self: 'allowed', app: true },
  { method: 'POST', path: `/phoneMethods/${PHONE.mobile}/enableSmsSignIn`, granular: 'Phone', op: 'write', success: 204, self: 'allowed', app: true },
  read('/emailMethods', 'Email'),
  read(`/emailMethods/${EMAIL_ID}`, 'Email'),
  {
    method: 'POST',
    path: '/emailMethods',
    granular: 'Email',
    op: 'write',
    success: 409,
    self: 'accessDenied',
    app: true,
    body: { emailAddress: 'new@contoso.com' },
  },
  {
    method: 'PATCH',
    path: `/emailMethods/${EMAIL_ID}`,
    granular: 'Email',
    op: 'write',
    success: 204,
    self: 'accessDenied',
    app: true,
    body: { emailAddress: 'new@contoso.com' },
  },
  del(`/emailMethods/${EMAIL_ID}`, 'Email'),
  read('/passwordMethods', 'Password'),
  read(`/passwordMethods/${PASSWORD_ID}`, 'Password'),
  read('/temporaryAccessPassMethods', 'TAP'),
  read(`/temporaryAccessPassMethods/${TAP}`, 'TAP'),
  { method: 'POST', path: '/temporaryAccessPassMethods', granular: 'TAP', op: 'write', success: 201, self: 'accessDenied', app: true, body: {} },
  del(`/temporaryAccessPassMethods/${TAP}`, 'TAP'),
  read('/fido2Methods', 'Passkey'),
  read(`/fido2Methods/${FIDO}`, 'Passkey'),
  del(`/fido2Methods/${FIDO}`, 'Passkey'),
  read('/microsoftAuthenticatorMethods', 'MicrosoftAuthApp'),
  read(`/microsoftAuthenticatorMethods/${AUTHENTICATOR}`, 'MicrosoftAuthApp'),
  del(`/microsoftAuthenticatorMethods/${AUTHENTICATOR}`, 'MicrosoftAuthApp'),
  read('/windowsHelloForBusinessMethods', 'WindowsHello'),
  read(`/windowsHelloForBusinessMethods/${HELLO}`, 'WindowsHello'),
  del(`/windowsHelloForBusinessMethods/${HELLO}`, 'WindowsHello'),
  read('/platformCredentialMethods', 'PlatformCred'),
  read(`/platformCredentialMethods/${PLATFORM}`, 'PlatformCred'),
  del(`/platformCredentialMethods/${PLATFORM}`, 'PlatformCred'),
  read('/softwareOathMethods', 'SoftwareOATH'),
  read(`/softwareOathMethods/${OATH}`, 'SoftwareOATH'),
  del(`/softwareOathMethods/${OATH}`, 'SoftwareOATH'),
  // longRunningOperation: delegated only (older Graph page).
  read('/operations', null, { app: false }),
  read('/signInPreferences', null, { version: 'beta' }),
  {
    method: 'PATCH',
    path: '/signInPreferences',
    version: 'beta',
    granular: null,
    op: 'write',
    success: 204,
    self: 'allowed',
    app: true,
    body: { isSystemPreferredAuthenticationMethodEnabled: false },
  },
];

const WRITE_ROLES = ['Authentication Administrator', 'Privileged Authentication Administrator'];
const READ_ROLES = ['Global Reader', ...WRITE_ROLES];

/** The least privileged broad scope that suffices for another user / for oneself. */
const broadOther = (op: Op) => (op === 'read' ? 'UserAuthenticationMethod.Read.All' : 'UserAuthenticationMethod.ReadWrite.All');
const broadSelf = (op: Op) => (op === 'read' ? 'UserAuthenticationMethod.Read' : 'UserAuthenticationMethod.ReadWrite');

interface Caller {
  name: string;
  /** Token for the target user `u` (the self forms sign in as `u`). */
  token: (t: TestApp, u: TestUser) => string | undefined;
  /** Use `/me` rather than `/users/{id}`. */
  me?: boolean;
  status: number;
  code?: string;
}

function callers(r: RouteSpec): Caller[] {
  const ok = (name: string, token: Caller['token'], me = false): Caller => ({ name, token, me, status: r.success });
  const denied = (name: string, token: Caller['token'], me = false, code = 'Authorization_RequestDenied'): Caller => ({ name, token, me, status: 403, code });
  const list: Caller[] = [
    { name: 'no token', token: () => undefined, status: 401, code: 'InvalidAuthenticationToken' },
    denied('an app without roles', (t) => application(t, [])),
    denied('a delegated admin without scopes', (t) => delegated(t, [], ['Global Administrator'])),
    denied('a personal account with every scope', (t) =>
      mint(t, {
        kind: 'delegated',
        tenantId: PERSONAL_TENANT,
        objectId: randomUUID(),
        scopes: ['UserAuthenticationMethod.ReadWrite.All'],
        directoryRoles: WRITE_ROLES,
      }),
    ),
    {
      name: 'another tenant, fully privileged',
      token: (t) => delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Global Administrator'], { tenantId: TENANT_B }),
      status: 404,
      code: 'Request_ResourceNotFound',
    },
    denied('a delegated caller with the self-only scope on another user', (t) => delegated(t, [broadSelf(r.op)], ['Privileged Authentication Administrator'])),
    denied('a delegated caller with the scope but no admin role', (t) => delegated(t, [broadOther(r.op)], ['User Administrator'])),
    // Where Graph offers no self-service at all, that answer comes first, whatever the scopes.
    denied(
      'the user themself without a scope',
      (t, u) => tokenOf(t, u, ['User.Read']),
      true,
      r.self === 'allowed' ? 'Authorization_RequestDenied' : 'accessDenied',
    ),
  ];
  for (const role of READ_ROLES) {
    const allowed = r.op === 'read' || WRITE_ROLES.includes(role);
    list.push((allowed ? ok : denied)(`delegated ${broadOther(r.op)} + ${role}`, (t) => delegated(t, [broadOther(r.op)], [role])));
  }
  list.push(ok('delegated + Global Administrator', (t) => delegated(t, [broadOther(r.op)], ['Global Administrator'])));
  if (r.op !== 'read') {
    list.push(denied('delegated read scope for a write, with the roles', (t) => delegated(t, ['UserAuthenticationMethod.Read.All'], WRITE_ROLES)));
  }
  if (r.granular) {
    const suffix = r.op === 'read' ? '.Read.All' : '.ReadWrite.All';
    list.push(
      ok(`delegated UserAuthMethod-${r.granular}${suffix} + Authentication Administrator`, (t) =>
        delegated(t, [`UserAuthMethod-${r.granular}${suffix}`], ['Authentication Administrator']),
      ),
    );
    list.push(
      denied("another family's granular scope", (t) =>
        delegated(t, [`UserAuthMethod-${r.granular === 'Phone' ? 'Email' : 'Phone'}${suffix}`], ['Authentication Administrator']),
      ),
    );
  }

  // Applications.
  if (r.app) {
    list.push(ok(`an app with ${broadOther(r.op)}`, (t) => application(t, [broadOther(r.op)])));
    if (r.op !== 'read') list.push(denied('an app with only Read.All for a write', (t) => application(t, ['UserAuthenticationMethod.Read.All'])));
    if (r.granular) {
      const suffix = r.op === 'read' ? '.Read.All' : '.ReadWrite.All';
      list.push(ok(`an app with UserAuthMethod-${r.granular}${suffix}`, (t) => application(t, [`UserAuthMethod-${r.granular}${suffix}`])));
    }
    if (r.op === 'delete')
      list.push(ok('an app with the delete-only UserAuthenticationMethod.Delete.All', (t) => application(t, ['UserAuthenticationMethod.Delete.All'])));
    list.push({ name: 'an app on /me', token: (t) => application(t, [broadOther(r.op)]), me: true, status: 400, code: 'BadRequest' });
  } else {
    list.push(denied('an app with every role', (t) => application(t, ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthenticationMethod.Read.All'])));
  }

  // The user themself.
  const selfOk = r.self === 'allowed';
  const selfCaller = (name: string, scopes: string[]) =>
    selfOk ? ok(name, (t, u) => tokenOf(t, u, scopes), true) : denied(name, (t, u) => tokenOf(t, u, scopes), true, 'accessDenied');
  list.push(selfCaller(`self on /me with ${broadSelf(r.op)}`, [broadSelf(r.op)]));
  if (r.granular) {
    const suffix = r.op === 'read' ? '.Read' : '.ReadWrite';
    list.push(selfCaller(`self on /me with UserAuthMethod-${r.granular}${suffix}`, [`UserAuthMethod-${r.granular}${suffix}`]));
  }
  if (r.op !== 'read') {
    list.push(
      denied(
        'self on /me with only a read scope',
        (t, u) => tokenOf(t, u, ['UserAuthenticationMethod.Read']),
        true,
        selfOk ? 'Authorization_RequestDenied' : 'accessDenied',
      ),
    );
  }
  return list;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableTap(t);
});
afterAll(() => t?.close());

/** A fresh user with one method of every family, so every route has something to act on. */
async function target(): Promise<TestUser> {
  const user = await newUser(t);
  await t.app.get(AuthenticationFixturesService).load(TENANT_A, {
    users: [
      {
        id: user.id,
        userPrincipalName: user.upn,
        methods: [
          { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneNumber: '+1 5555550100', phoneType: 'mobile' },
          { '@odata.type': '#microsoft.graph.emailAuthenticationMethod', emailAddress: 'kim@contoso.com' },
          { '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod', id: TAP, lifetimeInMinutes: 60 },
          { '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: FIDO, displayName: 'key' },
          { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: AUTHENTICATOR, displayName: 'phone' },
          { '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod', id: HELLO, displayName: 'pc', keyStrength: 'normal' },
          { '@odata.type': '#microsoft.graph.platformCredentialAuthenticationMethod', id: PLATFORM, displayName: 'mac', platform: 'macOS' },
          { '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod', id: OATH },
        ],
      },
    ],
  });
  return user;
}

for (const route of ROUTES) {
  const version = route.version ?? 'v1.0';
  describe(`${route.method} /${version}/{u}/authentication${route.path}`, () => {
    it.each(callers(route).map((c) => [c.name, c] as const))('%s', async (_name, caller) => {
      const user = await target();
      const path = `/${version}${caller.me ? '/me' : `/users/${user.id}`}/authentication${route.path}`;
      const res = await call(t, route.method, path, { token: caller.token(t, user), body: route.body });
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({
        status: caller.status,
        code: caller.code ?? (caller.status >= 400 ? expect.any(String) : undefined),
      });
    });
  });
}

describe('POST /v1.0/users/{id}/authentication/methods/{passwordId}/resetPassword (graph-spec §2.6.5)', () => {
  const resetCallers: [string, (t: TestApp, u: TestUser) => string | undefined, boolean, number, string?][] = [
    ['no token', () => undefined, false, 401, 'InvalidAuthenticationToken'],
    ...[
      'Authentication Administrator',
      'Privileged Authentication Administrator',
      'User Administrator',
      'Helpdesk Administrator',
      'Password Administrator',
      'Global Administrator',
    ].map(
      (role) =>
        [`delegated ReadWrite.All + ${role}`, (t: TestApp) => delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], [role]), false, 202, undefined] as [
          string,
          (t: TestApp) => string,
          boolean,
          number,
          undefined,
        ],
    ),
    [
      'delegated ReadWrite.All + Global Reader',
      (t) => delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Global Reader']),
      false,
      403,
      'Authorization_RequestDenied',
    ],
    [
      'delegated Read.All + Privileged Authentication Administrator',
      (t) => delegated(t, ['UserAuthenticationMethod.Read.All'], ['Privileged Authentication Administrator']),
      false,
      403,
      'Authorization_RequestDenied',
    ],
    ['an app with ReadWrite.All (not supported)', (t) => application(t, ['UserAuthenticationMethod.ReadWrite.All']), false, 403, 'Authorization_RequestDenied'],
    [
      'a personal account',
      (t) =>
        mint(t, {
          kind: 'delegated',
          tenantId: PERSONAL_TENANT,
          objectId: randomUUID(),
          scopes: ['UserAuthenticationMethod.ReadWrite.All'],
          directoryRoles: WRITE_ROLES,
        }),
      false,
      403,
      'Authorization_RequestDenied',
    ],
    [
      'another tenant, fully privileged',
      (t) => delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Global Administrator'], { tenantId: TENANT_B }),
      false,
      404,
      'Request_ResourceNotFound',
    ],
    [
      'self on /me, even as an admin',
      (t, u) => tokenOf(t, u, ['UserAuthenticationMethod.ReadWrite.All'], ['Privileged Authentication Administrator']),
      true,
      403,
      'accessDenied',
    ],
    [
      'self by own id, even as an admin',
      (t, u) => tokenOf(t, u, ['UserAuthenticationMethod.ReadWrite.All'], ['Global Administrator']),
      false,
      403,
      'accessDenied',
    ],
  ];
  it.each(resetCallers)('%s', async (_name, token, me, status, code) => {
    const user = await newUser(t);
    const path = `/v1.0${me ? '/me' : `/users/${user.id}`}/authentication/methods/${PASSWORD_ID}/resetPassword`;
    const res = await call(t, 'POST', path, { token: token(t, user), body: {} });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code: code ?? (status >= 400 ? expect.any(String) : undefined) });
  });
});

describe('GET/PATCH /beta/{u}/authentication/requirements (Policy.* permissions, graph-spec §2.3)', () => {
  const cases: [string, 'GET' | 'PATCH', (t: TestApp, u: TestUser) => string, boolean, number][] = [
    ['delegated Policy.Read.All + Global Reader', 'GET', (t) => delegated(t, ['Policy.Read.All'], ['Global Reader']), false, 200],
    [
      'delegated Policy.Read.All + Authentication Policy Administrator',
      'GET',
      (t) => delegated(t, ['Policy.Read.All'], ['Authentication Policy Administrator']),
      false,
      200,
    ],
    ['delegated Policy.Read.All without a role', 'GET', (t) => delegated(t, ['Policy.Read.All']), false, 403],
    ['self with Policy.Read.All', 'GET', (t, u) => tokenOf(t, u, ['Policy.Read.All']), true, 200],
    ['app Policy.Read.All', 'GET', (t) => application(t, ['Policy.Read.All']), false, 200],
    ['app UserAuthenticationMethod.ReadWrite.All', 'GET', (t) => application(t, ['UserAuthenticationMethod.ReadWrite.All']), false, 403],
    [
      'delegated Policy.ReadWrite.AuthenticationMethod + Authentication Policy Administrator',
      'PATCH',
      (t) => delegated(t, ['Policy.ReadWrite.AuthenticationMethod'], ['Authentication Policy Administrator']),
      false,
      204,
    ],
    [
      'delegated Policy.Read.All + Authentication Policy Administrator',
      'PATCH',
      (t) => delegated(t, ['Policy.Read.All'], ['Authentication Policy Administrator']),
      false,
      403,
    ],
    [
      'delegated Policy.ReadWrite.AuthenticationMethod + Global Reader',
      'PATCH',
      (t) => delegated(t, ['Policy.ReadWrite.AuthenticationMethod'], ['Global Reader']),
      false,
      403,
    ],
    ['self with Policy.ReadWrite.AuthenticationMethod', 'PATCH', (t, u) => tokenOf(t, u, ['Policy.ReadWrite.AuthenticationMethod']), true, 204],
    ['app Policy.ReadWrite.AuthenticationMethod', 'PATCH', (t) => application(t, ['Policy.ReadWrite.AuthenticationMethod']), false, 204],
    ['app Policy.Read.All', 'PATCH', (t) => application(t, ['Policy.Read.All']), false, 403],
  ];
  it.each(cases)('%s: %s', async (_name, method, token, me, status) => {
    const user = await newUser(t);
    const path = `/beta${me ? '/me' : `/users/${user.id}`}/authentication/requirements`;
    const res = await call(t, method, path, { token: token(t, user), body: method === 'PATCH' ? { perUserMfaState: 'enforced' } : undefined });
    expect(res.status).toBe(status);
  });
});
