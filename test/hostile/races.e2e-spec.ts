import { Body, Module, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Public } from '../../src/auth/public.decorator.js';
import { Transactions } from '../../src/database/transactions.js';
import { GraphController } from '../../src/graph/graph-controller.decorator.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enableTap } from '../support/methods-policy.js';
import { call, type JsonResponse } from '../support/http.js';
import { delegated } from '../support/tokens.js';
import { waitFor } from '../support/wait.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';

/** Generous: the machine is shared and loaded; nothing here measures time. */
const LONG = 120_000;

/**
 * Races: many requests at once on the same user or name. Each must end in one of the statuses
 * docs/choices.md ("Races and tokens") lists for it, never 500 or 503, and the final state must be
 * consistent. A write answered 503 while Postgres stalls must not be applied afterwards.
 */

const PASSWORD_ID = '28c10230-6103-485e-b985-444c60001490';

/**
 * A write that stops before its COMMIT until the test opens the gate: the test freezes Postgres
 * in between, so the COMMIT is sent into a stalled server (the narrowest window there is).
 */
const gate = { reached: false, open: () => undefined as void, wait: Promise.resolve() };
function closeGate() {
  gate.reached = false;
  gate.wait = new Promise<void>((resolve) => (gate.open = resolve));
}
@GraphController('testRaces', { tag: 'test' })
class GatedWriteController {
  constructor(private readonly tx: Transactions) {}

  @Post('items')
  @Public()
  async create(@Body() body: { id: string }) {
    await this.tx.run(async (m) => {
      await m.query('INSERT INTO race_items (id) VALUES ($1)', [body.id]);
      gate.reached = true;
      await gate.wait;
    });
    return { id: body.id };
  }
}
@Module({ controllers: [GatedWriteController] })
class GatedWriteModule {}

const admin = (t: TestApp) =>
  delegated(t, ['User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess'], ['Global Administrator']);

