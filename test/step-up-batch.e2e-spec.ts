import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, create, ipLocationBody, policyBody } from './support/conditional-access.js';
import { call } from './support/http.js';
import { CHALLENGE_MESSAGE, expectedChallenge, GRAPH_BEARER, protect, REVOKED_MESSAGE, tenantAdmin } from './support/step-up.js';
import { application, delegated } from './support/tokens.js';

/**
 * Step-up and revoked sessions inside `$batch` (issue #15 Deliver 3, DECISIONS §9 and §11): each inner request to a
 * protected operation gets the answer the direct call gets (the claims challenge with its WWW-Authenticate for cp1,
 * the plain 403 otherwise, nothing for application tokens), in the same order against 400 and 404; the batch itself
 * and its other requests are unaffected. A revoked token gets, in each slot, the answer of the direct call (the
 * batch itself is public: docs/choices.md "JSON batching").
 */
const V1 = `/v1.0${CA}`;
const ADMIN_SCOPES = ['Policy.ReadWrite.ConditionalAccess'];
const ADMIN_ROLES = ['Conditional Access Administrator'];
const C1_CLAIMS = { access_token: { acrs: { essential: true, value: 'c1' } } };
const NO_SUPPORT = 'Operation requires conditional access and client does not support it. Client must be configured to support conditional access.';

interface Slot {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code?: string; message?: string } } & Record<string, unknown>;
}

