import { Get, Module } from '@nestjs/common';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { CurrentPrincipal } from '../src/auth/current-principal.decorator.js';
import { NOT_SUPPORTED } from '../src/auth/permissions/permission-table.js';
import { Permissions } from '../src/auth/permissions/permissions.decorator.js';
import type { Principal } from '../src/auth/principal.js';
import { SigningKeysService } from '../src/auth/keys/signing-keys.service.js';
import { GraphController } from '../src/graph/graph-controller.decorator.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated, mint, TENANT_A } from './support/tokens.js';

@GraphController('testTokens', { tag: 'test' })
class WhoAmIController {
  @Get()
  @Permissions('test.GetWhoAmI', 'who am i', {
    delegated: ['Test.Read'],
    application: ['Test.Read.All'],
    personal: NOT_SUPPORTED,
  })
  whoami(@CurrentPrincipal() p: Principal) {
    return { kind: p.kind, tenantId: p.tenantId, objectId: p.objectId };
  }
}
@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

const PATH = '/v1.0/testTokens';

async function expect401(t: TestApp, token: string | undefined, message: RegExp, headers: Record<string, string> = {}) {
  const res = await call(t, 'GET', PATH, { token, headers });
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('InvalidAuthenticationToken');
  expect(res.body.error.message).toMatch(message);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="", authorization_uri="https:\/\/login\.microsoftonline\.com\/common\/oauth2\/authorize"/);
}

/** A JWKS served by the test itself, standing in for Entra's. */
function startJwks(jwks: unknown): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}/keys`, hits: () => hits });
    }),
  );
}

describe('bearer tokens', () => {
  const external = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const externalJwk = { ...(external.publicKey.export({ format: 'jwk' }) as object), kid: 'ext-1', use: 'sig', alg: 'RS256' };
  let jwks: Awaited<ReturnType<typeof startJwks>>;
  let t: TestApp;

  const externalToken = (claims: Record<string, unknown>, kid = 'ext-1', key = external.privateKey) =>
    jwt.sign(
      {
        aud: '00000003-0000-0000-c000-000000000000',
        iss: `https://sts.windows.net/${TENANT_A}/`,
        tid: TENANT_A,
        oid: randomUUID(),
        roles: ['Test.Read.All'],
        ...claims,
      },
      key,
      { algorithm: 'RS256', keyid: kid, expiresIn: 600 },
    );

  beforeAll(async () => {
    jwks = await startJwks({ keys: [externalJwk] });
    t = await startTestApp({ AUTH_JWKS_URI: jwks.url, AUTH_CLOCK_SKEW_SECONDS: '60' }, [WhoAmIModule]);
  });
  afterAll(async () => {
    await t?.close();
    jwks?.server.close();
  });

  it('accepts a development token and exposes the caller', async () => {
    const oid = randomUUID();
    const res = await call(t, 'GET', PATH, { token: delegated(t, ['test.read'], [], { objectId: oid }) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'delegated', tenantId: TENANT_A, objectId: oid });
  });

  it('accepts an external token signed by a key from AUTH_JWKS_URI', async () => {
    const res = await call(t, 'GET', PATH, { token: externalToken({}) });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('application');
  });

  it('missing token: Access token is empty', () => expect401(t, undefined, /^Access token is empty\.$/));
  it('not a bearer header', () => expect401(t, undefined, /CompactToken/, { authorization: 'Basic abc' }));
  it('malformed token', () => expect401(t, 'not-a-jwt', /CompactToken parsing failed/));

  it('bad signature', async () => {
    const good = application(t, ['Test.Read.All']);
    const [h, p] = good.split('.');
    await expect401(t, `${h}.${p}.${Buffer.from('forged').toString('base64url')}`, /^Access token validation failure\.$/);
  });

  it('alg none and HS256 are refused', async () => {
    const kid = t.app.get(SigningKeysService).activeKey().kid;
    const payload = {
      aud: 'https://graph.microsoft.com',
      tid: TENANT_A,
      oid: randomUUID(),
      roles: ['Test.Read.All'],
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    await expect401(t, none, /validation failure/);
    const hs = jwt.sign(payload, 'secret', { algorithm: 'HS256', keyid: kid });
    await expect401(t, hs, /validation failure/);
  });

  it('expired beyond the clock skew', async () => {
    // lifetime -120s: expired two minutes ago, skew is 60s
    await expect401(t, mint(t, { kind: 'application', appRoles: ['Test.Read.All'], lifetimeSeconds: -120 }), /token is expired/);
  });

  it('expired within the clock skew is still accepted', async () => {
    const res = await call(t, 'GET', PATH, { token: mint(t, { kind: 'application', appRoles: ['Test.Read.All'], lifetimeSeconds: -10 }) });
    expect(res.status).toBe(200);
  });

  it('not yet valid', () => expect401(t, mint(t, { kind: 'application', appRoles: ['Test.Read.All'], notBeforeSeconds: 600 }), /not yet valid/));

  it('wrong audience', () => expect401(t, mint(t, { kind: 'application', appRoles: ['Test.Read.All'], audience: 'api://something-else' }), /Invalid audience/));

  it('wrong issuer for an external key', () => expect401(t, externalToken({ iss: 'https://evil.example/' }), /Invalid issuer/));

  it('issuer naming another tenant than tid', () => expect401(t, externalToken({ iss: `https://sts.windows.net/${randomUUID()}/` }), /Invalid issuer/));

  it('unknown kid (after one refetch of the JWKS)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect401(t, externalToken({}, 'ext-unknown', other.privateKey), /validation failure/);
  });

  it('external key used with a development kid is refused', async () => {
    const kid = t.app.get(SigningKeysService).activeKey().kid;
    await expect401(t, externalToken({}, kid), /^Access token validation failure\.$/);
  });

  it('missing tid/oid', () => expect401(t, externalToken({ oid: 'not-a-guid' }), /Required claims/));

  it('a rotated key keeps its tokens valid, and new tokens use the new key', async () => {
    const before = application(t, ['Test.Read.All']);
    const keys = t.app.get(SigningKeysService);
    const oldKid = keys.activeKey().kid;
    const newKid = await keys.rotate();
    expect(newKid).not.toBe(oldKid);
    expect((await call(t, 'GET', PATH, { token: before })).status).toBe(200);
    const after = application(t, ['Test.Read.All']);
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
    expect((await call(t, 'GET', PATH, { token: after })).status).toBe(200);
    const published = (await call(t, 'GET', `/${TENANT_A}/discovery/v2.0/keys`)).body.keys.map((k: { kid: string }) => k.kid);
    expect(published).toEqual(expect.arrayContaining([oldKid, newKid]));
  });

  it('serves an Entra-shaped discovery document', async () => {
    const res = await call(t, 'GET', `/${TENANT_A}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.body.issuer).toMatch(new RegExp(`/${TENANT_A}/v2\\.0$`));
    expect(res.body.jwks_uri).toMatch(new RegExp(`/${TENANT_A}/discovery/v2\\.0/keys$`));
    expect(res.body.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });
});
