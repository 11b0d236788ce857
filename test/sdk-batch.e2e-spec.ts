import {
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
  HttpMethod,
  RequestInformation,
  type AccessTokenProvider,
  type ErrorMappings,
  type Parsable,
  type ParsableFactory,
} from '@microsoft/kiota-abstractions';
import { BatchRequestContent as GraphClientBatch, BatchResponseContent as GraphClientBatchResponse, Client } from '@microsoft/microsoft-graph-client';
import { GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import { BatchRequestContent as KiotaBatch } from '@microsoft/msgraph-sdk-core';
import { createODataErrorFromDiscriminatorValue } from '@microsoft/msgraph-sdk/models/oDataErrors/index.js';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';

/**
 * Both Graph SDKs' batch helpers end to end against `$batch` (README "JSON batching"): the JS v3
 * client's BatchRequestContent / BatchResponseContent over HTTPS, and the Kiota core's
 * BatchRequestContent (`@microsoft/msgraph-sdk-core`) with the `@microsoft/msgraph-sdk` adapter.
 */
const newUser = (n: string) => ({
  accountEnabled: true,
  displayName: `Batch ${n}`,
  mailNickname: n,
  userPrincipalName: `${n}@contoso.test`,
  passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true },
});

describe('@microsoft/microsoft-graph-client v3 BatchRequestContent over HTTPS', () => {
  let t: TlsTestApp;
  let client: Client;

  beforeAll(async () => {
    t = await startTlsTestApp();
    const token = application(t, ['User.ReadWrite.All'], { tenantId: randomUUID() });
    client = Client.init({
      baseUrl: t.url,
      defaultVersion: 'v1.0',
      customHosts: new Set(['127.0.0.1']),
      fetchOptions: { dispatcher: t.dispatcher } as RequestInit,
      authProvider: (done) => done(null, token),
    });
  });
  afterAll(() => t?.close());

  it('creates then reads in one serial batch, and reads each answer as a fetch Response', async () => {
    const n = `sdk${randomUUID().slice(0, 8)}`;
    const batch = new GraphClientBatch([
      {
        id: 'create',
        request: new Request(`${t.url}/v1.0/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(newUser(n)) }),
      },
      { id: 'read', dependsOn: ['create'], request: new Request(`${t.url}/v1.0/users/${n}@contoso.test?$select=id,userPrincipalName`, { method: 'GET' }) },
      { id: 'missing', dependsOn: ['read'], request: new Request(`${t.url}/v1.0/users/${randomUUID()}`, { method: 'GET' }) },
      { id: 'after', dependsOn: ['missing'], request: new Request(`${t.url}/v1.0/users`, { method: 'GET' }) },
    ]);
    const answer = new GraphClientBatchResponse(await client.api('/$batch').post(await batch.getContent()));

    const created = answer.getResponseById('create');
    expect(created.status).toBe(201);
    expect(created.headers.get('Location')).toMatch(new RegExp(`^${t.url}/v1\\.0/users/`));
    const user = (await created.json()) as { id: string; userPrincipalName: string };
    expect(user.userPrincipalName).toBe(`${n}@contoso.test`);

    const read = answer.getResponseById('read');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#users(id,userPrincipalName)/$entity`,
      id: user.id,
      userPrincipalName: `${n}@contoso.test`,
    });

    const missing = answer.getResponseById('missing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
    expect(answer.getResponseById('after').status).toBe(424);
  });
});

class StaticToken implements AccessTokenProvider {
  constructor(private readonly token: string) {}
  getAuthorizationToken = async () => this.token;
  getAllowedHostsValidator = () => new AllowedHostsValidator(new Set(['127.0.0.1', 'localhost']));
}
const ERRORS: ErrorMappings = { XXX: createODataErrorFromDiscriminatorValue as ParsableFactory<Parsable> };

describe('@microsoft/msgraph-sdk-core BatchRequestContent (Kiota)', () => {
  let t: TestApp;
  let adapter: GraphRequestAdapter;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const token = application(t, ['User.ReadWrite.All'], { tenantId: randomUUID() });
    adapter = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(token)));
    adapter.baseUrl = `${t.url}/v1.0`;
    const created = await call(t, 'POST', '/v1.0/users', { token, body: newUser(`kiota${randomUUID().slice(0, 8)}`) });
    userId = created.body.id;
  });
  afterAll(() => t?.close());

  const get = (path: string) => {
    const info = new RequestInformation(HttpMethod.GET, `{+baseurl}${path}`);
    info.pathParameters.baseurl = adapter.baseUrl;
    return info;
  };

  it('sends its steps as one batch and reads every status by step id', async () => {
    const batch = new KiotaBatch(adapter, ERRORS);
    const found = batch.addBatchRequest(get(`/users/${userId}`), 'found');
    const missing = batch.addBatchRequest(get(`/users/${randomUUID()}`), 'missing');
    const list = batch.addBatchRequest(get('/users?$top=1'), 'list');
    const answer = await batch.postAsync();
    expect(answer).toBeDefined();
    const statuses = await answer!.getResponsesStatusCodes();
    expect(Object.fromEntries(statuses)).toEqual({ [found.id]: 200, [missing.id]: 404, [list.id]: 200 });
    // Headers come back as sent; this SDK version reads JSON bodies only as base64 (toolchain.md), so not here.
    expect(answer!.getResponseById('found')?.headers).toBeDefined();
  });
});
