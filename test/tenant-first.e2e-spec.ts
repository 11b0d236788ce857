import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, ipLocationBody, policyBody } from './support/conditional-access.js';
import { handlerRoutes } from './support/handler-routes.js';
import { call } from './support/http.js';
import { delegated } from './support/tokens.js';

/**
 * The "tenant-first" claim of docs/SCALING.md, checked on the real schema and the real SQL, so the
 * service can run on a Postgres distributed by tenant (Citus and the like):
 * 1. every table's primary key starts with `tenant_id`, except the two global tables named here;
 * 2. every statement the application sends while serving requests (captured at the `pg` driver during
 *    this run: a seeded tenant, every GET and DELETE route of the route table, the main writes) scopes
 *    each tenant table it reads or writes by `tenant_id`.
 * Capturing at the driver sees what TypeORM generates as well as our hand-written SQL; a statement
 * only reached by a route this run does not call is not checked (the route walk keeps that set small).
 */
const GLOBAL_TABLES: Record<string, string> = {
  signing_keys: "the development issuer's keys, shared by every tenant (a reference table on Citus)",
  typeorm_migrations: 'the schema version',
};

const captured: string[] = [];
let capturing = false;
const originalQuery = pg.Client.prototype.query;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    const text = typeof config === 'string' ? config : config?.text;
    if (capturing && text) captured.push(text);
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

const TIMEOUT = 300_000;
const SCOPES = [
  'User.ReadWrite.All',
  'Directory.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Policy.ReadWrite.AuthenticationMethod',
  'Policy.Read.All',
  'AuthenticationContext.ReadWrite.All',
];

describe('tenant-first schema and SQL', () => {
  let t: TestApp;
  let tenantTables: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  }, TIMEOUT);
  afterAll(async () => {
    await t?.close();
  });

  it('every table has a primary key that starts with tenant_id, except the global ones', async () => {
    const db = new pg.Client(t.db.url);
    await db.connect();
    try {
      const { rows } = await db.query<{ table: string; key: string | null }>(
        `SELECT t.tablename AS table,
                (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                   FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE i.indrelid = format('%I.%I', t.schemaname, t.tablename)::regclass AND i.indisprimary) AS key
           FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY 1`,
      );
      // The list, for the reader of a failure: every table and its key.
      const keys = Object.fromEntries(rows.map((r) => [r.table, r.key]));
      expect(Object.keys(keys).length).toBeGreaterThan(10);
      const offenders = rows.filter((r) => !(r.table in GLOBAL_TABLES) && !r.key?.startsWith('tenant_id,') && r.key !== 'tenant_id');
      expect({ offenders: offenders.map((r) => `${r.table} (${r.key ?? 'no primary key'})`), keys }).toEqual({ offenders: [], keys });
      tenantTables = rows.map((r) => r.table).filter((n) => !(n in GLOBAL_TABLES));
    } finally {
      await db.end();
    }
  });

  it(
    'every statement sent while serving requests scopes each tenant table it touches by tenant_id',
    async () => {
      expect(tenantTables.length).toBeGreaterThan(10);
      const tenantId = randomUUID();
      const me = randomUUID();
      const token = delegated(t, SCOPES, ['Global Administrator'], { tenantId, objectId: me, userPrincipalName: 'admin@tenant-first.test' });
      const send = (method: string, path: string, body?: unknown) => call(t, method, path, { token, body });
      capturing = true;

      // A tenant with something of each kind, written through the API.
      const user = (
        await send('POST', '/v1.0/users', {
          accountEnabled: true,
          displayName: 'Tenant first',
          mailNickname: 'tf',
          userPrincipalName: 'tf@tenant-first.test',
          passwordProfile: { password: 'Str0ng!Passw0rd' },
        })
      ).body as { id: string };
      expect(user.id).toBeDefined();
      const phone = await send('POST', `/v1.0/users/${user.id}/authentication/phoneMethods`, { phoneNumber: '+1 2065555555', phoneType: 'mobile' });
      expect(phone.status).toBe(201);
      await send('POST', `/v1.0/users/${user.id}/authentication/emailMethods`, { emailAddress: 'tf@example.com' });
      await send('PATCH', `/v1.0/users/${user.id}`, { jobTitle: 'Checker' });
      await send('POST', `/v1.0/users/${user.id}/revokeSignInSessions`);
      // The "returned only on $select" reads join the users' sessions state (the route walk sends no $select).
      const selected = '$select=createdDateTime,signInSessionsValidFromDateTime';
      for (const path of [`/v1.0/users?${selected}`, `/v1.0/users/${user.id}?${selected}`, `/v1.0/me?${selected}`, `/v1.0/users/delta?${selected}`]) {
        expect((await send('GET', path)).status).toBe(200);
      }
      expect((await send('POST', `/v1.0${CA}/authenticationContextClassReferences`, { id: 'c1', displayName: 'C1', isAvailable: false })).status).toBe(201);
      const location = (await send('POST', `/v1.0${CA}/namedLocations`, ipLocationBody())).body as { id: string };
      const policy = (await send('POST', `/v1.0${CA}/policies`, policyBody({ locations: [location.id] }))).body as { id: string };
      expect(policy.id).toBeDefined();

      // Every GET and DELETE route of the route table, ids filled with the seeded ones where they fit
      // (else a fresh GUID: a 404 still runs the tenant-scoped lookup).
      const ids: Record<string, string> = { user: user.id, id: policy.id, methodId: phone.body.id };
      const fill = (pattern: string) => pattern.replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? randomUUID());
      const routes = handlerRoutes(t).filter((r) => r.method === 'GET' || r.method === 'DELETE');
      expect(routes.length).toBeGreaterThan(20);
      // Reads first, deletes last, so the reads see the seeded rows.
      for (const r of [...routes.filter((x) => x.method === 'GET'), ...routes.filter((x) => x.method === 'DELETE')]) {
        const res = await send(r.method, fill(r.pattern));
        expect(res.status).toBeLessThan(500);
      }
      capturing = false;

      const tables = new RegExp(`\\b(from|join|into|update)\\s+(?:"?public"?\\.)?"?(${tenantTables.join('|')})"?(?![\\w"])`, 'gi');
      const predicate = /tenant_id"?\s*(=|\bin\b)/gi;
      const checked: string[] = [];
      const offenders: string[] = [];
      for (const sql of new Set(captured)) {
        const refs = [...sql.matchAll(tables)];
        if (refs.length === 0) continue; // BEGIN/COMMIT, SET, health, advisory locks, signing keys
        checked.push(sql);
        const reads = refs.filter((m) => m[1].toLowerCase() !== 'into').length;
        const scoped = [...sql.matchAll(predicate)].length;
        const inserts = refs.length - reads;
        if (scoped < reads || (inserts > 0 && !/\(\s*[^)]*"?tenant_id"?/i.test(sql))) offenders.push(sql.replace(/\s+/g, ' ').slice(0, 400));
      }
      expect(checked.length).toBeGreaterThan(30);
      expect(offenders).toEqual([]);
    },
    TIMEOUT,
  );
});
