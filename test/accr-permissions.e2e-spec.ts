import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated, PERSONAL_TENANT, TENANT_A } from './support/tokens.js';

/*
 * The permission matrix of authenticationContextClassReferences, written out again from DECISIONS §2
 * (not imported from src/), so a change to the production tables has to be made twice on purpose.
 */
const READ_PERMISSIONS = [
  'AuthenticationContext.Read.All',
  'AuthenticationContext.ReadWrite.All',
  'Policy.Read.ConditionalAccess',
  'Policy.ReadWrite.ConditionalAccess',
];
const WRITE_PERMISSIONS = ['AuthenticationContext.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess'];
/** Near misses and unrelated permissions: never enough. */
const OTHER_PERMISSIONS = ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod', 'Directory.ReadWrite.All', 'User.Read.All'];

const READ_ROLES = [
  'Global Administrator',
  'Global Reader',
  'Security Reader',
  'Security Administrator',
  'Conditional Access Administrator',
  'Global Secure Access Administrator',
];
const WRITE_ROLES = ['Global Administrator', 'Security Administrator', 'Conditional Access Administrator'];
const OTHER_ROLES = [
  'Authentication Policy Administrator',
  'Authentication Administrator',
  'Privileged Authentication Administrator',
  'User Administrator',
  'Helpdesk Administrator',
  'User',
];

const PATH = '/identity/conditionalAccess/authenticationContextClassReferences';
const V1 = `/v1.0${PATH}`;
const BETA = `/beta${PATH}`;

interface Operation {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  write: boolean;
  /** Statuses that mean "authorized" (the outcome after the guard depends on earlier cases). */
  ok: number[];
}

const OPERATIONS: Operation[] = [
  { name: 'list', method: 'GET', path: V1, write: false, ok: [200] },
  { name: 'get', method: 'GET', path: `${BETA}/c1`, write: false, ok: [200] },
  { name: 'create (POST)', method: 'POST', path: V1, body: { id: 'c2' }, write: true, ok: [201, 409] },
  { name: 'create or update (PATCH collection)', method: 'PATCH', path: BETA, body: { id: 'c3' }, write: true, ok: [200, 201] },
  { name: 'create or update (PATCH /{id})', method: 'PATCH', path: `${V1}/c4`, body: { displayName: 'x' }, write: true, ok: [204] },
  // c5 never exists: 404 proves the guard let the call through.
  { name: 'delete', method: 'DELETE', path: `${V1}/c5`, write: true, ok: [404] },
];

type TokenSpec =
  { kind: 'none' } | { kind: 'application'; roles: string[]; tenantId?: string } | { kind: 'delegated'; scopes: string[]; roles: string[]; tenantId?: string };

interface Case {
  label: string;
  token: TokenSpec;
  allowed: boolean;
}

function casesFor(op: Operation): Case[] {
  const accepted = op.write ? WRITE_PERMISSIONS : READ_PERMISSIONS;
  const roles = op.write ? WRITE_ROLES : READ_ROLES;
  const anyRole = 'Conditional Access Administrator';
  const anyScope = 'Policy.ReadWrite.ConditionalAccess';
  const cases: Case[] = [
    { label: 'no token', token: { kind: 'none' }, allowed: false },
    { label: 'application without roles', token: { kind: 'application', roles: [] }, allowed: false },
    { label: 'delegated with scope but no directory role', token: { kind: 'delegated', scopes: [anyScope], roles: [] }, allowed: false },
    { label: 'delegated with role but no scope', token: { kind: 'delegated', scopes: ['User.Read'], roles: [anyRole] }, allowed: false },
    {
      label: 'personal account (delegated, scope and role)',
      token: { kind: 'delegated', scopes: [anyScope], roles: [anyRole], tenantId: PERSONAL_TENANT },
      allowed: false,
    },
    {
      label: 'personal-account tenant (application)',
      token: { kind: 'application', roles: [anyScope], tenantId: PERSONAL_TENANT },
      allowed: false,
    },
    {
      label: 'names compare case-insensitively',
      token: { kind: 'delegated', scopes: [anyScope.toLowerCase()], roles: [anyRole] },
      allowed: true,
    },
  ];
  for (const p of [...READ_PERMISSIONS, ...OTHER_PERMISSIONS]) {
    const allowed = accepted.includes(p);
    cases.push({ label: `application ${p}`, token: { kind: 'application', roles: [p] }, allowed });
    cases.push({ label: `delegated ${p} + ${anyRole}`, token: { kind: 'delegated', scopes: [p], roles: [anyRole] }, allowed });
  }
  for (const r of [...READ_ROLES, ...OTHER_ROLES]) {
    cases.push({ label: `delegated ${anyScope} + ${r}`, token: { kind: 'delegated', scopes: [anyScope], roles: [r] }, allowed: roles.includes(r) });
  }
  return cases;
}

