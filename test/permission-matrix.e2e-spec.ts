import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { describePermissionMatrix, type RouteCase } from './support/permission-matrix.js';
import { delegated } from './support/tokens.js';

/**
 * Who may call each route, written out here independently of the @Permissions declarations it
 * checks (Graph's docs and DECISIONS are the source). Resource suites keep matrices of their own.
 */
let t: TestApp;
let seq = 0;

async function newUser(): Promise<string> {
  const n = `${Date.now()}${seq++}`;
  const res = await call(t, 'POST', '/v1.0/users', {
    token: delegated(t, ['User.ReadWrite.All'], ['User Administrator']),
    body: {
      accountEnabled: true,
      displayName: `M ${n}`,
      mailNickname: `m${n}`,
      userPrincipalName: `m${n}@contoso.test`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    },
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status}`);
  return res.body.id;
}

const USER_READ = {
  delegated: { scopes: ['User.Read.All'], roles: [], insufficientScope: 'User.Read' },
  application: { roles: ['User.Read.All'], insufficientRole: 'Mail.Read' },
} as const;
const USER_WRITE = {
  delegated: { scopes: ['User.ReadWrite.All'], roles: ['User Administrator'], insufficientScope: 'User.Read.All' },
  application: { roles: ['User.ReadWrite.All'], insufficientRole: 'User.Read.All' },
} as const;

const CASES: RouteCase[] = [
  { name: '/users', method: 'GET', prepare: async () => ({ path: '/v1.0/users' }), success: 200, ...USER_READ, otherTenant: 200 },
  { name: '/users/{id}', method: 'GET', prepare: async () => ({ path: `/v1.0/users/${await newUser()}` }), success: 200, ...USER_READ, otherTenant: 404 },
  {
    name: '/users',
    method: 'POST',
    prepare: async () => {
      const n = randomUUID().slice(0, 8);
      return {
        path: '/beta/users',
        body: {
          accountEnabled: true,
          displayName: n,
          mailNickname: `p${n}`,
          userPrincipalName: `p${n}@contoso.test`,
          passwordProfile: { password: 'Str0ng!Passw0rd' },
        },
      };
    },
    success: 201,
    ...USER_WRITE,
    otherTenant: 201,
  },
  {
    name: '/users/{id}',
    method: 'PATCH',
    prepare: async () => ({ path: `/v1.0/users/${await newUser()}`, body: { displayName: 'patched' } }),
    success: 204,
    ...USER_WRITE,
    otherTenant: 404,
  },
  { name: '/users/{id}', method: 'DELETE', prepare: async () => ({ path: `/v1.0/users/${await newUser()}` }), success: 204, ...USER_WRITE, otherTenant: 404 },
  {
    name: '/me',
    method: 'GET',
    prepare: async () => ({ path: '/v1.0/me' }),
    success: 200,
    delegated: { scopes: ['User.Read'], roles: [], insufficientScope: 'Mail.Read' },
    application: { me: ['User.Read.All'] },
    otherTenant: 200,
  },
];

describe('permission matrix (users)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describePermissionMatrix(() => t, CASES);
});