describe('step-up inside $batch', () => {
  let t: TestApp;
  let tenantId: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ tenantId, token: admin } = tenantAdmin(t));
    await protect(t, admin);
  });
  afterAll(() => t?.close());

  const user = (extra: { acrs?: string[]; clientCapabilities?: string[] } = {}) => delegated(t, ADMIN_SCOPES, ADMIN_ROLES, { tenantId, ...extra });

  async function batch(token: string, requests: unknown[]): Promise<Slot[]> {
    const res = await call(t, 'POST', '/v1.0/$batch', { token, body: { requests } });
    expect({ status: res.status, error: res.body?.error }).toEqual({ status: 200, error: undefined });
    const slots = res.body.responses as Slot[];
    return requests.map((r) => slots.find((s) => s.id === (r as { id: string }).id)!);
  }

  /** The requests of one batch: every protected operation, plus a read that is never protected. */
  async function requests() {
    const policy = await create(t, admin, `${V1}/policies`, policyBody());
    const location = await create(t, admin, `${V1}/namedLocations`, ipLocationBody());
    const gone = await create(t, admin, `${V1}/policies`, policyBody());
    expect((await call(t, 'DELETE', `${V1}/policies/${gone}`, { token: admin })).status).toBe(204);
    const json = { 'Content-Type': 'application/json' };
    return [
      { id: 'createPolicy', method: 'POST', url: `${CA}/policies`, body: policyBody(), headers: json, ok: 201 },
      { id: 'updatePolicy', method: 'PATCH', url: `${CA}/policies/${policy}`, body: { state: 'disabled' }, headers: json, ok: 204 },
      { id: 'createLocation', method: 'POST', url: `${CA}/namedLocations`, body: ipLocationBody(), headers: json, ok: 201 },
      { id: 'deleteLocation', method: 'DELETE', url: `${CA}/namedLocations/${location}`, ok: 204 },
      { id: 'purgePolicy', method: 'DELETE', url: `${CA}/deletedItems/policies/${gone}`, ok: 204 },
      { id: 'read', method: 'GET', url: `${CA}/policies/${policy}`, ok: 200 },
    ];
  }
  const strip = (rs: Awaited<ReturnType<typeof requests>>) => rs.map(({ ok: _ok, ...r }) => r);

  function expectChallenge(slot: Slot) {
    expect({ id: slot.id, status: slot.status, code: slot.body?.error?.code, message: slot.body?.error?.message }).toEqual({
      id: slot.id,
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: CHALLENGE_MESSAGE,
    });
    expect(slot.headers['WWW-Authenticate']).toBe(expectedChallenge(C1_CLAIMS));
  }

  function expectNoSupport(slot: Slot) {
    expect({ id: slot.id, status: slot.status, code: slot.body?.error?.code, message: slot.body?.error?.message }).toEqual({
      id: slot.id,
      status: 403,
      code: 'AccessDenied',
      message: NO_SUPPORT,
    });
    expect(Object.keys(slot.headers).map((h) => h.toLowerCase())).not.toContain('www-authenticate');
  }

  it('cp1 without the context: each protected request gets the claims challenge; the read passes', async () => {
    const rs = await requests();
    const slots = await batch(user({ clientCapabilities: ['cp1'] }), strip(rs));
    for (const slot of slots.slice(0, -1)) expectChallenge(slot);
    expect(slots.at(-1)!.status).toBe(200);
  });

  it('the inner challenge is the one the direct call gets', async () => {
    const token = user({ clientCapabilities: ['cp1'] });
    const direct = await call(t, 'POST', `${V1}/policies`, { token, body: policyBody() });
    const [slot] = await batch(token, [
      { id: '1', method: 'POST', url: `${CA}/policies`, body: policyBody(), headers: { 'Content-Type': 'application/json' } },
    ]);
    expect({ status: slot.status, header: slot.headers['WWW-Authenticate'], code: slot.body?.error?.code, message: slot.body?.error?.message }).toEqual({
      status: direct.status,
      header: direct.headers.get('www-authenticate'),
      code: direct.body.error.code,
      message: direct.body.error.message,
    });
  });

  it('without cp1: each protected request gets the plain 403 without a challenge; the read passes', async () => {
    const rs = await requests();
    const slots = await batch(user(), strip(rs));
    for (const slot of slots.slice(0, -1)) expectNoSupport(slot);
    expect(slots.at(-1)!.status).toBe(200);
  });

  it('a token with the context, or an application token, runs every request', async () => {
    for (const token of [user({ acrs: ['c1'], clientCapabilities: ['cp1'] }), admin]) {
      const rs = await requests();
      const slots = await batch(token, strip(rs));
      expect(slots.map((s) => [s.id, s.status])).toEqual(rs.map((r) => [r.id, r.ok]));
    }
  });

  it('inside a batch too, the step-up comes before the body (400) and the target (404)', async () => {
    const json = { 'Content-Type': 'application/json' };
    const inner = [
      { id: 'badBody', method: 'POST', url: `${CA}/policies`, body: { displayName: 5 }, headers: json },
      { id: 'missingPolicy', method: 'DELETE', url: `${CA}/policies/${randomUUID()}` },
      { id: 'missingLocation', method: 'PATCH', url: `${CA}/namedLocations/${randomUUID()}`, body: { nope: true }, headers: json },
    ];
    for (const slot of await batch(user({ clientCapabilities: ['cp1'] }), inner)) expectChallenge(slot);
    for (const slot of await batch(user(), inner)) expectNoSupport(slot);
    // With the context, each request gets what the direct call gets: the body's 400 or the target's 404.
    const steppedToken = user({ acrs: ['c1'] });
    const stepped = await batch(steppedToken, inner);
    const direct = [];
    for (const r of inner) direct.push([r.id, (await call(t, r.method, `/v1.0${r.url}`, { token: steppedToken, body: r.body })).status]);
    expect(direct).toEqual([
      ['badBody', 400],
      ['missingPolicy', 404],
      ['missingLocation', 404], // a named location's body is read against its type: the target first
    ]);
    expect(stepped.map((s) => [s.id, s.status])).toEqual(direct);
  });

  it('a request that depends on a challenged one is not run (424)', async () => {
    const json = { 'Content-Type': 'application/json' };
    const slots = await batch(user({ clientCapabilities: ['cp1'] }), [
      { id: '1', method: 'POST', url: `${CA}/namedLocations`, body: ipLocationBody(), headers: json },
      { id: '2', method: 'POST', url: `${CA}/policies`, body: policyBody(), headers: json, dependsOn: ['1'] },
    ]);
    expectChallenge(slots[0]);
    expect(slots[1].status).toBe(424);
  });

  it('a revoked token: each inner request gets the direct answer (nbf challenge for cp1, else the plain 401)', async () => {
    const appAdmin = application(t, ['User.ReadWrite.All', 'User.RevokeSessions.All'], { tenantId });
    const n = randomUUID().slice(0, 8);
    const created = await call(t, 'POST', '/v1.0/users', {
      token: appAdmin,
      body: { accountEnabled: true, displayName: n, mailNickname: n, userPrincipalName: `${n}@contoso.test`, passwordProfile: { password: 'Str0ng!Passw0rd' } },
    });
    expect(created.status).toBe(201);
    const old = (clientCapabilities: string[]) =>
      delegated(t, ['User.Read'], [], {
        tenantId,
        objectId: created.body.id,
        userPrincipalName: created.body.userPrincipalName,
        issuedSecondsAgo: 60,
        clientCapabilities,
      });
    const me = [{ id: '1', method: 'GET', url: '/me' }];
    expect((await batch(old([]), me))[0].status).toBe(200);
    expect((await call(t, 'POST', `/v1.0/users/${created.body.id}/revokeSignInSessions`, { token: appAdmin })).status).toBe(200);

    const [plain] = await batch(old([]), me);
    expect({ status: plain.status, code: plain.body?.error?.code, message: plain.body?.error?.message, header: plain.headers['WWW-Authenticate'] }).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.',
      header: GRAPH_BEARER,
    });
    const [cp1] = await batch(old(['cp1']), me);
    expect({ status: cp1.status, code: cp1.body?.error?.code, message: cp1.body?.error?.message }).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: REVOKED_MESSAGE,
    });
    const direct = await call(t, 'GET', '/v1.0/me', { token: old(['cp1']) });
    expect(cp1.headers['WWW-Authenticate']).toBe(direct.headers.get('www-authenticate'));
    const claims = /claims="([^"]+)"/.exec(cp1.headers['WWW-Authenticate'] ?? '')?.[1] ?? '';
    expect(JSON.parse(Buffer.from(claims, 'base64').toString('utf8') || 'null')).toEqual({
      access_token: { nbf: { essential: true, value: expect.stringMatching(/^\d+$/) } },
    });
  });
});
