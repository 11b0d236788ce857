import { createSign, randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated, TENANT_A, TENANT_B } from './support/tokens.js';

const WRITE = ['Application.ReadWrite.All'];
const READ = ['Application.Read.All'];

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

/** A self-signed RSA certificate: base64 DER of the certificate and the PEM private key. */
async function certificate(cn: string): Promise<{ der: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: cn }], { keySize: 2048, algorithm: 'sha256' });
  const der = pems.cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return { der, key: pems.private };
}

/** addKey's proof: RS256 JWT, aud Azure AD Graph, iss the application's object id, 10 minutes long. */
function proof(privateKeyPem: string, applicationId: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: '00000002-0000-0000-c000-000000000000', iss: applicationId, nbf: now - 5, exp: now + 595, ...claims })}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
}

describe('/applications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const tenant = () => randomUUID();
  const writer = (tenantId = TENANT_A) => application(t, WRITE, { tenantId });
  const create = (token: string, body: Record<string, unknown> = { displayName: 'My app' }, version = 'v1.0') =>
    call(t, 'POST', `/${version}/applications`, { token, body });

  describe('create and read', () => {
    it("creates with 201, Location, a generated appId and every property of Graph's type", async () => {
      const token = writer(tenant());
      const res = await create(token, {
        displayName: 'Contoso web',
        signInAudience: 'AzureADMyOrg',
        web: { redirectUris: ['https://contoso.example/signin-oidc', 'http://localhost:5000/cb'], implicitGrantSettings: { enableIdTokenIssuance: true } },
        spa: { redirectUris: ['http://localhost:3000'] },
        publicClient: { redirectUris: ['msal00000000-0000-0000-0000-000000000000://auth', 'http://localhost'] },
        requiredResourceAccess: [
          { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] },
        ],
        identifierUris: ['api://contoso-web'],
      });
      expect(res.status).toBe(201);
      expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#applications/$entity`);
      expect(res.headers.get('location')).toBe(`${t.url}/v1.0/applications/${res.body.id}`);
      expect(res.body.appId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.appId).not.toBe(res.body.id);
      expect(res.body).toMatchObject({
        displayName: 'Contoso web',
        signInAudience: 'AzureADMyOrg',
        passwordCredentials: [],
        keyCredentials: [],
        spa: { redirectUris: ['http://localhost:3000'] },
        identifierUris: ['api://contoso-web'],
      });
      expect(res.body.web).toMatchObject({
        redirectUris: ['https://contoso.example/signin-oidc', 'http://localhost:5000/cb'],
        implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
      });
      expect(res.body).not.toHaveProperty('logo');

      const got = await call(t, 'GET', `/v1.0/applications/${res.body.id}`, { token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('defaults signInAudience to AzureADMyOrg and requires displayName', async () => {
      const token = writer(tenant());
      const res = await create(token, { displayName: 'x' });
      expect(res.body.signInAudience).toBe('AzureADMyOrg');
      expectGraphError(await create(token, {}), 400, 'Request_BadRequest', /displayName/);
    });

    it('refuses read-only properties and unknown ones, writing nothing', async () => {
      const token = writer(tenant());
      expectGraphError(await create(token, { displayName: 'x', appId: randomUUID() }), 400, 'Request_BadRequest', /appId/);
      expectGraphError(await create(token, { displayName: 'x', passwordCredentials: [] }), 400, 'Request_BadRequest', /passwordCredentials/);
      expectGraphError(await create(token, { displayName: 'x', colour: 'red' }), 400, 'Request_BadRequest', /colour/);
      expect((await call(t, 'GET', '/v1.0/applications', { token })).body.value).toEqual([]);
    });

    it("serves beta with beta's type", async () => {
      const token = writer(tenant());
      const res = await create(token, { displayName: 'beta app' }, 'beta');
      expect(res.status).toBe(201);
      expect(res.body['@odata.context']).toBe(`${t.url}/beta/$metadata#applications/$entity`);
      expect(res.body).not.toHaveProperty('oauth2RequirePostResponse');
      expect(res.body.web).toHaveProperty('oauth2AllowImplicitFlow', false);
    });
  });

  describe("redirect URIs (Entra's restrictions)", () => {
    it.each([
      ['web', 'http://contoso.example/cb'],
      ['web', 'https://contoso.example/cb#frag'],
      ['web', 'https://*.contoso.example/cb'],
      ['web', 'not a uri'],
      ['spa', 'http://contoso.example'],
      ['web', `https://contoso.example/${'a'.repeat(250)}`],
      ['publicClient', 'relative/path'],
    ])('%s %s is 400', async (kind, uri) => {
      const res = await create(writer(tenant()), { displayName: 'x', [kind]: { redirectUris: [uri] } });
      expectGraphError(res, 400, 'Request_BadRequest', /redirectUris/);
    });

    it('accepts https, loopback http and custom schemes for public clients', async () => {
      const res = await create(writer(tenant()), {
        displayName: 'x',
        web: { redirectUris: ['https://a.example/cb?x=1', 'http://127.0.0.1:8400/', 'http://[::1]/cb'] },
        publicClient: { redirectUris: ['https://login.microsoftonline.com/common/oauth2/nativeclient', 'myapp://auth'] },
      });
      expect(res.status).toBe(201);
    });
  });

  describe('list', () => {
    it('filters, selects, counts and pages', async () => {
      const token = writer(tenant());
      for (const name of ['alpha', 'beta', 'gamma']) await create(token, { displayName: name });
      const filtered = await call(t, 'GET', `/v1.0/applications?$filter=startswith(displayName,'a')&$select=id,displayName`, { token });
      expect(filtered.status).toBe(200);
      expect(filtered.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#applications(id,displayName)`);
      expect(filtered.body.value).toEqual([{ id: expect.any(String), displayName: 'alpha' }]);

      const page = await call(t, 'GET', '/v1.0/applications?$top=2&$count=true&$orderby=displayName', { token });
      expect(page.body['@odata.count']).toBe(3);
      expect(page.body.value.map((a: { displayName: string }) => a.displayName)).toEqual(['alpha', 'beta']);
      const next = await call(t, 'GET', page.body['@odata.nextLink'].slice(t.url.length), { token });
      expect(next.body.value.map((a: { displayName: string }) => a.displayName)).toEqual(['gamma']);

      const one = (await call(t, 'GET', "/v1.0/applications?$filter=displayName eq 'beta'", { token })).body.value[0];
      const byAppId = await call(t, 'GET', `/v1.0/applications?$filter=appId eq '${one.appId}'`, { token });
      expect(byAppId.body.value.map((a: { id: string }) => a.id)).toEqual([one.id]);

      const count = await fetch(`${t.url}/v1.0/applications/$count`, { headers: { authorization: `Bearer ${token}` } });
      expect(await count.text()).toBe('3');
      expectGraphError(await call(t, 'GET', "/v1.0/applications?$filter=notes eq 'x'", { token }), 400, 'Request_UnsupportedQuery');
    });
  });

  describe('update and delete', () => {
    it('PATCH is 204 and merges web; DELETE is 204 then 404', async () => {
      const token = writer(tenant());
      const { id } = (await create(token, { displayName: 'x', web: { redirectUris: ['https://a.example/cb'], homePageUrl: 'https://a.example' } })).body;
      const patched = await call(t, 'PATCH', `/v1.0/applications/${id}`, { token, body: { displayName: 'y', web: { logoutUrl: 'https://a.example/logout' } } });
      expect(patched.status).toBe(204);
      const got = (await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body;
      expect(got.displayName).toBe('y');
      expect(got.web).toMatchObject({ redirectUris: ['https://a.example/cb'], homePageUrl: 'https://a.example', logoutUrl: 'https://a.example/logout' });
      expectGraphError(await call(t, 'PATCH', `/v1.0/applications/${id}`, { token, body: { displayName: null } }), 400, 'Request_BadRequest');

      expect((await call(t, 'DELETE', `/v1.0/applications/${id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `/v1.0/applications/${id}`, { token }), 404, 'Request_ResourceNotFound');
      expectGraphError(await call(t, 'DELETE', `/v1.0/applications/${id}`, { token }), 404, 'Request_ResourceNotFound');
      expectGraphError(await call(t, 'GET', '/v1.0/applications/not-a-guid', { token }), 404, 'Request_ResourceNotFound');
    });
  });

  describe('secrets', () => {
    it('addPassword returns the secret once; reads never show it; removePassword removes it', async () => {
      const token = writer(tenant());
      const { id } = (await create(token)).body;
      const added = await call(t, 'POST', `/v1.0/applications/${id}/addPassword`, { token, body: { passwordCredential: { displayName: 'ci' } } });
      expect(added.status).toBe(200);
      expect(added.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#microsoft.graph.passwordCredential`);
      expect(added.body.secretText).toMatch(/^[A-Za-z0-9_~.-]{40}$/);
      expect(added.body.hint).toBe(added.body.secretText.slice(0, 3));
      expect(added.body.displayName).toBe('ci');
      const years = (Date.parse(added.body.endDateTime) - Date.parse(added.body.startDateTime)) / (365.25 * 86400_000);
      expect(Math.round(years)).toBe(2);

      const got = await call(t, 'GET', `/v1.0/applications/${id}`, { token });
      expect(got.body.passwordCredentials).toEqual(
        [{ ...added.body, '@odata.context': undefined, secretText: null }].map(({ '@odata.context': _, ...c }) => c),
      );
      expect(JSON.stringify(got.body)).not.toContain(added.body.secretText);

      expectGraphError(await call(t, 'POST', `/v1.0/applications/${id}/removePassword`, { token, body: { keyId: randomUUID() } }), 400, 'Request_BadRequest');
      expect((await call(t, 'POST', `/v1.0/applications/${id}/removePassword`, { token, body: { keyId: added.body.keyId } })).status).toBe(204);
      expect((await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body.passwordCredentials).toEqual([]);
    });

    it('refuses an end before the start and a body without an app', async () => {
      const token = writer(tenant());
      const { id } = (await create(token)).body;
      const bad = { passwordCredential: { startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2029-01-01T00:00:00Z' } };
      expectGraphError(await call(t, 'POST', `/v1.0/applications/${id}/addPassword`, { token, body: bad }), 400, 'Request_BadRequest');
      expectGraphError(await call(t, 'POST', `/v1.0/applications/${randomUUID()}/addPassword`, { token, body: {} }), 404, 'Request_ResourceNotFound');
    });
  });

  describe('certificates', () => {
    it('PATCH adds the first certificate; addKey needs a proof signed by a current one', async () => {
      const token = writer(tenant());
      const { id } = (await create(token)).body;
      const first = await certificate('first');
      const second = await certificate('second');

      const noKeyYet = await call(t, 'POST', `/v1.0/applications/${id}/addKey`, {
        token,
        body: { keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: second.der }, passwordCredential: null, proof: proof(second.key, id) },
      });
      expectGraphError(noKeyYet, 400, 'Request_BadRequest', /no valid certificate/);

      const patched = await call(t, 'PATCH', `/v1.0/applications/${id}`, {
        token,
        body: { keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: first.der }] },
      });
      expect(patched.status).toBe(204);
      const keys = (await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body.keyCredentials;
      expect(keys).toEqual([expect.objectContaining({ type: 'AsymmetricX509Cert', usage: 'Verify', key: null, displayName: 'CN=first' })]);

      const body = (p: string) => ({ keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: second.der }, passwordCredential: null, proof: p });
      expectGraphError(
        await call(t, 'POST', `/v1.0/applications/${id}/addKey`, { token, body: body(proof(second.key, id)) }),
        400,
        'Request_BadRequest',
        /proof/,
      );
      expectGraphError(
        await call(t, 'POST', `/v1.0/applications/${id}/addKey`, { token, body: body(proof(first.key, randomUUID())) }),
        400,
        'Request_BadRequest',
        /proof/,
      );
      expectGraphError(
        await call(t, 'POST', `/v1.0/applications/${id}/addKey`, { token, body: body(proof(first.key, id, { aud: 'https://graph.microsoft.com' })) }),
        400,
        'Request_BadRequest',
      );
      const added = await call(t, 'POST', `/v1.0/applications/${id}/addKey`, { token, body: body(proof(first.key, id)) });
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        '@odata.context': `${t.url}/v1.0/$metadata#microsoft.graph.keyCredential`,
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
      });
      expect((await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body.keyCredentials).toHaveLength(2);
    });

    it('removeKey needs the same proof; an unknown keyId is 400', async () => {
      const token = writer(tenant());
      const { id } = (await create(token)).body;
      const first = await certificate('first');
      const second = await certificate('second');
      const keys = [first, second].map((c) => ({ type: 'AsymmetricX509Cert', usage: 'Verify', key: c.der }));
      expect((await call(t, 'PATCH', `/v1.0/applications/${id}`, { token, body: { keyCredentials: keys } })).status).toBe(204);
      const [, old] = (await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body.keyCredentials;
      const remove = (keyId: string, p: string) => call(t, 'POST', `/v1.0/applications/${id}/removeKey`, { token, body: { keyId, proof: p } });
      expectGraphError(await remove(old.keyId, proof((await certificate('stranger')).key, id)), 400, 'Request_BadRequest', /proof/);
      expectGraphError(await remove(randomUUID(), proof(first.key, id)), 400, 'Request_BadRequest', /keyId/);
      expect((await remove(old.keyId, proof(first.key, id))).status).toBe(204);
      expect((await call(t, 'GET', `/v1.0/applications/${id}`, { token })).body.keyCredentials.map((k: { displayName: string }) => k.displayName)).toEqual([
        'CN=first',
      ]);
    });

    it('refuses a key that is not a certificate', async () => {
      const token = writer(tenant());
      const res = await create(token, { displayName: 'x', keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: 'aGVsbG8=' }] });
      expectGraphError(res, 400, 'Request_BadRequest', /keyCredentials\[0\]\.key/);
    });
  });

  describe('permissions and isolation', () => {
    it('another tenant sees nothing of it', async () => {
      const { id } = (await create(writer(TENANT_A))).body;
      expectGraphError(await call(t, 'GET', `/v1.0/applications/${id}`, { token: writer(TENANT_B) }), 404, 'Request_ResourceNotFound');
      expectGraphError(await call(t, 'DELETE', `/v1.0/applications/${id}`, { token: writer(TENANT_B) }), 404, 'Request_ResourceNotFound');
    });

    it('Application.Read.All reads but cannot write', async () => {
      const tid = tenant();
      const reader = application(t, READ, { tenantId: tid });
      expect((await call(t, 'GET', '/v1.0/applications', { token: reader })).status).toBe(200);
      expectGraphError(await create(reader), 403, 'Authorization_RequestDenied');
    });

    it('Application.ReadWrite.OwnedBy manages only the apps it created', async () => {
      const tid = tenant();
      const owner = application(t, ['Application.ReadWrite.OwnedBy'], { tenantId: tid, appId: randomUUID() });
      const other = application(t, ['Application.ReadWrite.OwnedBy'], { tenantId: tid, appId: randomUUID() });
      const { id, createdByAppId } = (await create(owner)).body;
      expect(createdByAppId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await call(t, 'PATCH', `/v1.0/applications/${id}`, { token: owner, body: { notes: 'mine' } })).status).toBe(204);
      expectGraphError(await call(t, 'PATCH', `/v1.0/applications/${id}`, { token: other, body: { notes: 'not mine' } }), 403, 'Authorization_RequestDenied');
      expectGraphError(await call(t, 'POST', `/v1.0/applications/${id}/addPassword`, { token: other, body: {} }), 403, 'Authorization_RequestDenied');
    });

    it('a delegated writer needs an application administration role', async () => {
      const tid = tenant();
      expectGraphError(await create(delegated(t, WRITE, [], { tenantId: tid })), 403, 'Authorization_RequestDenied');
      expect((await create(delegated(t, WRITE, ['Cloud Application Administrator'], { tenantId: tid }))).status).toBe(201);
      expect((await create(delegated(t, ['AppRegistration.Create'], ['Application Developer'], { tenantId: tid }))).status).toBe(201);
    });
  });
});
