import { randomUUID } from 'node:crypto';
import type { TestApp } from './support/app.js';
import { call } from './support/http.js';
import { delegated, TENANT_A } from './support/tokens.js';

/** Shared by the authentication*.e2e-spec suites. */
export interface TestUser {
  id: string;
  upn: string;
}

export const PHONE = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;
export const EMAIL_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
export const PASSWORD_ID = '28c10230-6103-485e-b985-444c60001490';
export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A directory user made through `POST /v1.0/users`, as a User Administrator would. */
export async function newUser(t: TestApp, tenantId = TENANT_A): Promise<TestUser> {
  const n = randomUUID().slice(0, 8);
  const upn = `u${n}@contoso.test`;
  const res = await call(t, 'POST', '/v1.0/users', {
    token: delegated(t, ['User.ReadWrite.All'], ['User Administrator'], { tenantId }),
    body: { accountEnabled: true, displayName: `User ${n}`, mailNickname: `u${n}`, userPrincipalName: upn, passwordProfile: { password: 'Str0ng!Passw0rd' } },
  });
  if (res.status !== 201) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, upn };
}

/** Privileged Authentication Administrator with the broad write scope. */
export const adminToken = (t: TestApp, extra: Parameters<typeof delegated>[3] = {}) =>
  delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Privileged Authentication Administrator'], extra);

/** The user themself, signed in with these scopes. */
export const tokenOf = (t: TestApp, user: TestUser, scopes: string[], roles: string[] = []) =>
  delegated(t, scopes, roles, { objectId: user.id, userPrincipalName: user.upn });

export async function addPhone(t: TestApp, user: TestUser, phoneType: string, phoneNumber = '+1 5555551234') {
  const res = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/phoneMethods`, { token: adminToken(t), body: { phoneNumber, phoneType } });
  if (res.status !== 201) throw new Error(`adding a phone failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