const MATRIX = OPERATIONS.flatMap((op) => casesFor(op).map((c) => [`${op.name}: ${c.label}`, op, c] as const));

describe('authenticationContextClassReferences: permission matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = application(t, ['Policy.ReadWrite.ConditionalAccess'], { tenantId: TENANT_A });
    expect((await call(t, 'POST', V1, { token: admin, body: { id: 'c1' } })).status).toBe(201);
  });
  afterAll(() => t?.close());

  const tokenOf = (spec: TokenSpec): string | undefined => {
    if (spec.kind === 'none') return undefined;
    const extra = { tenantId: spec.tenantId ?? TENANT_A };
    return spec.kind === 'application' ? application(t, spec.roles, extra) : delegated(t, spec.scopes, spec.roles, extra);
  };

  it('covers every operation with allowed and denied callers', () => {
    for (const op of OPERATIONS) {
      const cases = casesFor(op);
      expect(cases.some((c) => c.allowed)).toBe(true);
      expect(cases.filter((c) => !c.allowed).length).toBeGreaterThan(5);
    }
  });

  it.each(MATRIX)('%s', async (_label, op, c) => {
    const res = await call(t, op.method, op.path, { token: tokenOf(c.token), body: op.body });
    if (c.allowed) {
      expect(op.ok).toContain(res.status);
    } else if (c.token.kind === 'none') {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('InvalidAuthenticationToken');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('Authorization_RequestDenied');
    }
  });

  it('Policy.Read.ConditionalAccess reads but can never delete, and a denied write changes nothing', async () => {
    const admin = application(t, ['Policy.ReadWrite.ConditionalAccess']);
    await call(t, 'PATCH', `${V1}/c6`, { token: admin, body: { isAvailable: false } });
    for (const token of [
      application(t, ['Policy.Read.ConditionalAccess']),
      delegated(t, ['Policy.Read.ConditionalAccess'], ['Conditional Access Administrator']),
    ]) {
      expect((await call(t, 'GET', `${V1}/c6`, { token })).status).toBe(200);
      expect((await call(t, 'DELETE', `${V1}/c6`, { token })).status).toBe(403);
      expect((await call(t, 'PATCH', `${V1}/c6`, { token, body: { displayName: 'nope' } })).status).toBe(403);
      expect((await call(t, 'POST', V1, { token, body: { id: 'c7' } })).status).toBe(403);
    }
    expect((await call(t, 'GET', `${V1}/c6`, { token: admin })).body).toMatchObject({ id: 'c6', displayName: null });
    expect((await call(t, 'GET', `${V1}/c7`, { token: admin })).status).toBe(404);
  });

  it('a Global Reader reads but cannot write; a Security Administrator does both', async () => {
    const reader = delegated(t, ['Policy.ReadWrite.ConditionalAccess'], ['Global Reader']);
    expect((await call(t, 'GET', V1, { token: reader })).status).toBe(200);
    expect((await call(t, 'PATCH', V1, { token: reader, body: { id: 'c8' } })).status).toBe(403);
    const secAdmin = delegated(t, ['AuthenticationContext.ReadWrite.All'], ['Security Administrator']);
    expect((await call(t, 'PATCH', V1, { token: secAdmin, body: { id: 'c8' } })).status).toBe(201);
    expect((await call(t, 'DELETE', `${V1}/c8`, { token: secAdmin })).status).toBe(204);
  });

  it('the guard answers before the id is checked: 401/403 even for a malformed id', async () => {
    expect((await call(t, 'GET', `${V1}/c99`)).status).toBe(401);
    expect((await call(t, 'GET', `${V1}/c99`, { token: application(t, []) })).status).toBe(403);
    expect((await call(t, 'GET', `${V1}/c99`, { token: application(t, ['AuthenticationContext.Read.All']) })).status).toBe(400);
  });
});
