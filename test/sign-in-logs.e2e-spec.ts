import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SignInLog } from '../src/audit-logs/sign-in-log.js';
import { SignInLogsRepository } from '../src/audit-logs/sign-in-logs.repository.js';
import { expectSts, tlsCall, tokenRequest } from './support/identity-platform.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application, delegated } from './support/tokens.js';

/**
 * `/auditLogs/signIns` (issue #14): the password and refresh-token grants record every user-level outcome, read back
 * in Graph's shape (v1.0 and beta), newest first, with Graph's filters, paging, `$select`, permissions and isolation.
 */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const PASSWORD = 'Str0ng!Passw0rd';
const READ = ['AuditLog.Read.All', 'Directory.Read.All'];

describe('sign-in logs', () => {
  let t: TlsTestApp;
  beforeAll(async () => {
    t = await startTlsTestApp();
  });
  afterAll(() => t?.close());

  async function tenant() {
    const tenantId = randomUUID();
    const admin = application(t, ['Application.ReadWrite.All', 'User.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'], { tenantId });
    const app = (await tlsCall(t, 'POST', '/v1.0/applications', admin, { displayName: 'Console', isFallbackPublicClient: true })).body;
    const client = (await tlsCall(t, 'POST', '/v1.0/servicePrincipals', admin, { appId: app.appId })).body;
    const graph = (await tlsCall(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, admin)).body.value[0];
    await tlsCall(t, 'POST', '/v1.0/oauth2PermissionGrants', admin, {
      clientId: client.id,
      consentType: 'AllPrincipals',
      resourceId: graph.id,
      scope: 'User.Read',
    });
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
      return res.body as { id: string; userPrincipalName: string; displayName: string };
    };
    const reader = application(t, READ, { tenantId });
    const signIn = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
      tokenRequest(t, tenantId, { grant_type: 'password', client_id: app.appId, username, password, scope: 'User.Read offline_access' }, headers);
    return { tenantId, admin, app, client, newUser, reader, signIn };
  }

  it('records success and each refusal of the password grant, and the refresh grant as non-interactive', async () => {
    const { tenantId, app, newUser, reader, signIn } = await tenant();
    const user = await newUser();
    const disabled = await newUser({ accountEnabled: false });
    const ok = await signIn(user.userPrincipalName, PASSWORD, { 'user-agent': 'e2e-agent/1.0' });
    expect(ok.status).toBe(200);
    const correlation = randomUUID();
    const wrong = await signIn(user.userPrincipalName, 'Wrong!Passw0rd', { 'client-request-id': correlation });
    expectSts(t, wrong, 400, 'invalid_grant', 50126);
    expect(wrong.body.correlation_id).toBe(correlation);
    expectSts(t, await signIn(disabled.userPrincipalName), 400, 'invalid_grant', 50057);
    expectSts(t, await signIn('nobody@contoso.test'), 400, 'invalid_grant', 50126);

    const list = await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', reader);
    expect(list.status).toBe(200);
    expect(list.body['@odata.context']).toMatch(/\/v1\.0\/\$metadata#auditLogs\/signIns$/);
    const rows = list.body.value as any[];
    expect(rows.map((r) => [r.userPrincipalName, r.status.errorCode])).toEqual([
      ['nobody@contoso.test', 50126],
      [disabled.userPrincipalName, 50057],
      [user.userPrincipalName, 50126],
      [user.userPrincipalName, 0],
    ]);
    // Newest first.
    const times = rows.map((r) => Date.parse(r.createdDateTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const success = rows[3];
    expect(success).toMatchObject({
      userId: user.id,
      userDisplayName: user.displayName,
      appId: app.appId,
      appDisplayName: 'Console',
      resourceId: GRAPH_APP_ID,
      resourceDisplayName: 'Microsoft Graph',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      userAgent: 'e2e-agent/1.0',
      ipAddress: '127.0.0.1',
      conditionalAccessStatus: 'notApplied',
      appliedConditionalAccessPolicies: [],
      isInteractive: true,
      status: { errorCode: 0, failureReason: null, additionalDetails: null },
      riskState: 'none',
    });
    expect(rows[2].correlationId).toBe(correlation);
    expect(rows[2].status.failureReason).toBe('Error validating credentials due to invalid username or password.');
    expect(rows[0].userId).toBe('');
    // v1.0 has no beta-only properties.
    expect(success).not.toHaveProperty('authenticationRequirement');
    expect(success).not.toHaveProperty('signInEventTypes');

    // The refresh-token grant: a non-interactive sign-in.
    const refreshed = await tokenRequest(t, tenantId, { grant_type: 'refresh_token', client_id: app.appId, refresh_token: ok.body.refresh_token });
    expect(refreshed.status).toBe(200);
    // As Graph: lists show interactive sign-ins only, unless beta's filter on signInEventTypes asks for others.
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', reader)).body.value).toHaveLength(4);
    expect((await tlsCall(t, 'GET', '/beta/auditLogs/signIns', reader)).body.value).toHaveLength(4);
    const nonInteractive = await tlsCall(t, 'GET', "/beta/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser')", reader);
    expect(nonInteractive.status).toBe(200);
    expect(nonInteractive.body.value).toHaveLength(1);
    expect(nonInteractive.body.value[0]).toMatchObject({
      userId: user.id,
      isInteractive: false,
      signInEventTypes: ['nonInteractiveUser'],
      status: { errorCode: 0 },
    });
    const both = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')";
    expect((await tlsCall(t, 'GET', `/beta/auditLogs/signIns?$filter=${encodeURIComponent(both)}`, reader)).body.value).toHaveLength(5);
    // v1.0's signIn has no signInEventTypes.
    expect((await tlsCall(t, 'GET', "/v1.0/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser')", reader)).status).toBe(400);
    // The non-interactive sign-in can still be read by id.
    expect((await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns/${nonInteractive.body.value[0].id}`, reader)).body.isInteractive).toBe(false);

    // Beta: beta's shape, with the sign-in event type and requirement.
    const beta = await tlsCall(t, 'GET', `/beta/auditLogs/signIns/${success.id}`, reader);
    expect(beta.status).toBe(200);
    expect(beta.body).toMatchObject({
      id: success.id,
      signInEventTypes: ['interactiveUser'],
      authenticationRequirement: 'singleFactorAuthentication',
      authenticationProtocol: 'ropc',
      authenticationMethodsUsed: ['Password'],
      servicePrincipalId: expect.any(String),
    });
    const get = await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns/${success.id}`, reader);
    expect(get.status).toBe(200);
    expect(get.body['@odata.context']).toMatch(/#auditLogs\/signIns\/\$entity$/);
    expect(get.body.id).toBe(success.id);
  });

  it('filters, pages newest first with $top/$skiptoken, and projects $select', async () => {
    const { newUser, reader, signIn } = await tenant();
    const a = await newUser();
    const b = await newUser();
    for (let i = 0; i < 3; i++) expect((await signIn(a.userPrincipalName)).status).toBe(200);
    const before = new Date().toISOString();
    expectSts(t, await signIn(b.userPrincipalName, 'Wrong!Passw0rd'), 400, 'invalid_grant', 50126);
    expect((await signIn(b.userPrincipalName)).status).toBe(200);

    const q = async (query: string) => {
      const res = await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns?${query}`, reader);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await q(`$filter=userId eq '${a.id}'`)).value).toHaveLength(3);
    expect((await q(`$filter=userPrincipalName eq '${b.userPrincipalName.toUpperCase()}'`)).value).toHaveLength(2);
    expect((await q('$filter=status/errorCode eq 50126')).value.map((r: any) => r.userId)).toEqual([b.id]);
    expect((await q(`$filter=createdDateTime ge ${before} and status/errorCode eq 0`)).value.map((r: any) => r.userId)).toEqual([b.id]);
    expect((await q(`$filter=createdDateTime le ${before}`)).value).toHaveLength(3);
    expect((await q("$filter=conditionalAccessStatus eq 'notApplied'")).value).toHaveLength(5);
    expect((await q(`$filter=appId eq '${(await q('$top=1')).value[0].appId}'`)).value).toHaveLength(5);

    const all = (await q('')).value.map((r: any) => r.id);
    const seen: string[] = [];
    let page = await q('$top=2');
    for (;;) {
      seen.push(...page.value.map((r: any) => r.id));
      if (!page['@odata.nextLink']) break;
      const next = new URL(page['@odata.nextLink']);
      expect(next.searchParams.get('$top')).toBe('2');
      const res = await tlsCall(t, 'GET', `${next.pathname}${next.search}`, reader);
      expect(res.status).toBe(200);
      page = res.body;
    }
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(5);

    const selected = await q('$select=id,userId,status');
    expect(selected['@odata.context']).toMatch(/#auditLogs\/signIns\(id,userId,status\)$/);
    expect(Object.keys(selected.value[0]).sort()).toEqual(['id', 'status', 'userId']);
  });

  it('refuses bad queries with 400 and unknown ids with 404, never a 500', async () => {
    const { reader } = await tenant();
    for (const query of [
      '$orderby=createdDateTime asc',
      "$filter=riskState eq 'none'",
      '$filter=userId eq 5',
      "$filter=createdDateTime ge 'x'",
      '$top=1001',
      '$skiptoken=abc',
      '$expand=x',
    ]) {
      const res = await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns?${encodeURI(query)}`, reader);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.code).toBe('Request_UnsupportedQuery');
    }
    expect((await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns/${randomUUID()}`, reader)).status).toBe(404);
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns/not-a-guid', reader)).status).toBe(404);
  });

  it('a failure to record never changes the answer: the sign-in succeeds, the refusal stays a refusal', async () => {
    const { newUser, reader, signIn } = await tenant();
    const user = await newUser();
    const spy = jest.spyOn(t.app.get(SignInLogsRepository), 'insert').mockRejectedValue(new Error('database gone'));
    try {
      expect((await signIn(user.userPrincipalName)).status).toBe(200);
      expectSts(t, await signIn(user.userPrincipalName, 'Wrong!Passw0rd'), 400, 'invalid_grant', 50126);
    } finally {
      spy.mockRestore();
    }
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', reader)).body.value).toEqual([]);
  });

  it('keeps 30 days: older rows are neither listed nor read, and pruning deletes them for that tenant only', async () => {
    const a = await tenant();
    const b = await tenant();
    for (const x of [a, b]) {
      const u = await x.newUser();
      expect((await x.signIn(u.userPrincipalName)).status).toBe(200);
      expect((await x.signIn(u.userPrincipalName)).status).toBe(200);
    }
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    try {
      const old = (await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', a.reader)).body.value[1].id;
      for (const x of [a, b]) {
        await db.query(
          `UPDATE audit_sign_ins SET created_at = now() - interval '31 days' WHERE tenant_id = $1 AND id = (SELECT id FROM audit_sign_ins WHERE tenant_id = $1 ORDER BY created_at LIMIT 1)`,
          [x.tenantId],
        );
      }
      expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', a.reader)).body.value).toHaveLength(1);
      expect((await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns/${old}`, a.reader)).status).toBe(404);
      expect(await t.app.get(SignInLog).prune(a.tenantId)).toBe(1);
      const count = async (tenantId: string) => (await db.query('SELECT count(*)::int AS n FROM audit_sign_ins WHERE tenant_id = $1', [tenantId])).rows[0].n;
      expect([await count(a.tenantId), await count(b.tenantId)]).toEqual([1, 2]);
    } finally {
      await db.end();
    }
  });

  it("needs AuditLog.Read.All and Directory.Read.All (and a reports role when delegated); another tenant's sign-ins are invisible", async () => {
    const { tenantId, newUser, signIn } = await tenant();
    const user = await newUser();
    expect((await signIn(user.userPrincipalName)).status).toBe(200);
    const id = (await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', application(t, READ, { tenantId }))).body.value[0].id;

    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', application(t, ['AuditLog.Read.All'], { tenantId }))).status).toBe(403);
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', application(t, ['Directory.Read.All'], { tenantId }))).status).toBe(403);
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', delegated(t, READ, [], { tenantId }))).status).toBe(403);
    for (const role of ['Reports Reader', 'Security Reader', 'Global Reader']) {
      expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', delegated(t, READ, [role], { tenantId }))).status).toBe(200);
    }
    const other = application(t, READ, { tenantId: randomUUID() });
    expect((await tlsCall(t, 'GET', '/v1.0/auditLogs/signIns', other)).body.value).toEqual([]);
    expect((await tlsCall(t, 'GET', `/v1.0/auditLogs/signIns/${id}`, other)).status).toBe(404);
  });
});
