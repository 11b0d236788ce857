import pg from 'pg';
import { expectSts, tlsCall } from './support/identity-platform.js';
import { PASSWORD, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';
import { Lockout, passwordFingerprint } from '../src/identity-platform/lockout/lockout.service.js';

/**
 * Smart lockout (issue #14, Entra's `howto-password-smart-lockout`): after the threshold of wrong passwords the account
 * answers AADSTS50053 without its password being checked, the same wrong password counts once, a right password
 * resets, a lock that ended locks again (longer) on the next failure. Threshold 3 here (LOCKOUT_THRESHOLD).
 */
const { Client } = pg;

describe('identity platform: smart lockout', () => {
  let t: TlsTestApp;
  let db: pg.Client;
  beforeAll(async () => {
    t = await startTlsTestApp({ LOCKOUT_THRESHOLD: '3', LOCKOUT_DURATION_SECONDS: '600' });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  async function tenant() {
    const { tenantId, user, passwordGrant } = await signInTenant(t, { displayName: 'Console', isFallbackPublicClient: true });
    const signIn = (password: string) => passwordGrant(user.userPrincipalName, { password, scope: 'User.Read' });
    const reader = application(t, ['AuditLog.Read.All', 'Directory.Read.All'], { tenantId });
    return { tenantId, user, signIn, reader };
  }

  const state = async (tenantId: string, userId: string) =>
    (
      await db.query('SELECT failures, lockouts, locked_until > now() AS locked FROM identity_platform_lockouts WHERE tenant_id = $1 AND user_id = $2', [
        tenantId,
        userId,
      ])
    ).rows[0];

  it('locks after 3 distinct wrong passwords: 50053 even for the right password, then the lock ending lets it in', async () => {
    const { tenantId, user, signIn, reader } = await tenant();
    expectSts(t, await signIn('Wrong1!aaaa'), 400, 'invalid_grant', 50126);
    expectSts(t, await signIn('Wrong2!aaaa'), 400, 'invalid_grant', 50126);
    // The third failure locks; this attempt itself is still told as a wrong password, as Entra does.
    expectSts(t, await signIn('Wrong3!aaaa'), 400, 'invalid_grant', 50126);
    expect(await state(tenantId, user.id)).toEqual({ failures: 3, lockouts: 1, locked: true });
    expectSts(t, await signIn(PASSWORD), 400, 'invalid_grant', 50053);
    expectSts(t, await signIn('Wrong4!aaaa'), 400, 'invalid_grant', 50053);
    // Refused without counting while locked.
    expect(await state(tenantId, user.id)).toEqual({ failures: 3, lockouts: 1, locked: true });
    // The sign-in log shows the lock.
    const logs = (await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns?$filter=status/errorCode eq 50053', reader)).body.value;
    expect(logs).toHaveLength(2);
    expect(logs[0].userId).toBe(user.id);

    // The lock ends (moved into the past rather than waited for): the right password signs in and resets the state.
    await db.query(`UPDATE identity_platform_lockouts SET locked_until = now() - interval '1 second' WHERE tenant_id = $1 AND user_id = $2`, [
      tenantId,
      user.id,
    ]);
    expect((await signIn(PASSWORD)).status).toBe(200);
    expect(await state(tenantId, user.id)).toBeUndefined();
  });

  it('the same wrong password counts once; after a lock ends, the next new failure locks again for twice as long', async () => {
    const { tenantId, user, signIn } = await tenant();
    for (let i = 0; i < 5; i++) expectSts(t, await signIn('Same!Wrong1'), 400, 'invalid_grant', 50126);
    expect(await state(tenantId, user.id)).toEqual({ failures: 1, lockouts: 0, locked: null });
    expectSts(t, await signIn('Other!Wrong2'), 400, 'invalid_grant', 50126);
    expectSts(t, await signIn('Third!Wrong3'), 400, 'invalid_grant', 50126);
    expect(await state(tenantId, user.id)).toMatchObject({ failures: 3, lockouts: 1, locked: true });
    const first = (
      await db.query('SELECT extract(epoch from locked_until - updated_at)::int AS s FROM identity_platform_lockouts WHERE tenant_id = $1 AND user_id = $2', [
        tenantId,
        user.id,
      ])
    ).rows[0].s;
    expect(first).toBe(600);
    await db.query(`UPDATE identity_platform_lockouts SET locked_until = now() - interval '1 second' WHERE tenant_id = $1 AND user_id = $2`, [
      tenantId,
      user.id,
    ]);
    expectSts(t, await signIn('Fourth!Wrong4'), 400, 'invalid_grant', 50126);
    const again = (
      await db.query(
        'SELECT lockouts, extract(epoch from locked_until - updated_at)::int AS s FROM identity_platform_lockouts WHERE tenant_id = $1 AND user_id = $2',
        [tenantId, user.id],
      )
    ).rows[0];
    expect(again).toEqual({ lockouts: 2, s: 1200 });
    expectSts(t, await signIn(PASSWORD), 400, 'invalid_grant', 50053);
  });

  it('the service API the sign-in page calls: assertNotLocked, recordFailure, recordSuccess; per tenant and user', async () => {
    const a = await tenant();
    const b = await tenant();
    const lockout = t.app.get(Lockout);
    await expect(lockout.assertNotLocked(a.tenantId, a.user.id)).resolves.toBeUndefined();
    for (const p of ['x1', 'x2'])
      expect(await lockout.recordFailure(a.tenantId, a.user.id, passwordFingerprint(a.tenantId, a.user.id, p))).toMatchObject({ locked: false });
    const locked = await lockout.recordFailure(a.tenantId, a.user.id, passwordFingerprint(a.tenantId, a.user.id, 'x3'));
    expect(locked.locked).toBe(true);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    await expect(lockout.assertNotLocked(a.tenantId, a.user.id)).rejects.toMatchObject({ aadsts: 50053, error: 'invalid_grant' });
    // Another tenant's user, and the same user id in another tenant, are not affected.
    await expect(lockout.assertNotLocked(b.tenantId, b.user.id)).resolves.toBeUndefined();
    await expect(lockout.assertNotLocked(b.tenantId, a.user.id)).resolves.toBeUndefined();
    await lockout.recordSuccess(a.tenantId, a.user.id);
    await expect(lockout.assertNotLocked(a.tenantId, a.user.id)).resolves.toBeUndefined();
    // A fingerprint is a 32-bit number that differs per password and per user.
    expect(passwordFingerprint(a.tenantId, a.user.id, 'x')).not.toBe(passwordFingerprint(a.tenantId, a.user.id, 'y'));
    expect(passwordFingerprint(a.tenantId, a.user.id, 'x')).not.toBe(passwordFingerprint(b.tenantId, b.user.id, 'x'));
    expect(Number.isInteger(passwordFingerprint(a.tenantId, a.user.id, 'x'))).toBe(true);
  });
});
