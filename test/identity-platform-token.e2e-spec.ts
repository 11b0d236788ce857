import { ClientSecretCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createHash, createSign, randomUUID, X509Certificate } from 'node:crypto';
import pg from 'pg';
import { generate } from 'selfsigned';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { DevTokenIssuer } from '../src/auth/tokens/dev-token-issuer.service.js';
import { azureHttpClient, claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest as tokenRequestAt } from './support/identity-platform.js';
import { application } from './support/tokens.js';

/**
 * The token endpoint (issue #14, DECISIONS §10) driven by the real Microsoft clients over HTTPS, with only the
 * authority host changed: msal-node (secret and certificate) and @azure/identity; then Entra's refusals by number.
 */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const { Client } = pg;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('identity platform: POST /{tenant}/oauth2/v2.0/token (client credentials)', () => {
  let t: TlsTestApp;

  beforeAll(async () => {
    t = await startTlsTestApp();
  });
  afterAll(() => t?.close());

  const api = (method: string, path: string, token: string, body?: unknown) => tlsCall(t, method, path, token, body);
  const tokenRequest = (tenantId: string, form: Record<string, string>, headers: Record<string, string> = {}) => tokenRequestAt(t, tenantId, form, headers);
  const networkClient = () => msalNetworkClient(t);

  /** A tenant with an app registration (secret, certificate), its principal, and Graph's `Application.Read.All` granted. */
  async function tenant() {
    const tenantId = randomUUID();
    const admin = application(t, ['Application.ReadWrite.All', 'Application.Read.All', 'AppRoleAssignment.ReadWrite.All'], { tenantId });
    const app = (await api('POST', '/v1.0/applications', admin, { displayName: 'Daemon' })).body;
    const secret = (await api('POST', `/v1.0/applications/${app.id}/addPassword`, admin, { passwordCredential: { displayName: 'ci' } })).body
      .secretText as string;
    const pems = await generate([{ name: 'commonName', value: 'daemon' }], { keySize: 2048, algorithm: 'sha256' });
    const der = pems.cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    expect(
      (await api('PATCH', `/v1.0/applications/${app.id}`, admin, { keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: der }] })).status,
    ).toBe(204);
    const client = (await api('POST', '/v1.0/servicePrincipals', admin, { appId: app.appId })).body;
    const graph = (await api('GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, admin)).body.value[0];
    const role = graph.appRoles.find((r: { value: string }) => r.value === 'Application.Read.All');
    const granted = await api('POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, admin, {
      principalId: client.id,
      resourceId: graph.id,
      appRoleId: role.id,
    });
    expect(granted.status).toBe(201);
    const certificate = { der, privateKey: pems.private, thumbprintSha256: new X509Certificate(Buffer.from(der, 'base64')).fingerprint256.replaceAll(':', '') };
    return { tenantId, app, secret, client, certificate };
  }

  /** A client assertion as msal-node builds it (PS256, `x5t#S256`), or with the claims given. */
  function assertion(tenantId: string, appId: string, privateKey: string, der: string, claims: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const x5t256 = createHash('sha256').update(Buffer.from(der, 'base64')).digest('base64url');
    const input = `${b64({ alg: 'RS256', typ: 'JWT', 'x5t#S256': x5t256 })}.${b64({ aud: `${t.url}/${tenantId}/oauth2/v2.0/token`, iss: appId, sub: appId, jti: randomUUID(), nbf: now, exp: now + 600, ...claims })}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
  }

  it('msal-node ConfidentialClientApplication with a secret: an app token our Graph routes accept', async () => {
    const { tenantId, app, secret, client } = await tenant();
    const cca = new ConfidentialClientApplication({
      // msal-node 3 asks login.microsoftonline.com (never the authority's host) for instance discovery; offline,
      // the authority must be declared known (docs/choices.md "Sign-in: the token endpoint").
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, clientSecret: secret, knownAuthorities: [new URL(t.url).host] },
      system: { networkClient: networkClient() },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.tokenType).toBe('Bearer');
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: t.app.get(DevTokenIssuer).issuerFor(tenantId),
      tid: tenantId,
      oid: client.id,
      sub: client.id,
      azp: app.appId,
      appid: app.appId,
      appidacr: '1',
      idtyp: 'app',
      ver: '2.0',
      roles: ['Application.Read.All'],
    });
    expect(claims.exp - claims.iat).toBe(3599);
    expect(typeof claims.uti).toBe('string');
    const listed = await api('GET', '/v1.0/applications', result!.accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body.value.map((a: { appId: string }) => a.appId)).toEqual([app.appId]);
    // A write needs Application.ReadWrite.All, which the client was not granted.
    expect((await api('POST', '/v1.0/applications', result!.accessToken, { displayName: 'x' })).status).toBe(403);
  });

  it('msal-node with a certificate (x5t#S256, PS256): appidacr 2', async () => {
    const { tenantId, app, certificate } = await tenant();
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: app.appId,
        authority: `${t.url}/${tenantId}`,
        clientCertificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKey },
        knownAuthorities: [new URL(t.url).host],
      },
      system: { networkClient: networkClient() },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [`${GRAPH_APP_ID}/.default`] });
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({ aud: GRAPH_APP_ID, appidacr: '2', azpacr: '2', roles: ['Application.Read.All'] });
    expect((await api('GET', '/v1.0/applications', result!.accessToken)).status).toBe(200);
  });

  it('@azure/identity ClientSecretCredential with authorityHost at this server', async () => {
    const { tenantId, app, secret } = await tenant();
    const credential = new ClientSecretCredential(tenantId, app.appId, secret, {
      authorityHost: t.url,
      httpClient: azureHttpClient(t),
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    expect((await api('GET', '/v1.0/applications', token.token)).status).toBe(200);
  });

  it('serves MSAL instance discovery and advertises the token endpoint', async () => {
    const tenantId = randomUUID();
    const res = await fetch(
      `${t.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${t.url}/${tenantId}/oauth2/v2.0/authorize`)}`,
      { dispatcher: t.dispatcher } as RequestInit,
    );
    const host = new URL(t.url).host;
    expect(await res.json()).toEqual({
      tenant_discovery_endpoint: `${t.url}/${tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    const config: any = await (await fetch(`${t.url}/${tenantId}/v2.0/.well-known/openid-configuration`, { dispatcher: t.dispatcher } as RequestInit)).json();
    expect(config.token_endpoint).toBe(`${t.url}/${tenantId}/oauth2/v2.0/token`);
  });

  it('accepts HTTP Basic client authentication', async () => {
    const { tenantId, app, secret } = await tenant();
    const basic = Buffer.from(`${encodeURIComponent(app.appId)}:${encodeURIComponent(secret)}`).toString('base64');
    const res = await tokenRequest(
      tenantId,
      { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' },
      { authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect({ cacheControl: res.headers.get('cache-control'), pragma: res.headers.get('pragma') }).toEqual({
      cacheControl: 'no-store, no-cache',
      pragma: 'no-cache',
    });
  });

  describe("refusals in Entra's shape", () => {
    it('bad secret 7000215, unknown client 700016, a client of another tenant 700016', async () => {
      const a = await tenant();
      const b = await tenant();
      const form = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default', client_id: a.app.appId };
      expectSts(t, await tokenRequest(a.tenantId, { ...form, client_secret: 'wrong' }), 401, 'invalid_client', 7000215);
      expectSts(t, await tokenRequest(a.tenantId, { ...form, client_id: randomUUID(), client_secret: a.secret }), 400, 'unauthorized_client', 700016);
      expectSts(t, await tokenRequest(b.tenantId, { ...form, client_secret: a.secret }), 400, 'unauthorized_client', 700016);
      expectSts(t, await tokenRequest(a.tenantId, form), 401, 'invalid_client', 7000218);
    });

    it('missing parameters 900144, unsupported grant 70003, invalid scope 70011/1002012, other resource 500011, duplicates 9000411', async () => {
      const { tenantId, app, secret } = await tenant();
      const base = { client_id: app.appId, client_secret: secret };
      expectSts(t, await tokenRequest(tenantId, { ...base, scope: 'https://graph.microsoft.com/.default' }), 400, 'invalid_request', 900144);
      expectSts(t, await tokenRequest(tenantId, { ...base, grant_type: 'magic' }), 400, 'unsupported_grant_type', 70003);
      expectSts(t, await tokenRequest(tenantId, { ...base, grant_type: 'client_credentials' }), 400, 'invalid_scope', 70011);
      expectSts(t, await tokenRequest(tenantId, { ...base, grant_type: 'client_credentials', scope: 'User.Read' }), 400, 'invalid_scope', 1002012);
      expectSts(
        t,
        await tokenRequest(tenantId, { ...base, grant_type: 'client_credentials', scope: 'https://vault.azure.net/.default' }),
        400,
        'invalid_resource',
        500011,
      );
      const dup = await fetch(`${t.url}/${tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${app.appId}&client_id=${randomUUID()}&client_secret=${encodeURIComponent(secret)}&scope=https://graph.microsoft.com/.default`,
        dispatcher: t.dispatcher,
      } as RequestInit);
      expectSts(t, { status: dup.status, body: await dup.json() }, 400, 'invalid_request', 9000411);
    });

    it('echoes the client-request-id as the correlation id', async () => {
      const id = randomUUID();
      const res = await tokenRequest(randomUUID(), { grant_type: 'client_credentials' }, { 'client-request-id': id });
      expect(res.body.correlation_id).toBe(id);
    });

    it('a client assertion is single-use (jti), and must name the token endpoint and the client', async () => {
      const { tenantId, app, certificate } = await tenant();
      const form = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default', client_id: app.appId, client_assertion_type: JWT_BEARER };
      const jwt = assertion(tenantId, app.appId, certificate.privateKey, certificate.der);
      expect((await tokenRequest(tenantId, { ...form, client_assertion: jwt })).status).toBe(200);
      expectSts(t, await tokenRequest(tenantId, { ...form, client_assertion: jwt }), 401, 'invalid_client', 50013);
      const other = await tenant();
      expectSts(
        t,
        await tokenRequest(tenantId, { ...form, client_assertion: assertion(tenantId, app.appId, other.certificate.privateKey, other.certificate.der) }),
        401,
        'invalid_client',
        700027,
      );
      expectSts(
        t,
        await tokenRequest(tenantId, {
          ...form,
          client_assertion: assertion(tenantId, app.appId, certificate.privateKey, certificate.der, { aud: `${t.url}/${other.tenantId}/oauth2/v2.0/token` }),
        }),
        401,
        'invalid_client',
        700023,
      );
      expectSts(
        t,
        await tokenRequest(tenantId, {
          ...form,
          client_assertion: assertion(tenantId, app.appId, certificate.privateKey, certificate.der, { iss: other.app.appId }),
        }),
        401,
        'invalid_client',
        700021,
      );
      expectSts(
        t,
        await tokenRequest(tenantId, {
          ...form,
          client_assertion: assertion(tenantId, app.appId, certificate.privateKey, certificate.der, { exp: Math.floor(Date.now() / 1000) - 3600 }),
        }),
        401,
        'invalid_client',
        700024,
      );
      const tampered = jwt.split('.');
      expectSts(
        t,
        await tokenRequest(tenantId, {
          ...form,
          client_assertion: `${tampered[0]}.${Buffer.from(JSON.stringify({ ...claimsOf(jwt), jti: randomUUID() })).toString('base64url')}.${tampered[2]}`,
        }),
        401,
        'invalid_client',
        700027,
      );
      expectSts(t, await tokenRequest(tenantId, { ...form, client_assertion_type: 'urn:other', client_assertion: jwt }), 400, 'invalid_request', 50027);
    });

    it('keeps only hashes of secrets, and the used jti until the assertion expires', async () => {
      const { tenantId, app, secret, certificate } = await tenant();
      const jwt = assertion(tenantId, app.appId, certificate.privateKey, certificate.der);
      const form = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default', client_id: app.appId };
      expect((await tokenRequest(tenantId, { ...form, client_assertion_type: JWT_BEARER, client_assertion: jwt })).status).toBe(200);
      const pg = new Client({ connectionString: t.db.url });
      await pg.connect();
      try {
        const apps = await pg.query('SELECT password_credentials::text AS c FROM directory_applications WHERE tenant_id = $1', [tenantId]);
        expect(apps.rows[0].c).not.toContain(secret);
        const used = await pg.query('SELECT jti, expires_at FROM identity_platform_used_assertions WHERE tenant_id = $1', [tenantId]);
        expect(used.rows.map((r) => r.jti)).toEqual([claimsOf(jwt).jti]);
        expect(new Date(used.rows[0].expires_at).getTime()).toBeGreaterThan(Date.now());
      } finally {
        await pg.end();
      }
    });

    it('hostile form bodies: over 64 KB is 413 before parsing, an overlong value or a bad Basic header is 900144', async () => {
      const { tenantId, app, secret } = await tenant();
      const post = (body: string, headers: Record<string, string> = {}) =>
        fetch(`${t.url}/${tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body,
          dispatcher: t.dispatcher,
        } as RequestInit).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      const big = await post(`grant_type=client_credentials&client_id=${app.appId}&client_secret=${'a'.repeat(70_000)}`);
      expect(big.status).toBe(413);
      const long = await post(`grant_type=client_credentials&client_id=${app.appId}&client_secret=${'a'.repeat(20_000)}`);
      expectSts(t, long, 400, 'invalid_request', 900144);
      const basic = `Basic ${Buffer.from(`${app.appId}:%E0%A4%A`).toString('base64')}`;
      expectSts(
        t,
        await post('grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default', { authorization: basic }),
        400,
        'invalid_request',
        900144,
      );
      // Percent-decoding is WHATWG's: a stray `%` stays literal, and the form still works.
      const ok = await post(
        `grant_type=client_credentials&client_id=${app.appId}&client_secret=${encodeURIComponent(secret)}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&x=%zz`,
      );
      expect(ok.status).toBe(200);
    });

    it('refuses other content types (JSON) on the token endpoint with 900144, and form bodies on Graph routes with 415', async () => {
      const res = await fetch(`${t.url}/${randomUUID()}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
        dispatcher: t.dispatcher,
      } as RequestInit);
      expectSts(t, { status: res.status, body: await res.json() }, 400, 'invalid_request', 900144);
      const graph = await fetch(`${t.url}/v1.0/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'displayName=x',
        dispatcher: t.dispatcher,
      } as RequestInit);
      expect(graph.status).toBe(415);
    });
  });
});
