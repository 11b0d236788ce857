import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/app.js';
import { expectGraphError } from './support/conditional-access.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

/**
 * A user's "returned only on $select" `createdDateTime` and `signInSessionsValidFromDateTime` (docs/choices.md,
 * issue #15): absent by default, whole-second UTC date-times when selected, the second one moved by
 * revokeSignInSessions and by disabling; `$filter` on `createdDateTime` with Graph's operators.
 */
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ROLES = ['User.ReadWrite.All', 'User.RevokeSessions.All', 'Directory.Read.All'];
const EVENTUAL = { consistencylevel: 'eventual' };
const graphTime = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');

describe('users: createdDateTime and signInSessionsValidFromDateTime ($select only)', () => {
  let t: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Client(t.db.url);
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  /** A fresh tenant, its admin (an application) and a way to add users to it. */
  function tenant() {
    const tenantId = randomUUID();
    const admin = application(t, ROLES, { tenantId });
    const add = async (name: string, extra: Record<string, unknown> = {}) => {
      const res = await call(t, 'POST', '/v1.0/users', {
        token: admin,
        body: {
          accountEnabled: true,
          displayName: name,
          mailNickname: name,
          userPrincipalName: `${name}@contoso.test`,
          passwordProfile: { password: 'Str0ng!Passw0rd' },
          ...extra,
        },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; userPrincipalName: string };
    };
    const get = (path: string, headers?: Record<string, string>) => call(t, 'GET', path, { token: admin, headers });
    return { tenantId, admin, add, get };
  }

  /** The stored values, as Graph would print them. */
  async function stored(tenantId: string, id: string) {
    const { rows } = await db.query(
      `SELECT extract(epoch FROM u.created_at)::float8 AS created, extract(epoch FROM r.valid_from)::float8 AS "validFrom"
         FROM users u LEFT JOIN user_session_revocations r ON r.tenant_id = u.tenant_id AND r.user_id = u.id
        WHERE u.tenant_id = $1 AND u.id = $2`,
      [tenantId, id],
    );
    return { created: rows[0].created as number, validFrom: rows[0].validFrom as number | null };
  }

  /** Moves the user's creation back, so that a revocation now is a later second (no waiting on the clock). */
  const backdate = (tenantId: string, id: string, at: string) =>
    db.query(`UPDATE users SET created_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, at]);

  it('neither is in the default set of GET /users, /users/{id}, /me, on v1.0 and beta, nor in POST /users', async () => {
    const tn = tenant();
    const created = await call(t, 'POST', '/beta/users', {
      token: tn.admin,
      body: {
        accountEnabled: true,
        displayName: 'd',
        mailNickname: 'd',
        userPrincipalName: 'd@contoso.test',
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    const me = delegated(t, ['User.Read'], [], { tenantId: tn.tenantId, objectId: created.body.id, userPrincipalName: 'd@contoso.test' });
    const bodies = [created.body];
    for (const version of ['v1.0', 'beta']) {
      bodies.push((await tn.get(`/${version}/users/${created.body.id}`)).body);
      bodies.push((await tn.get(`/${version}/users`)).body.value[0]);
      bodies.push((await call(t, 'GET', `/${version}/me`, { token: me })).body);
    }
    for (const body of bodies) {
      expect(body.id).toBe(created.body.id);
      expect(Object.keys(body)).not.toContain('createdDateTime');
      expect(Object.keys(body)).not.toContain('signInSessionsValidFromDateTime');
    }
  });

  it('$select returns both, in whole seconds, on every read and both versions; a new user is valid from its creation', async () => {
    const tn = tenant();
    const u = await tn.add('sel');
    const s = await stored(tn.tenantId, u.id);
    expect(s.validFrom).toBeNull();
    expect(Number.isInteger(s.created)).toBe(true);
    const expected = { id: u.id, createdDateTime: graphTime(s.created), signInSessionsValidFromDateTime: graphTime(s.created) };
    expect(expected.createdDateTime).toMatch(SECONDS);
    const select = '$select=createdDateTime,signInSessionsValidFromDateTime';
    const me = delegated(t, ['User.Read'], [], { tenantId: tn.tenantId, objectId: u.id, userPrincipalName: u.userPrincipalName });
    for (const version of ['v1.0', 'beta']) {
      const one = await tn.get(`/${version}/users/${u.id}?${select}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        '@odata.context': `${t.url}/${version}/$metadata#users(createdDateTime,signInSessionsValidFromDateTime)/$entity`,
        ...expected,
      });
      const byUpn = await tn.get(`/${version}/users/${u.userPrincipalName.toUpperCase()}?${select}`);
      expect(byUpn.body).toMatchObject(expected);
      const list = await tn.get(`/${version}/users?${select}`);
      expect(list.status).toBe(200);
      expect(list.body.value).toEqual([expected]);
      const mine = await call(t, 'GET', `/${version}/me?${select}`, { token: me });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject(expected);
    }
    // With other properties: each one only where asked for.
    const mixed = await tn.get(`/v1.0/users/${u.id}?$select=displayName,createdDateTime`);
    expect(mixed.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users(displayName,createdDateTime)/$entity`,
      id: u.id,
      displayName: 'sel',
      createdDateTime: expected.createdDateTime,
    });
    const listMixed = await tn.get(`/v1.0/users?$select=userPrincipalName,signInSessionsValidFromDateTime`);
    expect(listMixed.body.value).toEqual([
      { id: u.id, userPrincipalName: u.userPrincipalName, signInSessionsValidFromDateTime: expected.signInSessionsValidFromDateTime },
    ]);
  });

  it('revokeSignInSessions moves signInSessionsValidFromDateTime to the revocation (the stored valid_from); createdDateTime stays', async () => {
    const tn = tenant();
    const u = await tn.add('rev');
    const other = await tn.add('other');
    await backdate(tn.tenantId, u.id, '2024-01-01T10:00:00Z');
    await backdate(tn.tenantId, other.id, '2024-01-02T10:00:00Z');
    const select = '$select=createdDateTime,signInSessionsValidFromDateTime';
    const before = await tn.get(`/v1.0/users/${u.id}?${select}`);
    expect(before.body).toMatchObject({ createdDateTime: '2024-01-01T10:00:00Z', signInSessionsValidFromDateTime: '2024-01-01T10:00:00Z' });

    expect((await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: tn.admin })).status).toBe(200);
    const s = await stored(tn.tenantId, u.id);
    expect(s.validFrom).not.toBeNull();
    const revoked = graphTime(s.validFrom!);
    expect(revoked > '2024-01-01T10:00:00Z').toBe(true);
    const after = await tn.get(`/v1.0/users/${u.id}?${select}`);
    expect(after.body).toMatchObject({ createdDateTime: '2024-01-01T10:00:00Z', signInSessionsValidFromDateTime: revoked });
    // The list reads the same value in its one statement; the other user is untouched.
    const list = await tn.get(`/beta/users?${select}&$orderby=displayName`);
    expect(list.body.value).toEqual([
      { id: other.id, createdDateTime: '2024-01-02T10:00:00Z', signInSessionsValidFromDateTime: '2024-01-02T10:00:00Z' },
      { id: u.id, createdDateTime: '2024-01-01T10:00:00Z', signInSessionsValidFromDateTime: revoked },
    ]);
    // Paged, the join and the keyset agree: each user once, with its own value.
    const first = await tn.get(`/v1.0/users?${select}&$top=1&$count=true`, EVENTUAL);
    expect(first.body['@odata.count']).toBe(2);
    const second = await tn.get(new URL(first.body['@odata.nextLink']).pathname + new URL(first.body['@odata.nextLink']).search, EVENTUAL);
    expect(second.status).toBe(200);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect([...first.body.value, ...second.body.value].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...list.body.value].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    // The user revoking their own sessions through /me sees it too.
    const me = delegated(t, ['User.Read', 'User.RevokeSessions.All'], [], {
      tenantId: tn.tenantId,
      objectId: other.id,
      userPrincipalName: other.userPrincipalName,
    });
    expect((await call(t, 'POST', '/v1.0/me/revokeSignInSessions', { token: me })).status).toBe(200);
    const own = graphTime((await stored(tn.tenantId, other.id)).validFrom!);
    const fresh = delegated(t, ['User.Read'], [], { tenantId: tn.tenantId, objectId: other.id, userPrincipalName: other.userPrincipalName });
    const mine = await call(t, 'GET', `/v1.0/me?${select}`, { token: fresh });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ createdDateTime: '2024-01-02T10:00:00Z', signInSessionsValidFromDateTime: own });
  });

  it('disabling a user moves it too (its tokens are refused from then); enabling again keeps it', async () => {
    const tn = tenant();
    const u = await tn.add('dis');
    await backdate(tn.tenantId, u.id, '2024-03-01T08:00:00Z');
    const read = async () => (await tn.get(`/v1.0/users/${u.id}?$select=signInSessionsValidFromDateTime,accountEnabled`)).body;
    expect(await read()).toMatchObject({ accountEnabled: true, signInSessionsValidFromDateTime: '2024-03-01T08:00:00Z' });

    expect((await call(t, 'PATCH', `/v1.0/users/${u.id}`, { token: tn.admin, body: { accountEnabled: false } })).status).toBe(204);
    const disabledAt = graphTime((await stored(tn.tenantId, u.id)).validFrom!);
    expect(disabledAt > '2024-03-01T08:00:00Z').toBe(true);
    expect(await read()).toMatchObject({ accountEnabled: false, signInSessionsValidFromDateTime: disabledAt });

    expect((await call(t, 'PATCH', `/v1.0/users/${u.id}`, { token: tn.admin, body: { accountEnabled: true } })).status).toBe(204);
    expect(await read()).toMatchObject({ accountEnabled: true, signInSessionsValidFromDateTime: disabledAt });
  });

  it('a user created disabled is valid from its creation; a revocation older than the user (same id again) does not show', async () => {
    const tn = tenant();
    const u = await tn.add('born-disabled', { accountEnabled: false });
    const s = await stored(tn.tenantId, u.id);
    expect(s.validFrom).toBe(s.created);
    const body = (await tn.get(`/v1.0/users/${u.id}?$select=createdDateTime,signInSessionsValidFromDateTime`)).body;
    expect(body).toMatchObject({ createdDateTime: graphTime(s.created), signInSessionsValidFromDateTime: graphTime(s.created) });

    // A row left by an earlier user of the same id (deletion keeps it): the user's own creation wins.
    const again = await tn.add('again');
    await db.query(`INSERT INTO user_session_revocations (tenant_id, user_id, valid_from) VALUES ($1, $2, '2020-01-01T00:00:00Z')`, [tn.tenantId, again.id]);
    await backdate(tn.tenantId, again.id, '2024-05-05T05:05:05Z');
    const list = await tn.get(`/v1.0/users?$select=signInSessionsValidFromDateTime&$filter=id eq '${again.id}'`);
    expect(list.body.value).toEqual([{ id: again.id, signInSessionsValidFromDateTime: '2024-05-05T05:05:05Z' }]);
  });

  describe('$filter on createdDateTime', () => {
    let tn: ReturnType<typeof tenant>;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const made = (tn = tenant());
      for (const [name, at] of [
        ['jan', '2024-01-01T10:00:00Z'],
        ['feb', '2024-02-01T10:00:00Z'],
        ['mar', '2024-03-01T10:00:00Z'],
      ]) {
        ids[name] = (await made.add(name)).id;
        await backdate(made.tenantId, ids[name], at);
      }
    });
    const names = async (filter: string, extra = '', headers?: Record<string, string>) => {
      const res = await tn.get(`/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=displayName,createdDateTime&$orderby=displayName${extra}`, headers);
      expect(res.status).toBe(200);
      return (res.body.value as { displayName: string; createdDateTime: string }[]).map((u) => u.displayName);
    };

    it('eq, ge, le, in, and their combinations', async () => {
      expect(await names('createdDateTime eq 2024-02-01T10:00:00Z')).toEqual(['feb']);
      expect(await names('createdDateTime ge 2024-02-01T10:00:00Z')).toEqual(['feb', 'mar']);
      expect(await names('createdDateTime le 2024-02-01T10:00:00Z')).toEqual(['feb', 'jan']);
      expect(await names('createdDateTime ge 2024-01-15T00:00:00Z and createdDateTime le 2024-02-15T00:00:00Z')).toEqual(['feb']);
      expect(await names('createdDateTime in (2024-01-01T10:00:00Z, 2024-03-01T10:00:00Z)')).toEqual(['jan', 'mar']);
      // Another zone, and fractions: the same instant.
      expect(await names('createdDateTime eq 2024-02-01T12:00:00+02:00')).toEqual(['feb']);
      expect(await names('createdDateTime ge 2024-02-01T10:00:00.5Z')).toEqual(['mar']);
      // A value read back filters to its user.
      const back = (await tn.get(`/v1.0/users/${ids.jan}?$select=createdDateTime`)).body.createdDateTime;
      expect(await names(`createdDateTime eq ${back}`)).toEqual(['jan']);
    });

    it('ne and not are advanced queries (ConsistencyLevel: eventual and $count=true), as for the other properties', async () => {
      expectGraphError(await tn.get(`/v1.0/users?$filter=createdDateTime ne 2024-02-01T10:00:00Z`), 400, 'Request_UnsupportedQuery', /Operator 'ne'/);
      expect(await names('createdDateTime ne 2024-02-01T10:00:00Z', '&$count=true', EVENTUAL)).toEqual(['jan', 'mar']);
      expect(await names('not (createdDateTime ge 2024-02-01T10:00:00Z)', '&$count=true', EVENTUAL)).toEqual(['jan']);
      const count = await call(t, 'GET', `/v1.0/users/$count?$filter=${encodeURIComponent('createdDateTime ge 2024-02-01T10:00:00Z')}`, {
        token: tn.admin,
        headers: EVENTUAL,
      });
      expect({ status: count.status, body: count.body }).toEqual({ status: 200, body: 2 });
    });

    it('bad filters are 400 Request_UnsupportedQuery: other operators, wrong types, impossible dates, signInSessionsValidFromDateTime', async () => {
      const bad = [
        'createdDateTime gt 2024-02-01T10:00:00Z',
        'createdDateTime lt 2024-02-01T10:00:00Z',
        "createdDateTime eq '2024-02-01T10:00:00Z'",
        'createdDateTime eq 2024',
        'createdDateTime eq true',
        'createdDateTime ge 2024-02-30T10:00:00Z',
        'createdDateTime ge 2024-02-01T25:00:00Z',
        'createdDateTime ge 2024-02-01T10:00:00',
        "startswith(createdDateTime, '2024')",
        'signInSessionsValidFromDateTime ge 2024-01-01T00:00:00Z',
      ];
      for (const filter of bad) {
        const res = await tn.get(`/v1.0/users?$filter=${encodeURIComponent(filter)}`);
        expect({ filter, status: res.status, code: res.body?.error?.code }).toEqual({ filter, status: 400, code: 'Request_UnsupportedQuery' });
      }
      // Neither orders the list.
      for (const property of ['createdDateTime', 'signInSessionsValidFromDateTime']) {
        const res = await tn.get(`/v1.0/users?$orderby=${property}`);
        expect({ property, status: res.status }).toEqual({ property, status: 400 });
      }
    });
  });

  it('users/delta: the round keeps its $select, with both; the default round has neither', async () => {
    const tn = tenant();
    const u = await tn.add('delta');
    await backdate(tn.tenantId, u.id, '2024-06-01T00:00:00Z');
    const plain = await tn.get('/v1.0/users/delta');
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.body.value[0])).not.toContain('createdDateTime');
    const first = await tn.get('/v1.0/users/delta?$select=displayName,createdDateTime,signInSessionsValidFromDateTime');
    expect(first.status).toBe(200);
    expect(first.body.value).toEqual([
      { id: u.id, displayName: 'delta', createdDateTime: '2024-06-01T00:00:00Z', signInSessionsValidFromDateTime: '2024-06-01T00:00:00Z' },
    ]);
    // A later round (a change since the deltaLink) renders the same way.
    expect((await call(t, 'PATCH', `/v1.0/users/${u.id}`, { token: tn.admin, body: { jobTitle: 'Tracker' } })).status).toBe(204);
    expect((await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: tn.admin })).status).toBe(200);
    const revoked = graphTime((await stored(tn.tenantId, u.id)).validFrom!);
    const next = await tn.get(new URL(first.body['@odata.deltaLink']).pathname + new URL(first.body['@odata.deltaLink']).search);
    expect(next.status).toBe(200);
    expect(next.body.value).toEqual([{ id: u.id, displayName: 'delta', createdDateTime: '2024-06-01T00:00:00Z', signInSessionsValidFromDateTime: revoked }]);
  });

  it('the sessions join is in the statement only when $select names signInSessionsValidFromDateTime (one statement per list)', async () => {
    const tn = tenant();
    const u = await tn.add('sql');
    const seen: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : config?.text;
      if (text && this !== db) seen.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    const statements = async (path: string) => {
      seen.length = 0;
      expect((await tn.get(path)).status).toBe(200);
      return seen.filter((q) => /\busers\b/.test(q));
    };
    try {
      for (const path of [
        '/v1.0/users',
        `/v1.0/users/${u.id}`,
        '/v1.0/users?$select=displayName,createdDateTime',
        `/v1.0/users/${u.id}?$select=createdDateTime`,
      ]) {
        const sql = await statements(path);
        expect({ path, count: sql.length, joins: sql.filter((q) => q.includes('user_session_revocations')) }).toEqual({ path, count: 1, joins: [] });
      }
      const list = await statements('/v1.0/users?$select=signInSessionsValidFromDateTime');
      expect(list).toHaveLength(1);
      expect(list[0].replace(/"/g, '')).toMatch(
        /FROM users u LEFT JOIN user_session_revocations r ON r\.tenant_id = u\.tenant_id AND r\.user_id = u\.id WHERE u\.tenant_id = \$1/,
      );
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  it('getByIds returns the default set only', async () => {
    const tn = tenant();
    const u = await tn.add('byids');
    const res = await call(t, 'POST', '/v1.0/directoryObjects/getByIds', { token: tn.admin, body: { ids: [u.id] } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.value[0])).not.toContain('createdDateTime');
    expect(Object.keys(res.body.value[0])).not.toContain('signInSessionsValidFromDateTime');
  });
});
