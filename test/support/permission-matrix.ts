import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';
import { call } from './http.js';
import { application, delegated, mint, PERSONAL_TENANT, TENANT_B } from './tokens.js';

/** A request to try, prepared fresh for each attempt (a DELETE needs a new target every time). */
export interface Attempt {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One route's expected permissions, written out independently of the code's @Permissions tables:
 * a combination that must pass, and what must not.
 */
export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Prepares the request against tenant A's data. */
  prepare: (t: TestApp) => Promise<Attempt>;
  /** Status of an allowed call. */
  success: number;
  /** Delegated scopes and directory roles that suffice, or 'none' when delegated access is refused. */
  delegated: { scopes: readonly string[]; roles: readonly string[]; insufficientScope: string } | 'none';
  /**
   * App roles that suffice; 'none' when application access is refused; 'me' for `/me` routes,
   * where an app holding the permission is told `/me` needs a user (400).
   */
  application: { roles: readonly string[]; insufficientRole: string } | 'none' | { me: readonly string[] };
  /** What another tenant's fully privileged caller gets: 404 for a target, or the given status. */
  otherTenant: number;
  /**
   * The 403 code for a missing scope, app role or directory role: `Authorization_RequestDenied` unless
   * the workload answers otherwise (Conditional Access: `AccessDenied`). Personal accounts keep the default.
   */
  deniedCode?: string;
}

type Check = { caller: string; token: (t: TestApp) => string | undefined; expect: number; code?: string };

/** Every caller tried on a route, with the answer Graph gives it. */
function checks(c: RouteCase): Check[] {
  const denied = c.deniedCode ?? 'Authorization_RequestDenied';
  const list: Check[] = [
    { caller: 'no token', token: () => undefined, expect: 401, code: 'InvalidAuthenticationToken' },
    { caller: 'a broken token', token: () => 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', expect: 401, code: 'InvalidAuthenticationToken' },
    { caller: 'an app with no roles', token: (t) => application(t, []), expect: 403, code: denied },
    { caller: 'a user with no scopes', token: (t) => delegated(t, [], ['Global Administrator']), expect: 403, code: denied },
  ];
  if (c.delegated !== 'none') {
    const d = c.delegated;
    list.push({ caller: 'a delegated caller with the permission', token: (t) => delegated(t, d.scopes, d.roles), expect: c.success });
    list.push({
      caller: 'a delegated caller with an insufficient scope',
      token: (t) => delegated(t, [d.insufficientScope], d.roles.length ? d.roles : ['Global Administrator']),
      expect: 403,
      code: denied,
    });
    if (d.roles.length) {
      list.push({ caller: 'a delegated caller without the directory role', token: (t) => delegated(t, d.scopes, []), expect: 403, code: denied });
    }
    list.push({
      caller: 'a personal Microsoft account',
      token: (t) => mint(t, { kind: 'delegated', tenantId: PERSONAL_TENANT, objectId: randomUUID(), scopes: [...d.scopes], directoryRoles: [...d.roles] }),
      expect: 403,
      code: 'Authorization_RequestDenied',
    });
    list.push({
      caller: 'another tenant (delegated, fully privileged)',
      token: (t) => delegated(t, d.scopes, d.roles, { tenantId: TENANT_B }),
      expect: c.otherTenant,
    });
  }
  if (c.application !== 'none' && 'me' in c.application) {
    const roles = c.application.me;
    list.push({ caller: 'an app on /me', token: (t) => application(t, roles), expect: 400, code: 'BadRequest' });
  } else if (c.application !== 'none') {
    const a = c.application;
    list.push({ caller: 'an app with the permission', token: (t) => application(t, a.roles), expect: c.success });
    list.push({ caller: 'an app with an insufficient role', token: (t) => application(t, [a.insufficientRole]), expect: 403, code: denied });
    list.push({ caller: 'another tenant (app, fully privileged)', token: (t) => application(t, a.roles, { tenantId: TENANT_B }), expect: c.otherTenant });
  } else {
    list.push({
      caller: 'an app with every role',
      token: (t) =>
        application(t, ['Directory.ReadWrite.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess']),
      expect: 403,
      code: 'Authorization_RequestDenied',
    });
  }
  return list;
}

/** Registers one jest test per (route, caller) pair. */
export function describePermissionMatrix(getApp: () => TestApp, cases: RouteCase[]): void {
  for (const c of cases) {
    describe(`${c.method} ${c.name}`, () => {
      for (const check of checks(c)) {
        it(check.caller, async () => {
          const t = getApp();
          const attempt = await c.prepare(t);
          const res = await call(t, c.method, attempt.path, { token: check.token(t), body: attempt.body, headers: attempt.headers });
          expect({ status: res.status, code: res.body?.error?.code }).toEqual({
            status: check.expect,
            code: check.code ?? (check.expect >= 400 ? expect.any(String) : undefined),
          });
        });
      }
    });
  }
}
