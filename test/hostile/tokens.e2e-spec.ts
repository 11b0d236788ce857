import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { RELOAD_INTERVAL_MS, SigningKeysService } from '../../src/auth/keys/signing-keys.service.js';
import { DevTokenIssuer } from '../../src/auth/tokens/dev-token-issuer.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { call } from '../support/http.js';
import { TENANT_A } from '../support/tokens.js';
import { sleep, waitFor } from '../support/wait.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';

/** Generous: the machine is shared and loaded; nothing here measures time. */
const LONG = 120_000;

/**
 * Hostile tokens, from both sources (the development issuer and an external JWKS): a signed
 * token without `exp`, JWS extensions we do not implement (`crit`, `b64: false`), control
 * characters in the claims `/me` stores; and key sources that fail for a while (503, then 200,
 * never a remembered 401).
 */

type Source = 'development' | 'external';

const external = generateKeyPairSync('rsa', { modulusLength: 2048 });
const EXTERNAL_KID = 'ext-hostile-1';
const externalJwk = { ...(external.publicKey.export({ format: 'jwk' }) as object), kid: EXTERNAL_KID, use: 'sig', alg: 'RS256' };

/** A JWKS endpoint the test can break: `down` answers 500, `reset` drops the connection. */
function startJwks(keys: object[]) {
  let mode: 'up' | 'down' | 'reset' = 'up';
  const server: Server = createServer((req, res) => {
    if (mode === 'reset') return req.socket.destroy();
    if (mode === 'down') {
      res.statusCode = 500;
      return res.end('upstream trouble');
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  return new Promise<{ server: Server; url: string; set: (m: typeof mode) => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}/keys`, set: (m) => (mode = m) });
    }),
  );
}

const userClaims = (overrides: Record<string, unknown> = {}) => {
  const oid = randomUUID();
  return {
    aud: 'https://graph.microsoft.com',
    tid: TENANT_A,
    oid,
    idtyp: 'user',
    scp: 'User.Read',
    upn: `hostile-${oid.slice(0, 8)}@contoso.test`,
    name: 'Hostile Token',
    ...overrides,
  };
};

describe('hostile tokens', () => {
  let jwks: Awaited<ReturnType<typeof startJwks>>;
  let t: TestApp;

  /** Signs `claims` as the given source would, with `exp` unless `noExp`, and extra header members. */
  const sign = (source: Source, claims: Record<string, unknown>, opts: { noExp?: boolean; header?: Record<string, unknown> } = {}) => {
    const dev = source === 'development' ? t.app.get(SigningKeysService).activeKey() : undefined;
    const iss = source === 'development' ? t.app.get(DevTokenIssuer).issuerFor(TENANT_A) : `https://sts.windows.net/${TENANT_A}/`;
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss, iat: now, nbf: now, ...(opts.noExp ? {} : { exp: now + 600 }), ...claims };
    const key: KeyObject = dev ? dev.privateKey : external.privateKey;
    const kid = dev ? dev.kid : EXTERNAL_KID;
    return jwt.sign(payload, key, { algorithm: 'RS256', keyid: kid, noTimestamp: true, header: { alg: 'RS256', kid, ...opts.header } as jwt.JwtHeader });
  };

  const me = (token: string) => call(t, 'GET', '/v1.0/me', { token });

  /** 401 with Graph's code, every time it is presented, and nothing stored for its user. */
  async function expectRefused(token: string, message: RegExp, oid?: string) {
    for (let i = 0; i < 2; i++) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('InvalidAuthenticationToken');
      expect(res.body.error.message).toMatch(message);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    if (oid) {
      const c = new pg.Client(t.db.url);
      await c.connect();
      try {
        expect((await c.query('SELECT 1 FROM users WHERE id = $1', [oid])).rowCount).toBe(0);
      } finally {
        await c.end();
      }
    }
  }

  beforeAll(async () => {
    jwks = await startJwks([externalJwk]);
    t = await startTestApp({ AUTH_JWKS_URI: jwks.url });
  }, LONG);
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => jwks?.server.close(r));
  }, LONG);

  describe.each<Source>(['development', 'external'])('%s tokens', (source) => {
    it(
      'a well-formed token is accepted (the baseline the cases below break)',
      async () => {
        const res = await me(sign(source, userClaims()));
        expect(res.status).toBe(200);
      },
      LONG,
    );

    it(
      'a signed token without exp is refused (it would never expire)',
      async () => {
        const claims = userClaims();
        await expectRefused(sign(source, claims, { noExp: true }), /^Lifetime validation failed, the token has no expiration time\.$/, claims.oid);
      },
      LONG,
    );

    it.each([
      ['an unknown crit extension', { crit: ['urn:example:unknown'], 'urn:example:unknown': 1 }],
      ['crit naming exp', { crit: ['exp'] }],
      ['an empty crit list', { crit: [] }],
      ['b64: false with crit', { b64: false, crit: ['b64'] }],
      ['b64: false without crit', { b64: false }],
      ['b64 of another type', { b64: 'false' }],
    ])(
      'a header with %s is refused (RFC 7515 §4.1.11, RFC 7797)',
      async (_what, header) => {
        const claims = userClaims();
        await expectRefused(sign(source, claims, { header }), /^Access token validation failure\. Unsupported header parameter\.$/, claims.oid);
      },
      LONG,
    );

    it.each([
      ['upn', 'a\u0000b@contoso.test'],
      ['upn', 'line\nbreak@contoso.test'],
      ['name', 'Zero\u0000Byte'],
      ['name', 'Bell\u0007'],
      ['name', 'C1 \u0085 control'],
      ['name', 'lone \ud800 surrogate'],
      ['preferred_username', 'x\u0000@contoso.test'],
      ['unique_name', 'x\u001b[31m@contoso.test'],
    ])(
      '%s with a control character (%j) is refused before /me stores anything',
      async (claim, value) => {
        const claims = userClaims({ [claim]: value, ...(claim === 'upn' ? {} : { upn: undefined }) });
        await expectRefused(sign(source, claims), /Required claims are missing or invalid/, claims.oid);
      },
      LONG,
    );
  });

  it(
    'JWKS endpoint failing: 503 serviceNotAvailable (not 401, not remembered), then 200 once it answers',
    async () => {
      // A service of its own, whose JWKS has never been fetched (no cooldown, no cached set).
      const down = await startJwks([externalJwk]);
      const t2 = await startTestApp({ AUTH_JWKS_URI: down.url });
      try {
        const now = Math.floor(Date.now() / 1000);
        const token = jwt.sign({ ...userClaims(), iss: `https://sts.windows.net/${TENANT_A}/`, nbf: now, exp: now + 600 }, external.privateKey, {
          algorithm: 'RS256',
          keyid: EXTERNAL_KID,
          noTimestamp: true,
        });
        for (const mode of ['down', 'reset', 'down'] as const) {
          down.set(mode);
          const res = await call(t2, 'GET', '/v1.0/me', { token });
          expect(res.status).toBe(503);
          expect(res.body.error.code).toBe('serviceNotAvailable');
          expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        }
        down.set('up');
        expect((await call(t2, 'GET', '/v1.0/me', { token })).status).toBe(200);
      } finally {
        await t2.close();
        await new Promise((r) => down.server.close(r));
      }
    },
    LONG,
  );
});

