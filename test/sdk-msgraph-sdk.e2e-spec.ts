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
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from '@microsoft/msgraph-sdk';
import { PageIterator, type PageCollection } from '@microsoft/msgraph-sdk-core';
import {
  createAuthenticationContextClassReferenceCollectionResponseFromDiscriminatorValue,
  createAuthenticationContextClassReferenceFromDiscriminatorValue,
  serializeAuthenticationContextClassReference,
  type AuthenticationContextClassReference,
  type AuthenticationContextClassReferenceCollectionResponse,
  createUserCollectionResponseFromDiscriminatorValue,
  type User,
  createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue,
  createConditionalAccessPolicyFromDiscriminatorValue,
  createNamedLocationFromDiscriminatorValue,
  serializeConditionalAccessPolicy,
  serializeIpNamedLocation,
  type ConditionalAccessPolicy,
  type ConditionalAccessPolicyCollectionResponse,
  type IpNamedLocation,
  type NamedLocation,
} from '@microsoft/msgraph-sdk/models/index.js';
import { createODataErrorFromDiscriminatorValue, type ODataError } from '@microsoft/msgraph-sdk/models/oDataErrors/index.js';
// Side effect: adds `.users` (and `/users/{id}/authentication/...`) to GraphServiceClient.
import '@microsoft/msgraph-sdk-users';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { application } from './support/tokens.js';

/**
 * The Kiota-based Graph SDK (`@microsoft/msgraph-sdk`) against the real app (README "Graph SDKs"):
 * the request adapter's baseUrl points here (plain http is accepted for 127.0.0.1/localhost), a static
 * bearer token comes from the development issuer. `users` and their authentication methods use the
 * fluent API of `@microsoft/msgraph-sdk-users`; there is no identity package on npm, so the
 * conditional-access requests are built with RequestInformation and the main package's models.
 */
const ACCR_TEMPLATE = '{+baseurl}/identity/conditionalAccess/authenticationContextClassReferences{/id}{?%24filter,%24select,%24top,%24count}';
const POLICIES_TEMPLATE = '{+baseurl}/identity/conditionalAccess/policies{/id}{?%24filter,%24select,%24top,%24count}';
const LOCATIONS_TEMPLATE = '{+baseurl}/identity/conditionalAccess/namedLocations{/id}';
/** Graph's fixed phone method ids, one per phoneType. */
const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7';
const OFFICE_ID = 'e37fc753-ff3b-4958-9484-eaa9425c82bc';
const ERRORS: ErrorMappings = { XXX: createODataErrorFromDiscriminatorValue as ParsableFactory<Parsable> };

class StaticToken implements AccessTokenProvider {
  constructor(private readonly token: string) {}
  getAuthorizationToken = async () => this.token;
  getAllowedHostsValidator = () => new AllowedHostsValidator(new Set(['127.0.0.1', 'localhost']));
}

