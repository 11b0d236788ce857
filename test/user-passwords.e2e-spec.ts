import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { UsersService } from '../src/users/users.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

const PASSWORD = 'Str0ng!Passw0rd';

describe("users' passwords (passwordProfile)", () => {
  let t: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const storedHash = async (tenantId: string, id: string) =>
    (await db.query('SELECT password_hash, force_change_password FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, id])).rows[0];

  async function createUser(tenantId: string, forceChangePasswordNextSignIn?: boolean) {
    const n = randomUUID().slice(0, 8);
    const res = await call(t, 'POST', '/v1.0/users', {
      token: application(t, ['User.ReadWrite.All'], { tenantId }),
      body: {
        accountEnabled: true,
        displayName: 'Pat',
        mailNickname: `p${n}`,
        userPrincipalName: `p${n}@contoso.test`,
        passwordProfile: { password: PASSWORD, ...(forceChangePasswordNextSignIn === undefined ? {} : { forceChangePasswordNextSignIn }) },
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; userPrincipalName: string };
  }

  it('stores only a salted scrypt hash, never returns it, and checks the password for sign-in', async () => {
    const tenantId = randomUUID();
    const user = await createUser(tenantId, false);
    const row = await storedHash(tenantId, user.id);
    expect(row.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(row.force_change_password).toBe(false);

    const token = application(t, ['User.Read.All'], { tenantId });
    const got = await call(t, 'GET', `/v1.0/users/${user.id}`, { token });
    expect(JSON.stringify(got.body)).not.toMatch(/password|scrypt/i);

    const users = t.app.get(UsersService);
    expect(await users.checkPassword(tenantId, user.userPrincipalName.toUpperCase(), PASSWORD)).toEqual({
      valid: true,
      userId: user.id,
      accountEnabled: true,
      forceChangePasswordNextSignIn: false,
    });
    expect(await users.checkPassword(tenantId, user.id, PASSWORD)).toMatchObject({ valid: true });
    expect(await users.checkPassword(tenantId, user.userPrincipalName, 'Wr0ng!Passw0rd')).toEqual({ valid: false });
    expect(await users.checkPassword(tenantId, 'nobody@contoso.test', PASSWORD)).toEqual({ valid: false });
    expect(await users.checkPassword(randomUUID(), user.userPrincipalName, PASSWORD)).toEqual({ valid: false });
  });

  it('PATCH passwordProfile replaces the hash; forceChangePasswordNextSignIn defaults to true and is honoured', async () => {
    const tenantId = randomUUID();
    const user = await createUser(tenantId);
    expect((await storedHash(tenantId, user.id)).force_change_password).toBe(true);
    const before = (await storedHash(tenantId, user.id)).password_hash;
    const patched = await call(t, 'PATCH', `/v1.0/users/${user.id}`, {
      token: application(t, ['User.ReadWrite.All'], { tenantId }),
      body: { passwordProfile: { password: 'N3w!Passw0rd', forceChangePasswordNextSignIn: false } },
    });
    expect(patched.status).toBe(204);
    const after = await storedHash(tenantId, user.id);
    expect(after.password_hash).not.toBe(before);
    expect(after.force_change_password).toBe(false);
    const users = t.app.get(UsersService);
    expect(await users.checkPassword(tenantId, user.id, PASSWORD)).toEqual({ valid: false });
    expect(await users.checkPassword(tenantId, user.id, 'N3w!Passw0rd')).toMatchObject({ valid: true, forceChangePasswordNextSignIn: false });
  });

  it("an administrator's resetPassword makes the new password the user's (sent or generated)", async () => {
    const tenantId = randomUUID();
    const user = await createUser(tenantId, false);
    const admin = delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Global Administrator'], { tenantId });
    const reset = `/v1.0/users/${user.id}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`;
    const users = t.app.get(UsersService);
    expect((await call(t, 'POST', reset, { token: admin, body: { newPassword: 'Res3t!Passw0rd' } })).status).toBe(202);
    expect(await users.checkPassword(tenantId, user.id, PASSWORD)).toEqual({ valid: false });
    expect(await users.checkPassword(tenantId, user.id, 'Res3t!Passw0rd')).toMatchObject({ valid: true, forceChangePasswordNextSignIn: true });
    const generated = await call(t, 'POST', reset, { token: admin, body: {} });
    expect(generated.status).toBe(202);
    expect(await users.checkPassword(tenantId, user.id, generated.body.newPassword)).toMatchObject({ valid: true });
  });

  it('a refused password writes nothing', async () => {
    const tenantId = randomUUID();
    const user = await createUser(tenantId);
    const before = await storedHash(tenantId, user.id);
    const res = await call(t, 'PATCH', `/v1.0/users/${user.id}`, {
      token: application(t, ['User.ReadWrite.All'], { tenantId }),
      body: { passwordProfile: { password: 'short' } },
    });
    expect(res.status).toBe(400);
    expect(await storedHash(tenantId, user.id)).toEqual(before);
  });
});