describe('development tokens while Postgres stalls', () => {
  let db: OwnPostgres;
  let t: TestApp;

  beforeAll(async () => {
    db = await startOwnPostgres('hostile_tokens');
    t = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '1000', DB_POOL_SIZE: '4' }, [], { databaseUrl: db.url });
  }, LONG);
  afterAll(async () => {
    db?.thaw();
    await t?.close();
    await db?.stop();
  }, LONG);

  it(
    'a valid token signed by a key the service has not loaded yet: 503 while frozen, 200 once Postgres is back',
    async () => {
      // Another instance rotated: a new published key is in the table, not yet in this one's memory.
      const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomBytes(16).toString('base64url');
      const jwk = key.publicKey.export({ format: 'jwk' }) as Record<string, string>;
      const c = new pg.Client(db.url);
      await c.connect();
      try {
        await c.query(`INSERT INTO signing_keys (kid, private_key_pem, public_jwk, retired_at) VALUES ($1, $2, $3, now())`, [
          kid,
          key.privateKey.export({ type: 'pkcs8', format: 'pem' }),
          { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n, e: jwk.e },
        ]);
      } finally {
        await c.end();
      }
      const now = Math.floor(Date.now() / 1000);
      const token = jwt.sign({ ...userClaims(), iss: t.app.get(DevTokenIssuer).issuerFor(TENANT_A), nbf: now, exp: now + 3600 }, key.privateKey, {
        algorithm: 'RS256',
        keyid: kid,
        noTimestamp: true,
      });
      // Unknown kids re-read the table at most once per interval; let the boot-time read age out.
      await sleep(RELOAD_INTERVAL_MS + 500);

      await db.freeze();
      try {
        for (let i = 0; i < 2; i++) {
          const res = await call(t, 'GET', '/v1.0/me', { token });
          expect(res.status).toBe(503);
          expect(res.body.error.code).toBe('serviceNotAvailable');
        }
      } finally {
        db.thaw();
      }
      await waitFor('the database back', async () => (await fetch(`${t.url}/health`)).status === 200, 60_000);
      const res = await call(t, 'GET', '/v1.0/me', { token });
      expect(res.status).toBe(200);
      expect(res.body.userPrincipalName).toMatch(/@contoso\.test$/);
    },
    LONG,
  );
});