describe('@microsoft/msgraph-sdk (Kiota)', () => {
  let t: TestApp;
  let adapter: GraphRequestAdapter;
  let graph: GraphServiceClient;

  const newAdapter = (token: string) => {
    const a = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(token)));
    a.baseUrl = `${t.url}/v1.0`;
    return a;
  };

  beforeAll(async () => {
    t = await startTestApp();
    adapter = newAdapter(
      application(t, ['Policy.ReadWrite.ConditionalAccess', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'], {
        tenantId: randomUUID(),
      }),
    );
    graph = createGraphServiceClient(adapter);
  });
  afterAll(() => t?.close());

  /** A request on the ACCR collection (no id) or an item, through the same adapter the fluent API uses. */
  function accrRequest(method: HttpMethod, id?: string, query: Record<string, unknown> = {}, body?: Partial<AuthenticationContextClassReference>) {
    const info = new RequestInformation(method, ACCR_TEMPLATE);
    info.pathParameters.baseurl = adapter.baseUrl;
    if (id) info.pathParameters.id = id;
    for (const [k, v] of Object.entries(query)) info.queryParameters[k] = v as string;
    info.headers.tryAdd('Accept', 'application/json');
    if (body) info.setContentFromParsable(adapter, 'application/json', body, serializeAuthenticationContextClassReference);
    return info;
  }
  const accr = {
    create: (body: Partial<AuthenticationContextClassReference>) =>
      adapter.send<AuthenticationContextClassReference>(
        accrRequest(HttpMethod.POST, undefined, {}, body),
        createAuthenticationContextClassReferenceFromDiscriminatorValue,
        ERRORS,
      ),
    get: (id: string, query: Record<string, unknown> = {}) =>
      adapter.send<AuthenticationContextClassReference>(
        accrRequest(HttpMethod.GET, id, query),
        createAuthenticationContextClassReferenceFromDiscriminatorValue,
        ERRORS,
      ),
    list: (query: Record<string, unknown> = {}) =>
      adapter.send<AuthenticationContextClassReferenceCollectionResponse>(
        accrRequest(HttpMethod.GET, undefined, query),
        createAuthenticationContextClassReferenceCollectionResponseFromDiscriminatorValue,
        ERRORS,
      ),
    update: (id: string, body: Partial<AuthenticationContextClassReference>) =>
      adapter.sendNoResponseContent(accrRequest(HttpMethod.PATCH, id, {}, body), ERRORS),
    delete: (id: string) => adapter.sendNoResponseContent(accrRequest(HttpMethod.DELETE, id), ERRORS),
  };

  /** The rejection of `promise`, which must be an ODataError. */
  async function odataError(promise: Promise<unknown>): Promise<ODataError> {
    const e = await promise.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeDefined();
    expect(e).toHaveProperty('errorEscaped');
    return e as ODataError;
  }

  describe('authenticationContextClassReferences (RequestInformation + models)', () => {
    it('creates, reads, lists, updates and deletes', async () => {
      const created = await accr.create({ id: 'c1', displayName: 'Contoso medium', description: 'Medium', isAvailable: true });
      expect(created).toMatchObject({ id: 'c1', displayName: 'Contoso medium', description: 'Medium', isAvailable: true });
      await accr.create({ id: 'c2', displayName: 'Contoso high' });

      const got = await accr.get('c1', { '%24select': ['id', 'displayName'] });
      expect(got).toMatchObject({ id: 'c1', displayName: 'Contoso medium' });
      expect(got?.description).toBeUndefined();

      const list = await accr.list({ '%24count': true, '%24filter': 'isAvailable eq false' });
      expect(list?.odataCount).toBe(1);
      expect(list?.value?.map((c) => c.id)).toEqual(['c2']);
      expect((await accr.list())?.value?.map((c) => [c.id, c.isAvailable])).toEqual([
        ['c1', true],
        ['c2', false],
      ]);

      await accr.update('c1', { description: 'Medium, withdrawn', isAvailable: false });
      expect(await accr.get('c1')).toMatchObject({ description: 'Medium, withdrawn', isAvailable: false });
      // PATCH on an unused id creates it (204, like Graph).
      await accr.update('c3', { displayName: 'Upserted' });
      expect(await accr.get('c3')).toMatchObject({ id: 'c3', displayName: 'Upserted', isAvailable: false });

      for (const id of ['c1', 'c2', 'c3']) await accr.delete(id);
      expect((await accr.list())?.value).toEqual([]);
    });

    it('surfaces errors as ODataError with status, code and request id', async () => {
      const missing = await odataError(accr.get('c9'));
      expect(missing.responseStatusCode).toBe(404);
      expect(missing.errorEscaped?.code).toBe('itemNotFound');
      expect(missing.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(missing.errorEscaped?.innerError?.date).toBeInstanceOf(Date);
      expect(missing.responseHeaders?.['request-id']).toEqual([missing.errorEscaped?.innerError?.requestId]);

      await accr.create({ id: 'c4', isAvailable: true });
      const published = await odataError(accr.delete('c4'));
      expect({ status: published.responseStatusCode, code: published.errorEscaped?.code }).toEqual({ status: 403, code: 'accessDenied' });
      const conflict = await odataError(accr.create({ id: 'c4' }));
      expect(conflict.responseStatusCode).toBe(409);
      const badId = await odataError(accr.create({ id: 'c26' }));
      expect({ status: badId.responseStatusCode, code: badId.errorEscaped?.code }).toEqual({ status: 400, code: 'Request_BadRequest' });

      const readOnly = newAdapter(application(t, ['User.Read.All']));
      const denied = await odataError(
        readOnly.send(accrRequest(HttpMethod.GET), createAuthenticationContextClassReferenceCollectionResponseFromDiscriminatorValue, ERRORS),
      );
      expect({ status: denied.responseStatusCode, code: denied.errorEscaped?.code }).toEqual({ status: 403, code: 'Authorization_RequestDenied' });
    });
  });

  describe('Conditional Access policies and named locations (RequestInformation + models)', () => {
    function request(template: string, method: HttpMethod, id?: string, query: Record<string, unknown> = {}) {
      const info = new RequestInformation(method, template);
      info.pathParameters.baseurl = adapter.baseUrl;
      if (id) info.pathParameters.id = id;
      for (const [k, v] of Object.entries(query)) info.queryParameters[k] = v as string;
      info.headers.tryAdd('Accept', 'application/json');
      return info;
    }

    it('creates and reads an IP named location and a policy naming it', async () => {
      const locationBody: IpNamedLocation = {
        odataType: '#microsoft.graph.ipNamedLocation',
        displayName: 'Kiota office',
        isTrusted: false,
        // This Kiota release writes only the base type's members for items of a polymorphic collection
        // (serializeIpRange dispatches with isSerializingDerivedType=true, which returns at once), so the
        // derived member travels as additional data.
        ipRanges: [{ odataType: '#microsoft.graph.iPv4CidrRange', additionalData: { cidrAddress: '10.1.0.0/16' } }],
      };
      const createLocation = request(LOCATIONS_TEMPLATE, HttpMethod.POST);
      createLocation.setContentFromParsable(adapter, 'application/json', locationBody, serializeIpNamedLocation);
      const location = (await adapter.send<NamedLocation>(createLocation, createNamedLocationFromDiscriminatorValue, ERRORS)) as IpNamedLocation;
      expect(location).toMatchObject({ odataType: '#microsoft.graph.ipNamedLocation', displayName: 'Kiota office', isTrusted: false });
      expect(location.ipRanges?.map((r) => (r as { cidrAddress?: string }).cidrAddress)).toEqual(['10.1.0.0/16']);
      expect(location.createdDateTime).toBeInstanceOf(Date);

      const policyBody: ConditionalAccessPolicy = {
        displayName: 'Kiota: MFA outside the office',
        state: 'enabledForReportingButNotEnforced',
        conditions: {
          clientAppTypes: ['all'],
          applications: { includeApplications: ['All'] },
          users: { includeUsers: ['All'] },
          locations: { includeLocations: ['All'], excludeLocations: [location.id!] },
        },
        grantControls: { operator: 'OR', builtInControls: ['mfa'] },
      };
      const createPolicy = request(POLICIES_TEMPLATE, HttpMethod.POST);
      createPolicy.setContentFromParsable(adapter, 'application/json', policyBody, serializeConditionalAccessPolicy);
      const policy = await adapter.send<ConditionalAccessPolicy>(createPolicy, createConditionalAccessPolicyFromDiscriminatorValue, ERRORS);
      expect(policy).toMatchObject({ displayName: 'Kiota: MFA outside the office', state: 'enabledForReportingButNotEnforced' });
      expect(policy?.conditions?.locations?.excludeLocations).toEqual([location.id]);

      const read = await adapter.send<ConditionalAccessPolicy>(
        request(POLICIES_TEMPLATE, HttpMethod.GET, policy!.id!),
        createConditionalAccessPolicyFromDiscriminatorValue,
        ERRORS,
      );
      expect(read?.grantControls).toMatchObject({ operator: 'OR', builtInControls: ['mfa'] });
      expect(read?.createdDateTime).toBeInstanceOf(Date);
      const list = await adapter.send<ConditionalAccessPolicyCollectionResponse>(
        request(POLICIES_TEMPLATE, HttpMethod.GET, undefined, {
          '%24count': true,
          '%24filter': `conditions/locations/excludeLocations/any(l:l eq '${location.id}')`,
        }),
        createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue,
        ERRORS,
      );
      expect(list?.odataCount).toBe(1);
      expect(list?.value?.map((p) => p.id)).toEqual([policy!.id]);

      const inUse = await odataError(adapter.sendNoResponseContent(request(LOCATIONS_TEMPLATE, HttpMethod.DELETE, location.id!), ERRORS));
      expect({ status: inUse.responseStatusCode, code: inUse.errorEscaped?.code }).toEqual({ status: 400, code: 'BadRequest' });
      expect(inUse.errorEscaped?.message).toContain(policy!.id!);
    });
  });

  const newUser = (n: string): User => ({
    accountEnabled: true,
    displayName: `Kiota user ${n}`,
    mailNickname: `kiota${n}`,
    userPrincipalName: `kiota${n}@contoso.test`,
    passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true },
  });

  describe('users (@microsoft/msgraph-sdk-users)', () => {
    it('creates, reads by id and UPN, lists, updates and deletes', async () => {
      const created = await graph.users.post(newUser('crud'));
      expect(created).toMatchObject({ displayName: 'Kiota user crud', userPrincipalName: 'kiotacrud@contoso.test', accountEnabled: true });
      const id = created!.id!;

      expect((await graph.users.byUserId(id).get())?.userPrincipalName).toBe('kiotacrud@contoso.test');
      const byUpn = await graph.users.byUserId('KIOTACRUD@contoso.test').get({ queryParameters: { select: ['id', 'mailNickname'] } });
      expect(byUpn).toMatchObject({ id, mailNickname: 'kiotacrud' });
      expect(byUpn?.displayName).toBeUndefined();

      await graph.users.byUserId(id).patch({ displayName: 'Renamed', surname: 'Kiota' });
      expect(await graph.users.byUserId(id).get()).toMatchObject({ displayName: 'Renamed', surname: 'Kiota' });

      // $count on directory objects is an advanced query, as on Graph: ConsistencyLevel: eventual.
      const list = await graph.users.get({
        headers: { ConsistencyLevel: 'eventual' },
        queryParameters: { filter: "startswith(userPrincipalName,'kiota')", count: true, orderby: ['userPrincipalName'] },
      });
      expect(list?.odataCount).toBe(1);
      expect(list?.value?.map((u) => u.id)).toEqual([id]);

      await graph.users.byUserId(id).delete();
      const gone = await odataError(graph.users.byUserId(id).get());
      expect({ status: gone.responseStatusCode, code: gone.errorEscaped?.code }).toEqual({ status: 404, code: 'Request_ResourceNotFound' });
    });

    it('follows @odata.nextLink pages with the same adapter', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await graph.users.post(newUser(`page${i}`)))!.userPrincipalName!);
      const seen: string[] = [];
      let page = await graph.users.get({ queryParameters: { filter: "startswith(userPrincipalName,'kiotapage')", top: 2 } });
      let pages = 1;
      seen.push(...page!.value!.map((u) => u.userPrincipalName!));
      while (page?.odataNextLink) {
        expect(page.odataNextLink.startsWith(`${t.url}/v1.0/users?`)).toBe(true);
        page = await graph.users.withUrl(page.odataNextLink).get();
        seen.push(...page!.value!.map((u) => u.userPrincipalName!));
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(made.sort());

      // The SDK's own PageIterator (msgraph-sdk-core) over the same pages.
      const first = await graph.users.get({
        queryParameters: { filter: "startswith(userPrincipalName,'kiotapage')", orderby: ['userPrincipalName'], top: 2 },
      });
      const iterated: string[] = [];
      const iterator = new PageIterator<User>(
        adapter,
        first as PageCollection<User>,
        (u) => {
          iterated.push(u.userPrincipalName!);
          return true;
        },
        createUserCollectionResponseFromDiscriminatorValue as ParsableFactory<PageCollection<User>>,
        ERRORS,
      );
      await iterator.iterate();
      expect(iterator.getPagingState()).toBe('Complete');
      expect(iterated).toEqual(made.sort());
    });
  });

  describe('phone methods (@microsoft/msgraph-sdk-users)', () => {
    it('creates, reads, lists, updates, toggles SMS sign-in and deletes', async () => {
      const user = (await graph.users.post(newUser('phone')))!;
      const phones = graph.users.byUserId(user.id!).authentication.phoneMethods;

      const mobile = await phones.post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' });
      expect(mobile).toMatchObject({ id: MOBILE_ID, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' });
      await phones.post({ phoneNumber: '+1 4255550100', phoneType: 'office' });

      expect(await phones.byPhoneAuthenticationMethodId(MOBILE_ID).get()).toMatchObject({ phoneNumber: '+1 2065555555' });
      const list = await phones.get();
      expect(list?.value?.map((p) => p.phoneType).sort()).toEqual(['mobile', 'office']);

      await phones.byPhoneAuthenticationMethodId(MOBILE_ID).patch({ phoneNumber: '+1 2065550000' });
      await phones.byPhoneAuthenticationMethodId(MOBILE_ID).disableSmsSignIn.post();
      expect(await phones.byPhoneAuthenticationMethodId(MOBILE_ID).get()).toMatchObject({
        phoneNumber: '+1 2065550000',
        smsSignInState: 'notEnabled',
      });
      await phones.byPhoneAuthenticationMethodId(MOBILE_ID).enableSmsSignIn.post();
      expect((await phones.byPhoneAuthenticationMethodId(MOBILE_ID).get())?.smsSignInState).toBe('ready');

      // The generic methods collection lists them too, typed by @odata.type.
      const methods = await graph.users.byUserId(user.id!).authentication.methods.get();
      expect(
        methods?.value
          ?.filter((m) => m.odataType === '#microsoft.graph.phoneAuthenticationMethod')
          .map((m) => m.id)
          .sort(),
      ).toEqual([MOBILE_ID, OFFICE_ID].sort());

      await phones.byPhoneAuthenticationMethodId(OFFICE_ID).delete();
      await phones.byPhoneAuthenticationMethodId(MOBILE_ID).delete();
      expect((await phones.get())?.value).toEqual([]);
    });

    it('surfaces method errors as ODataError', async () => {
      const user = (await graph.users.post(newUser('phoneerr')))!;
      const phones = graph.users.byUserId(user.userPrincipalName!).authentication.phoneMethods;
      const badNumber = await odataError(phones.post({ phoneNumber: '2065555555', phoneType: 'mobile' }));
      expect({ status: badNumber.responseStatusCode, code: badNumber.errorEscaped?.code }).toEqual({ status: 400, code: 'badRequest' });
      await phones.post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' });
      const dup = await odataError(phones.post({ phoneNumber: '+1 2065555556', phoneType: 'mobile' }));
      expect({ status: dup.responseStatusCode, code: dup.errorEscaped?.code }).toEqual({ status: 409, code: 'conflict' });
      const missing = await odataError(phones.byPhoneAuthenticationMethodId(OFFICE_ID).get());
      expect({ status: missing.responseStatusCode, code: missing.errorEscaped?.code }).toEqual({ status: 404, code: 'itemNotFound' });
      expect(missing.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const noUser = await odataError(graph.users.byUserId(randomUUID()).authentication.phoneMethods.get());
      expect(noUser.responseStatusCode).toBe(404);
    });
  });

  describe('Graph operations the SDK builds (users $count, delta, getByIds, methods $count)', () => {
    it('answers them in shapes the SDK parses', async () => {
      const graph = createGraphServiceClient(
        newAdapter(application(t, ['User.ReadWrite.All', 'Directory.Read.All', 'UserAuthenticationMethod.ReadWrite.All'], { tenantId: randomUUID() })),
      );
      const user = (await graph.users.post(newUser('sdkops')))!;
      await graph.users.byUserId(user.id!).authentication.phoneMethods.post({ phoneNumber: '+1 2065551111', phoneType: 'mobile' });

      const count = await graph.users.count.get({ headers: { ConsistencyLevel: 'eventual' } });
      expect(typeof count).toBe('number');
      expect(count).toBeGreaterThanOrEqual(1);
      const missingHeader = await odataError(graph.users.count.get());
      expect({ status: missingHeader.responseStatusCode, code: missingHeader.errorEscaped?.code }).toEqual({ status: 400, code: 'Request_UnsupportedQuery' });
      expect(await graph.users.byUserId(user.id!).authentication.phoneMethods.count.get()).toBe(1);
      expect(await graph.users.byUserId(user.id!).authentication.methods.count.get()).toBe(2);

      expect((await graph.users.byUserId(user.id!).get())?.businessPhones).toEqual([]);

      const delta = await graph.users.delta.get();
      expect(delta?.value?.map((u) => u.id)).toContain(user.id);
      expect(delta?.odataDeltaLink).toMatch(/\/users\/delta\(\)\?\$deltatoken=/);

      const byIds = await graph.users.getByIds.post({ ids: [user.id!], types: ['user'] });
      expect(byIds?.value?.map((o) => [o.odataType, o.id])).toEqual([['#microsoft.graph.user', user.id]]);
    });
  });
});