async function createUser(t: TestApp, token: string, upn = `r${randomUUID().slice(0, 8)}@contoso.test`) {
  const res = await call(t, 'POST', '/v1.0/users', {
    token,
    body: {
      accountEnabled: true,
      displayName: 'Race',
      mailNickname: upn.split('@')[0],
      userPrincipalName: upn,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    },
  });
  if (res.status !== 201) throw new Error(`creating ${upn}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, upn };
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Describes what came back, for a readable failure: statuses outside the allowed set, with their codes. */
const unexpected = (results: { name: string; res: JsonResponse; allowed: number[] }[]) =>
  results.filter((r) => !r.allowed.includes(r.res.status)).map((r) => `${r.name}: ${r.res.status} ${r.res.body?.error?.code ?? ''}`);

describe('races', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    await enableTap(t);
    token = admin(t);
  }, LONG);
  afterAll(() => t?.close(), LONG);

  it(
    'deleting a user while its methods are created, read and reset: 404 for whoever comes after, no 500, no orphans',
    async () => {
      for (let round = 0; round < 4; round++) {
        const user = await createUser(t, token);
        const u = `/v1.0/users/${user.id}/authentication`;
        const b = `/beta/users/${user.id}/authentication`;
        const ops: { name: string; run: () => Promise<JsonResponse>; allowed: number[] }[] = [
          {
            name: 'POST mobile',
            run: () => call(t, 'POST', `${u}/phoneMethods`, { token, body: { phoneNumber: '+1 2065550100', phoneType: 'mobile' } }),
            allowed: [201, 409, 404],
          },
          {
            name: 'POST office',
            run: () => call(t, 'POST', `${u}/phoneMethods`, { token, body: { phoneNumber: '+1 2065550101', phoneType: 'office' } }),
            allowed: [201, 409, 404],
          },
          {
            name: 'POST email',
            run: () => call(t, 'POST', `${u}/emailMethods`, { token, body: { emailAddress: 'race@contoso.test' } }),
            allowed: [201, 409, 404],
          },
          { name: 'POST TAP', run: () => call(t, 'POST', `${u}/temporaryAccessPassMethods`, { token, body: {} }), allowed: [201, 404] },
          { name: 'POST resetPassword', run: () => call(t, 'POST', `${u}/methods/${PASSWORD_ID}/resetPassword`, { token, body: {} }), allowed: [202, 404] },
          { name: 'GET authentication', run: () => call(t, 'GET', u, { token }), allowed: [200, 404] },
          { name: 'GET methods', run: () => call(t, 'GET', `${u}/methods`, { token }), allowed: [200, 404] },
          { name: 'GET beta signInPreferences', run: () => call(t, 'GET', `${b}/signInPreferences`, { token }), allowed: [200, 404] },
          {
            name: 'PATCH beta signInPreferences',
            run: () => call(t, 'PATCH', `${b}/signInPreferences`, { token, body: { isSystemPreferredAuthenticationMethodEnabled: false } }),
            allowed: [204, 404],
          },
        ];
        const batch = Array.from({ length: 36 }, (_, i) => ops[i % ops.length]);
        // The delete goes in among them (not first, not last): who runs before it succeeds, who runs after gets 404.
        const all = [
          ...batch.slice(0, 12),
          { name: 'DELETE user', run: () => call(t, 'DELETE', `/v1.0/users/${user.id}`, { token }), allowed: [204] },
          ...batch.slice(12),
        ];
        const results = await Promise.all(all.map(async (op) => ({ ...op, res: await op.run() })));
        expect(unexpected(results)).toEqual([]);
        for (const r of results.filter((x) => x.res.status === 404)) expect(r.res.body.error.code).toBe('Request_ResourceNotFound');

        // Gone, with everything that was its.
        expect((await call(t, 'GET', `/v1.0/users/${user.id}`, { token })).status).toBe(404);
        for (const table of ['authentication_methods', 'authentications', 'authentication_operations']) {
          expect(await sql(t.db.url, `SELECT 1 FROM ${table} WHERE user_id = $1`, [user.id])).toEqual([]);
        }
      }
    },
    LONG,
  );

  it(
    'parallel userPrincipalName renames (swaps included): 204 or 400 duplicate, never 500/503; names stay unique and match an accepted rename',
    async () => {
      for (let round = 0; round < 5; round++) {
        const users = [await createUser(t, token), await createUser(t, token), await createUser(t, token)];
        const spare = `spare-${randomUUID().slice(0, 8)}@contoso.test`;
        // Each user is renamed to the others' names, to a name nobody has, to the shared spare and back:
        // swaps and cycles, where two updates each wait for the other's unique-index entry.
        const names = [...users.map((u) => u.upn), spare];
        const renames = Array.from({ length: 60 }, (_, i) => {
          const user = users[i % users.length];
          const choices = [...names.filter((n) => n !== user.upn), `x${i}-${user.upn}`, user.upn];
          return { id: user.id, upn: choices[Math.floor(i / users.length) % choices.length] };
        });
        const results = await Promise.all(
          renames.map(async (r) => ({ ...r, res: await call(t, 'PATCH', `/v1.0/users/${r.id}`, { token, body: { userPrincipalName: r.upn } }) })),
        );
        expect(results.filter((r) => ![204, 400].includes(r.res.status)).map((r) => `${r.res.status} ${r.res.body?.error?.code}`)).toEqual([]);
        for (const r of results.filter((x) => x.res.status === 400)) {
          expect(r.res.body.error).toMatchObject({ code: 'Request_BadRequest', message: expect.stringMatching(/same value for property userPrincipalName/) });
        }
        const rows = await sql<{ id: string; upn: string }>(t.db.url, 'SELECT id, user_principal_name AS upn FROM users WHERE id = ANY($1::uuid[])', [
          users.map((u) => u.id),
        ]);
        expect(rows).toHaveLength(users.length);
        expect(new Set(rows.map((r) => r.upn.toLowerCase())).size).toBe(users.length);
        for (const row of rows) {
          const original = users.find((u) => u.id === row.id)!.upn;
          const accepted = results.filter((r) => r.id === row.id && r.res.status === 204).map((r) => r.upn);
          expect([original, ...accepted]).toContain(row.upn);
        }
      }
    },
    LONG,
  );

  it(
    'the same create sent 30 times at once: one 201, the rest the documented duplicate answer',
    async () => {
      const upn = `same-${randomUUID().slice(0, 8)}@contoso.test`;
      const users = await Promise.all(
        Array.from({ length: 30 }, () =>
          call(t, 'POST', '/v1.0/users', {
            token,
            body: { accountEnabled: true, displayName: 'Same', mailNickname: 'same', userPrincipalName: upn, passwordProfile: { password: 'Str0ng!Passw0rd' } },
          }),
        ),
      );
      expect(users.map((r) => r.status).sort()).toEqual([201, ...Array(29).fill(400)]);
      expect(await sql(t.db.url, 'SELECT 1 FROM users WHERE lower(user_principal_name) = lower($1)', [upn])).toHaveLength(1);

      const accr = await Promise.all(
        Array.from({ length: 30 }, () =>
          call(t, 'POST', '/v1.0/identity/conditionalAccess/authenticationContextClassReferences', {
            token,
            body: { id: 'c7', displayName: 'Race', isAvailable: false },
          }),
        ),
      );
      expect(accr.map((r) => r.status).sort()).toEqual([201, ...Array(29).fill(409)]);
    },
    LONG,
  );
});

describe('a write answered 503 while Postgres stalls is not applied', () => {
  let db: OwnPostgres;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    db = await startOwnPostgres('hostile_races');
    await sql(db.url, 'CREATE TABLE race_items (id uuid PRIMARY KEY)');
    t = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '1000', DB_POOL_SIZE: '4' }, [GatedWriteModule], {
      databaseUrl: db.url,
    });
    token = admin(t);
  }, LONG);
  afterAll(async () => {
    db?.thaw();
    await t?.close();
    await db?.stop();
  }, LONG);

  it(
    'creates of a user, a method and a context: 503 while frozen, absent after the thaw, and the client retry is 201 (not a duplicate)',
    async () => {
      const existing = await createUser(t, token);
      const upn = `stall-${randomUUID().slice(0, 8)}@contoso.test`;
      const userBody = {
        accountEnabled: true,
        displayName: 'Stall',
        mailNickname: 'stall',
        userPrincipalName: upn,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      };
      const writes = [
        { method: 'POST', path: '/v1.0/users', body: userBody },
        { method: 'POST', path: `/v1.0/users/${existing.id}/authentication/emailMethods`, body: { emailAddress: 'stall@contoso.test' } },
        { method: 'POST', path: '/v1.0/identity/conditionalAccess/authenticationContextClassReferences', body: { id: 'c9', displayName: 'Stall' } },
        { method: 'PATCH', path: `/v1.0/users/${existing.id}`, body: { displayName: 'Renamed while frozen' } },
      ];
      await db.freeze();
      try {
        const answers = await Promise.all(writes.map((w) => call(t, w.method, w.path, { token, body: w.body })));
        expect(answers.map((r) => [r.status, r.body?.error?.code])).toEqual(writes.map(() => [503, 'serviceNotAvailable']));
      } finally {
        db.thaw();
      }
      await waitFor('the database back', async () => (await fetch(`${t.url}/health`)).status === 200, 60_000);

      // Nothing of the 503s reached the database, even after it resumed with their statements queued.
      expect(await sql(db.url, 'SELECT 1 FROM users WHERE lower(user_principal_name) = lower($1)', [upn])).toEqual([]);
      expect(await sql(db.url, 'SELECT 1 FROM authentication_methods WHERE user_id = $1', [existing.id])).toEqual([]);
      expect(await sql(db.url, "SELECT 1 FROM authentication_context_class_references WHERE id = 'c9'")).toEqual([]);
      expect(await sql(db.url, 'SELECT display_name FROM users WHERE id = $1', [existing.id])).toEqual([{ display_name: 'Race' }]);

      // What a Graph SDK does after a 503: send the same request again. It must succeed as a first attempt.
      for (const w of writes) {
        const res = await call(t, w.method, w.path, { token, body: w.body });
        expect([w.path, res.status]).toEqual([w.path, w.method === 'PATCH' ? 204 : 201]);
      }
    },
    LONG,
  );

  it(
    'a COMMIT sent just as Postgres stalls: 503, and Postgres refuses it when it resumes',
    async () => {
      closeGate();
      const id = randomUUID();
      const answer = call(t, 'POST', '/v1.0/testRaces/items', { body: { id } });
      await waitFor('the insert done, the COMMIT not yet sent', () => gate.reached);
      await db.freeze();
      let res: JsonResponse;
      try {
        gate.open(); // the COMMIT now goes into the frozen server
        res = await answer;
      } finally {
        db.thaw();
      }
      expect([res.status, res.body?.error?.code]).toEqual([503, 'serviceNotAvailable']);
      await waitFor('the database back', async () => (await fetch(`${t.url}/health`)).status === 200, 60_000);
      expect(await sql(db.url, 'SELECT 1 FROM race_items WHERE id = $1', [id])).toEqual([]);
      // The same request again (the SDK's retry; the gate stays open) is a first write.
      expect((await call(t, 'POST', '/v1.0/testRaces/items', { body: { id } })).status).toBe(201);
    },
    LONG,
  );
});
