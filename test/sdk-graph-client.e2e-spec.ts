import { Client, GraphError, PageIterator, ResponseType, type PageCollection } from '@microsoft/microsoft-graph-client';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';

/**
 * The official JavaScript Graph client (v3) against the real app over HTTPS, as a user would set it
 * up (README "Graph SDKs"): `baseUrl` at this service, its hostname in `customHosts` (the client
 * attaches the token only to https URLs of Graph or of those hosts), and the development CA trusted.
 */
const ACCR = '/identity/conditionalAccess/authenticationContextClassReferences';

describe('@microsoft/microsoft-graph-client v3 over HTTPS', () => {
  let t: TlsTestApp;
  let tenantId: string;
  let client: Client;
  let tokenCalls = 0;

  const newClient = (token: string, host = '127.0.0.1') =>
    Client.init({
      baseUrl: t.url.replace('127.0.0.1', host),
      defaultVersion: 'v1.0',
      customHosts: new Set([host]),
      // Node's fetch is undici: a dispatcher that trusts the test CA (NODE_EXTRA_CA_CERTS is read at
      // process start only). Outside tests, NODE_EXTRA_CA_CERTS=certs/dev-ca.pem does the same.
      fetchOptions: { dispatcher: t.dispatcher } as RequestInit,
      authProvider: (done) => {
        tokenCalls++;
        done(null, token);
      },
    });

  beforeAll(async () => {
    t = await startTlsTestApp();
    tenantId = randomUUID();
    client = newClient(
      application(t, ['Policy.ReadWrite.ConditionalAccess', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'], {
        tenantId,
      }),
    );
  });
  afterAll(() => t?.close());

  describe('HTTPS', () => {
    it('serves the development certificate for 127.0.0.1 and localhost, signed by its CA', async () => {
      expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      for (const host of ['127.0.0.1', 'localhost']) {
        const res = await fetch(`${t.url.replace('127.0.0.1', host)}/health`, { dispatcher: t.dispatcher } as RequestInit);
        expect({ host, status: res.status, body: await res.json() }).toEqual({ host, status: 200, body: { status: 'ok' } });
      }
    });

    it('is refused by a client that does not trust the CA', async () => {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpsRequest(`${t.url}/health`, (res) => resolve(`status ${res.statusCode}`));
        req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        req.end();
      });
      expect(outcome).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    });

    it('`npm run cert` writes a CA and a localhost certificate, and keeps existing files without --force', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'graph-cert-cli-'));
      try {
        const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/dev-cert.mjs', '--dir', dir, ...args], { encoding: 'utf8' });
        const first = run();
        expect(first.status).toBe(0);
        expect(first.stdout).toContain(`TLS_CERT_FILE=${join(dir, 'dev-cert.pem')}`);
        const ca = new X509Certificate(await readFile(join(dir, 'dev-ca.pem')));
        const leaf = new X509Certificate(await readFile(join(dir, 'dev-cert.pem')));
        expect(ca.ca).toBe(true);
        expect(leaf.ca).toBe(false);
        expect(leaf.verify(ca.publicKey)).toBe(true);
        expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
        expect(leaf.checkPrivateKey(createPrivateKey(await readFile(join(dir, 'dev-key.pem'))))).toBe(true);
        expect((await stat(join(dir, 'dev-key.pem'))).mode & 0o777).toBe(0o600);
        expect(await readdir(dir)).toEqual(['dev-ca.pem', 'dev-cert.pem', 'dev-key.pem']); // never the CA's key

        const again = run();
        expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('--force') });
        expect(new X509Certificate(await readFile(join(dir, 'dev-cert.pem'))).fingerprint256).toBe(leaf.fingerprint256);
        expect(run('--force').status).toBe(0);
        expect(new X509Certificate(await readFile(join(dir, 'dev-cert.pem'))).fingerprint256).not.toBe(leaf.fingerprint256);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('writes https links (@odata.context, Location)', async () => {
      const raw: Response = await client.api(ACCR).responseType(ResponseType.RAW).post({ id: 'c25', displayName: 'links' });
      expect(raw.status).toBe(201);
      expect(raw.headers.get('location')).toBe(`${t.url}/v1.0${ACCR}/c25`);
      expect(((await raw.json()) as Record<string, unknown>)['@odata.context']).toBe(
        `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
      );
      await client.api(`${ACCR}/c25`).delete();
    });
  });

  const newUser = (n: string) => ({
    accountEnabled: true,
    displayName: `SDK user ${n}`,
    mailNickname: `sdk${n}`,
    userPrincipalName: `sdk${n}@contoso.test`,
    passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true },
  });

  describe('users', () => {
    it('creates, reads by id and UPN, updates and deletes', async () => {
      const created = await client.api('/users').post(newUser('crud'));
      expect(created).toMatchObject({ displayName: 'SDK user crud', userPrincipalName: 'sdkcrud@contoso.test', accountEnabled: true });
      expect(created['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users/$entity`);
      const id: string = created.id;

      expect((await client.api(`/users/${id}`).get()).userPrincipalName).toBe('sdkcrud@contoso.test');
      expect(await client.api('/users/SDKCRUD@contoso.test').select('id,displayName').get()).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#users(id,displayName)/$entity`,
        id,
        displayName: 'SDK user crud',
      });
      await client.api(`/users/${id}`).patch({ displayName: 'Renamed', givenName: 'Re' });
      expect(await client.api(`/users/${id}`).version('beta').get()).toMatchObject({ id, displayName: 'Renamed', givenName: 'Re' });

      await client.api(`/users/${id}`).delete();
      const gone = (await client
        .api(`/users/${id}`)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(gone).toBeInstanceOf(GraphError);
      expect({ status: gone.statusCode, code: gone.code }).toEqual({ status: 404, code: 'Request_ResourceNotFound' });
    });

    it('pages through a list with PageIterator (https @odata.nextLink, token on every page)', async () => {
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await client.api('/users').post(newUser(`page${i}`))).userPrincipalName);

      const first: PageCollection = await client.api('/users').filter("startswith(userPrincipalName,'sdkpage')").orderby('userPrincipalName').top(3).get();
      expect(first.value).toHaveLength(3);
      expect(first['@odata.nextLink']).toMatch(new RegExp(`^${t.url}/v1\\.0/users\\?`));

      const seen: string[] = [];
      const calls = tokenCalls;
      const iterator = new PageIterator(client, first, (u: { userPrincipalName: string }) => {
        seen.push(u.userPrincipalName);
        return true;
      });
      await iterator.iterate();
      expect(iterator.isComplete()).toBe(true);
      expect(seen).toEqual([...made].sort());
      expect(tokenCalls - calls).toBe(2); // pages 2 and 3, each fetched with the token
    });

    it('stops paging when the callback returns false and resumes', async () => {
      const first: PageCollection = await client.api('/users').filter("startswith(userPrincipalName,'sdkpage')").top(2).get();
      const seen: string[] = [];
      const iterator = new PageIterator(client, first, (u: { id: string }) => {
        seen.push(u.id);
        return seen.length !== 3;
      });
      await iterator.iterate();
      expect(seen).toHaveLength(3);
      expect(iterator.isComplete()).toBe(false);
      await iterator.resume();
      expect(iterator.isComplete()).toBe(true);
      expect(new Set(seen).size).toBe(7);
    });
  });

  describe('authenticationContextClassReferences', () => {
    it('creates, reads, lists, updates and deletes', async () => {
      const created = await client.api(ACCR).post({ id: 'c1', displayName: 'Contoso medium', description: 'Medium', isAvailable: true });
      expect(created).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
        id: 'c1',
        displayName: 'Contoso medium',
        description: 'Medium',
        isAvailable: true,
      });
      await client.api(ACCR).post({ id: 'c2', displayName: 'Contoso high', isAvailable: false });

      const got = await client.api(`${ACCR}/c1`).select(['id', 'displayName']).get();
      expect(got).toMatchObject({ id: 'c1', displayName: 'Contoso medium' });
      expect(got).not.toHaveProperty('description');

      const all = await client.api(ACCR).get();
      expect(all.value.map((c: { id: string }) => c.id)).toEqual(['c1', 'c2']);
      const filtered = await client.api(ACCR).filter('isAvailable eq true').count(true).get();
      expect(filtered['@odata.count']).toBe(1);
      expect(filtered.value).toEqual([{ id: 'c1', displayName: 'Contoso medium', description: 'Medium', isAvailable: true }]);

      // PATCH on the item answers 204: the client resolves with no body.
      await client.api(`${ACCR}/c2`).patch({ description: 'High', isAvailable: true });
      expect(await client.api(`${ACCR}/c2`).get()).toMatchObject({ id: 'c2', displayName: 'Contoso high', description: 'High', isAvailable: true });

      // A published context (isAvailable true) cannot be deleted: withdraw it first.
      await client.api(`${ACCR}/c1`).patch({ isAvailable: false });
      await client.api(`${ACCR}/c2`).patch({ isAvailable: false });
      await client.api(`${ACCR}/c1`).delete();
      await client.api(`${ACCR}/c2`).delete();
      expect((await client.api(ACCR).get()).value).toEqual([]);
    });

    it('surfaces errors as GraphError with status, code and request id', async () => {
      const err = await client
        .api(`${ACCR}/c9`)
        .get()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(GraphError);
      const g = err as GraphError;
      expect({ statusCode: g.statusCode, code: g.code }).toEqual({ statusCode: 404, code: 'itemNotFound' });
      expect(g.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(g.body).toContain(g.requestId);

      await client.api(ACCR).post({ id: 'c3' });
      const conflict = (await client
        .api(ACCR)
        .post({ id: 'c3' })
        .catch((e: unknown) => e)) as GraphError;
      expect(conflict).toBeInstanceOf(GraphError);
      expect(conflict.statusCode).toBe(409);
      await client.api(`${ACCR}/c3`).delete();

      const bad = (await client
        .api(ACCR)
        .post({ id: 'c26' })
        .catch((e: unknown) => e)) as GraphError;
      expect({ status: bad.statusCode, code: bad.code }).toEqual({ status: 400, code: 'Request_BadRequest' });
    });

    it('the client sends its token only to customHosts: another host name gets 401', async () => {
      // `localhost` is served by the same certificate, but this client's customHosts names only 127.0.0.1.
      const stranger = Client.init({
        baseUrl: t.url.replace('127.0.0.1', 'localhost'),
        customHosts: new Set(['127.0.0.1']),
        fetchOptions: { dispatcher: t.dispatcher } as RequestInit,
        authProvider: (done) => done(null, 'never-sent'),
      });
      const err = (await stranger
        .api(ACCR)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(err).toBeInstanceOf(GraphError);
      expect({ status: err.statusCode, code: err.code }).toEqual({ status: 401, code: 'InvalidAuthenticationToken' });
      // The same client with localhost in customHosts is let in.
      const calls = tokenCalls;
      const localhost = newClient(application(t, ['Policy.Read.ConditionalAccess'], { tenantId: randomUUID() }), 'localhost');
      expect((await localhost.api(ACCR).get()).value).toEqual([]);
      expect(tokenCalls).toBe(calls + 1);
    });
  });

  describe('Conditional Access policies and named locations', () => {
    const LOCATIONS = '/identity/conditionalAccess/namedLocations';
    const POLICIES = '/identity/conditionalAccess/policies';

    it('creates and reads a named location and a policy naming it; a referenced location cannot be deleted', async () => {
      const location = await client.api(LOCATIONS).post({
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        displayName: 'Untrusted IP named location',
        isTrusted: false,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '12.34.221.11/22' }],
      });
      expect(location).toMatchObject({ '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Untrusted IP named location' });
      const policy = await client
        .api(POLICIES)
        .version('beta')
        .post({
          displayName: 'Block access from an untrusted location',
          state: 'enabledForReportingButNotEnforced',
          conditions: {
            clientAppTypes: ['all'],
            applications: { includeApplications: ['All'] },
            users: { includeUsers: ['All'] },
            locations: { includeLocations: [location.id] },
          },
          grantControls: { operator: 'OR', builtInControls: ['block'] },
        });
      expect(policy['@odata.context']).toBe(`${t.url}/beta/$metadata#identity/conditionalAccess/policies/$entity`);

      const read = await client.api(`${POLICIES}/${policy.id}`).get();
      expect(read).toMatchObject({ id: policy.id, state: 'enabledForReportingButNotEnforced', conditions: { locations: { includeLocations: [location.id] } } });
      const listed = await client.api(POLICIES).filter(`conditions/locations/includeLocations/any(l:l eq '${location.id}')`).get();
      expect(listed.value.map((p: { id: string }) => p.id)).toEqual([policy.id]);
      expect((await client.api(`${LOCATIONS}/${location.id}`).get()).ipRanges).toEqual(location.ipRanges);

      const refused = (await client
        .api(`${LOCATIONS}/${location.id}`)
        .delete()
        .catch((e: unknown) => e)) as GraphError;
      expect(refused).toBeInstanceOf(GraphError);
      expect({ status: refused.statusCode, code: refused.code }).toEqual({ status: 400, code: 'BadRequest' });
      expect(refused.message).toContain(policy.id);
      await client.api(`${POLICIES}/${policy.id}`).delete();
      await client.api(`${LOCATIONS}/${location.id}`).delete();
    });
  });

  describe('phone methods', () => {
    const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7';

    it('creates, reads, lists, updates, toggles SMS sign-in and deletes', async () => {
      const user = await client.api('/users').post(newUser('phone'));
      const phones = `/users/${user.id}/authentication/phoneMethods`;

      const created = await client.api(phones).post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' });
      expect(created).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#users('${user.id}')/authentication/phoneMethods/$entity`,
        id: MOBILE_ID,
        phoneNumber: '+1 2065555555',
        phoneType: 'mobile',
        smsSignInState: 'ready',
        createdDateTime: expect.any(String),
      });
      // By UPN too.
      const list = await client.api(`/users/${user.userPrincipalName}/authentication/phoneMethods`).get();
      expect(list.value).toEqual([
        { id: MOBILE_ID, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready', createdDateTime: expect.any(String) },
      ]);

      await client.api(`${phones}/${MOBILE_ID}`).patch({ phoneNumber: '+1 2065550000' });
      await client.api(`${phones}/${MOBILE_ID}/disableSmsSignIn`).post(undefined);
      expect(await client.api(`${phones}/${MOBILE_ID}`).get()).toMatchObject({ phoneNumber: '+1 2065550000', smsSignInState: 'notEnabled' });

      await client.api(`${phones}/${MOBILE_ID}`).delete();
      expect((await client.api(phones).get()).value).toEqual([]);
      const gone = (await client
        .api(`${phones}/${MOBILE_ID}`)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(gone).toBeInstanceOf(GraphError);
      expect({ status: gone.statusCode, code: gone.code }).toEqual({ status: 404, code: 'itemNotFound' });
    });

    it('surfaces validation errors as GraphError', async () => {
      const user = await client.api('/users').post(newUser('phoneerr'));
      const err = (await client
        .api(`/users/${user.id}/authentication/phoneMethods`)
        .post({ phoneNumber: '+1 206-555-5555', phoneType: 'mobile' })
        .catch((e: unknown) => e)) as GraphError;
      expect(err).toBeInstanceOf(GraphError);
      expect({ status: err.statusCode, code: err.code }).toEqual({ status: 400, code: 'badRequest' });
      expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
