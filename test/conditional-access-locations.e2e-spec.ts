import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, countryLocationBody, create, expectGraphError, freshTenant, ipLocationBody, policyBody } from './support/conditional-access.js';
import { call, type JsonResponse } from './support/http.js';

jest.setTimeout(120_000);

const LOCATIONS = `/v1.0${CA}/namedLocations`;
const DELETED = `/v1.0${CA}/deletedItems/namedLocations`;
const POLICIES = `/v1.0${CA}/policies`;

describe('Conditional Access named locations over HTTP (issue #12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const count = async (token: string) => (await call(t, 'GET', `${LOCATIONS}?$count=true`, { token })).body['@odata.count'];

  it('creates IP and country locations (201, Location, polymorphic shape) and lists them on both versions', async () => {
    const token = freshTenant(t);
    const ip = await call(t, 'POST', LOCATIONS, { token, body: ipLocationBody({ displayName: 'Office', isTrusted: true }) });
    expect(ip.status).toBe(201);
    expect(ip.headers.get('location')).toBe(`${t.url}${LOCATIONS}/${ip.body.id}`);
    expect(ip.body).toMatchObject({
      '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/namedLocations/$entity`,
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      displayName: 'Office',
      isTrusted: true,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '12.34.221.11/22' }],
      deletedDateTime: null,
    });
    const country = await call(t, 'POST', `/beta${CA}/namedLocations`, { token, body: countryLocationBody({ countriesAndRegions: ['us', 'GB', 'XK'] }) });
    expect(country.status).toBe(201);
    expect(country.body).toMatchObject({
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      countriesAndRegions: ['US', 'GB', 'XK'],
      includeUnknownCountriesAndRegions: true,
      countryLookupMethod: 'clientIpAddress',
    });

    const list = await call(t, 'GET', `${LOCATIONS}?$orderby=displayName`, { token });
    expect(list.body.value.map((l: { '@odata.type': string }) => l['@odata.type'])).toEqual([
      '#microsoft.graph.countryNamedLocation',
      '#microsoft.graph.ipNamedLocation',
    ]);
    const filtered = await call(t, 'GET', `/beta${CA}/namedLocations?$filter=isof('microsoft.graph.ipNamedLocation')`, { token });
    expect(filtered.status).toBe(200);
    expect(filtered.body.value.map((l: { id: string }) => l.id)).toEqual([ip.body.id]);
    const counted = await call(t, 'GET', `${LOCATIONS}/$count?$filter=isof('microsoft.graph.countryNamedLocation')`, { token });
    expect({ status: counted.status, body: counted.body }).toEqual({ status: 200, body: 1 });
    const get = await call(t, 'GET', `${LOCATIONS}/${country.body.id}?$select=displayName`, { token });
    expect(get.body).toMatchObject({ id: country.body.id, displayName: country.body.displayName });
  });

  it('pages with a keyset $skiptoken in the sort order, under a type filter; deleted items page the same way', async () => {
    const token = freshTenant(t);
    for (const name of ['c', 'a', 'b']) await create(t, token, LOCATIONS, countryLocationBody({ displayName: name }));
    await create(t, token, LOCATIONS, ipLocationBody({ displayName: 'ip' }));
    const walk = async (start: string) => {
      const names: string[] = [];
      let url: string | undefined = start;
      while (url) {
        const res: JsonResponse = await call(t, 'GET', url, { token });
        expect(res.status).toBe(200);
        names.push(...res.body.value.map((l: { displayName: string }) => l.displayName));
        const link: string | undefined = res.body['@odata.nextLink'];
        if (link) expect(new URL(link).searchParams.get('$skiptoken')).toEqual(expect.any(String));
        url = link ? `${new URL(link).pathname}${new URL(link).search}` : undefined;
      }
      return names;
    };
    const countries = `$filter=isof('microsoft.graph.countryNamedLocation')`;
    expect(await walk(`${LOCATIONS}?${countries}&$orderby=displayName&$top=1`)).toEqual(['a', 'b', 'c']);
    expect(await walk(`${LOCATIONS}?$orderby=displayName desc&$top=3`)).toEqual(['ip', 'c', 'b', 'a']);
    const first = await call(t, 'GET', `${LOCATIONS}?${countries}&$orderby=displayName&$top=1`, { token });
    const skiptoken = new URL(first.body['@odata.nextLink']).searchParams.get('$skiptoken')!;
    expectGraphError(await call(t, 'GET', `${LOCATIONS}?$orderby=displayName&$top=1&$skiptoken=${skiptoken}`, { token }), 400, 'Request_UnsupportedQuery');

    for (const l of (await call(t, 'GET', LOCATIONS, { token })).body.value) await call(t, 'DELETE', `${LOCATIONS}/${l.id}`, { token });
    expect(await walk(`${DELETED}?$orderby=displayName&$top=2`)).toEqual(['a', 'b', 'c', 'ip']);
  });

  it('PATCH replaces sent properties (204); the type is fixed; a refused PATCH writes nothing', async () => {
    const token = freshTenant(t);
    const id = await create(t, token, LOCATIONS, ipLocationBody());
    const ranges = [{ '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8::/48' }];
    const ok = await call(t, 'PATCH', `${LOCATIONS}/${id}`, { token, body: { '@odata.type': '#microsoft.graph.ipNamedLocation', ipRanges: ranges } });
    expect(ok.status).toBe(204);
    const after = (await call(t, 'GET', `${LOCATIONS}/${id}`, { token })).body;
    expect(after).toMatchObject({ displayName: 'Office', ipRanges: ranges });
    expect(after.modifiedDateTime).not.toBeNull();

    const retype = await call(t, 'PATCH', `${LOCATIONS}/${id}`, {
      token,
      body: { '@odata.type': '#microsoft.graph.countryNamedLocation', countriesAndRegions: ['US'] },
    });
    expectGraphError(retype, 400, 'BadRequest', /^1921/);
    const badRange = await call(t, 'PATCH', `${LOCATIONS}/${id}`, {
      token,
      body: { '@odata.type': '#microsoft.graph.ipNamedLocation', ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '10.0.0.0/8' }] },
    });
    expectGraphError(badRange, 400, 'BadRequest', /^1923/);
    expect((await call(t, 'GET', `${LOCATIONS}/${id}`, { token })).body).toEqual(after);
  });

  describe('bad bodies are 400 with the numbered message, never 500, and nothing is written', () => {
    const cases: [string, unknown, RegExp][] = [
      ['no @odata.type', { displayName: 'x', ipRanges: ipLocationBody().ipRanges }, /^1920/],
      ['a CIDR that is not CIDR', ipLocationBody({ ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '1.2.3.400/24' }] }), /^1922/],
      ['an IPv4 prefix of /8', ipLocationBody({ ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '10.0.0.0/8' }] }), /^1923/],
      ['a three-letter country code', countryLocationBody({ countriesAndRegions: ['USA'] }), /^1926/],
      ['isTrusted on a country location', countryLocationBody({ isTrusted: true }), /^1929/],
      // Refused by the JSON parser before the named-location rules (docs/choices.md "Hostile bodies").
      ['a string body', '"office"', /^The request body must be a JSON object/],
    ];
    it.each(cases)('%s', async (_name, body, message) => {
      const token = freshTenant(t);
      expectGraphError(await call(t, 'POST', LOCATIONS, { token, body }), 400, 'BadRequest', message);
      expect(await count(token)).toBe(0);
    });
  });

  it('a trusted location cannot be deleted (1927) until it is untrusted; delete is soft, restore and purge work', async () => {
    const token = freshTenant(t);
    const id = await create(t, token, LOCATIONS, ipLocationBody({ isTrusted: true }));
    expectGraphError(await call(t, 'DELETE', `${LOCATIONS}/${id}`, { token }), 400, 'BadRequest', /^1927/);
    await call(t, 'PATCH', `${LOCATIONS}/${id}`, { token, body: { '@odata.type': '#microsoft.graph.ipNamedLocation', isTrusted: false } });
    const original = (await call(t, 'GET', `${LOCATIONS}/${id}`, { token })).body;
    expect((await call(t, 'DELETE', `${LOCATIONS}/${id}`, { token })).status).toBe(204);
    expectGraphError(await call(t, 'GET', `${LOCATIONS}/${id}`, { token }), 404, 'ResourceNotFound');
    // A deleted location cannot be named by a policy.
    expectGraphError(await call(t, 'POST', POLICIES, { token, body: policyBody({ locations: [id] }) }), 400, 'BadRequest', /^1907/);

    const deleted = await call(t, 'GET', DELETED, { token });
    expect(deleted.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/deletedItems/namedLocations`);
    expect(deleted.body.value.map((l: { id: string }) => l.id)).toEqual([id]);
    expect((await call(t, 'GET', `${DELETED}/${id}`, { token })).body.deletedDateTime).not.toBeNull();

    const restored = await call(t, 'POST', `${DELETED}/${id}/restore`, { token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, displayName: 'Office', deletedDateTime: null });
    expect((await call(t, 'GET', `${LOCATIONS}/${id}`, { token })).body).toEqual(original);

    await call(t, 'DELETE', `${LOCATIONS}/${id}`, { token });
    expect((await call(t, 'DELETE', `${DELETED}/${id}`, { token })).status).toBe(204);
    expectGraphError(await call(t, 'GET', `${DELETED}/${id}`, { token }), 404, 'ResourceNotFound');
    expectGraphError(await call(t, 'DELETE', `${DELETED}/${randomUUID()}`, { token }), 404, 'ResourceNotFound');
  });

  it('another tenant cannot see, change, delete or restore a location', async () => {
    const a = freshTenant(t);
    const b = freshTenant(t);
    const id = await create(t, a, LOCATIONS, ipLocationBody());
    expect((await call(t, 'GET', LOCATIONS, { token: b })).body.value).toEqual([]);
    expectGraphError(await call(t, 'PATCH', `${LOCATIONS}/${id}`, { token: b, body: { displayName: 'x' } }), 404, 'ResourceNotFound');
    expectGraphError(await call(t, 'DELETE', `${LOCATIONS}/${id}`, { token: b }), 404, 'ResourceNotFound');
    await call(t, 'DELETE', `${LOCATIONS}/${id}`, { token: a });
    expect((await call(t, 'GET', DELETED, { token: b })).body.value).toEqual([]);
    expectGraphError(await call(t, 'POST', `${DELETED}/${id}/restore`, { token: b }), 404, 'ResourceNotFound');
    expectGraphError(await call(t, 'DELETE', `${DELETED}/${id}`, { token: b }), 404, 'ResourceNotFound');
  });
});

describe('Conditional Access templates and authentication strengths over HTTP (issue #12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const STRENGTHS = `/v1.0${CA}/authenticationStrength/policies`;
  const MFA = '00000000-0000-0000-0000-000000000002';

  it('serves the 16 read-only templates, and a policy may name one on create', async () => {
    const token = freshTenant(t);
    const list = await call(t, 'GET', `/v1.0${CA}/templates`, { token });
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(16);
    const first = await call(t, 'GET', `/beta${CA}/templates/c7503427-338e-4c5e-902d-abe252abfb43`, { token });
    expect(first.body).toMatchObject({ name: 'Require multifactor authentication for admins' });
    expectGraphError(await call(t, 'GET', `/v1.0${CA}/templates/${randomUUID()}`, { token }), 404, 'ResourceNotFound');
    expectGraphError(await call(t, 'POST', `/v1.0${CA}/templates`, { token, body: {} }), 405, 'Request_BadRequest');
    const policy = await call(t, 'POST', `/v1.0${CA}/policies`, { token, body: { ...policyBody(), templateId: 'C7503427-338E-4C5E-902D-ABE252ABFB43' } });
    expect({ status: policy.status, templateId: policy.body.templateId }).toEqual({ status: 201, templateId: 'c7503427-338e-4c5e-902d-abe252abfb43' });
  });

  it('shows evolvable combinations as unknownFutureValue in every strength answer unless Prefer asks for them', async () => {
    const token = freshTenant(t);
    const prefer = { Prefer: 'include-unknown-enum-members' };
    const body = { displayName: 'QR', allowedCombinations: ['fido2', 'qrCodePin'] };
    const plain = await call(t, 'POST', STRENGTHS, { token, body });
    expect(plain.status).toBe(201);
    expect(plain.body.allowedCombinations).toEqual(['fido2', 'unknownFutureValue']);
    const asked = await call(t, 'POST', STRENGTHS, { token, body, headers: prefer });
    expect(asked.body.allowedCombinations).toEqual(['fido2', 'qrCodePin']);
    const update = { allowedCombinations: ['fido2', 'qrCodePin', 'windowsHelloForBusiness'] };
    const result = await call(t, 'POST', `${STRENGTHS}/${plain.body.id}/updateAllowedCombinations`, { token, body: update });
    expect(result.status).toBe(200);
    expect(result.body.currentCombinations).toEqual(['fido2', 'unknownFutureValue', 'windowsHelloForBusiness']);
    const full = await call(t, 'POST', `${STRENGTHS}/${asked.body.id}/updateAllowedCombinations`, { token, body: update, headers: prefer });
    expect(full.body.currentCombinations).toEqual(update.allowedCombinations);
  });

  it('has the three built-ins in every tenant (read-only) and custom strengths with their sub-resources, on both paths', async () => {
    const token = freshTenant(t);
    const list = await call(t, 'GET', STRENGTHS, { token });
    expect(list.body.value.map((s: { id: string }) => s.id)).toEqual([MFA, '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004']);
    expectGraphError(await call(t, 'PATCH', `${STRENGTHS}/${MFA}`, { token, body: { displayName: 'x' } }), 400, 'BadRequest', /^1940/);
    expectGraphError(await call(t, 'DELETE', `${STRENGTHS}/${MFA}`, { token }), 400, 'BadRequest', /^1940/);

    const created = await call(t, 'POST', '/v1.0/policies/authenticationStrengthPolicies', {
      token,
      body: { displayName: 'Keys', allowedCombinations: ['fido2', 'windowsHelloForBusiness'] },
    });
    expect(created.status).toBe(201);
    expect(created.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#policies/authenticationStrengthPolicies/$entity`);
    expect(created.body).toMatchObject({ policyType: 'custom', requirementsSatisfied: 'mfa' });
    const id = created.body.id as string;
    expect((await call(t, 'GET', `${STRENGTHS}/${id}`, { token })).body.displayName).toBe('Keys');
    // beta's plural navigation serves the same strengths, with its own @odata.context; v1.0 has no such path.
    const plural = await call(t, 'GET', `/beta${CA}/authenticationStrengths/policies/${id}`, { token });
    expect({ status: plural.status, context: plural.body['@odata.context'] }).toEqual({
      status: 200,
      context: `${t.url}/beta/$metadata#identity/conditionalAccess/authenticationStrengths/policies/$entity`,
    });
    expect((await call(t, 'GET', `/v1.0${CA}/authenticationStrengths/policies/${id}`, { token })).status).toBe(404);
    expect((await call(t, 'PATCH', `${STRENGTHS}/${id}`, { token, body: { description: 'Hardware keys' } })).status).toBe(204);

    const config = await call(t, 'POST', `${STRENGTHS}/${id}/combinationConfigurations`, {
      token,
      body: {
        '@odata.type': '#microsoft.graph.fido2CombinationConfiguration',
        allowedAAGUIDs: ['90a3ccdf-635c-4729-a248-9b709135078f'],
        appliesToCombinations: ['fido2'],
      },
    });
    expect(config.status).toBe(201);
    const configs = await call(t, 'GET', `${STRENGTHS}/${id}/combinationConfigurations`, { token });
    expect(configs.body.value.map((c: { id: string }) => c.id)).toEqual([config.body.id]);
    expect((await call(t, 'GET', `${STRENGTHS}/${id}/combinationConfigurations/${config.body.id}`, { token })).status).toBe(200);

    const update = await call(t, 'POST', `${STRENGTHS}/${id}/updateAllowedCombinations`, { token, body: { allowedCombinations: ['windowsHelloForBusiness'] } });
    expect(update.status).toBe(200);
    expect(update.body.currentCombinations).toEqual(['windowsHelloForBusiness']);
    // The fido2 configuration no longer applies to any combination: it is dropped.
    expect((await call(t, 'GET', `${STRENGTHS}/${id}/combinationConfigurations`, { token })).body.value).toEqual([]);

    const policy = await create(t, token, `/v1.0${CA}/policies`, policyBody({ strength: id }));
    const usage = await call(t, 'GET', `${STRENGTHS}/${id}/usage`, { token });
    expect(usage.status).toBe(200);
    expect(usage.body.mfa.map((p: { id: string }) => p.id)).toEqual([policy]);

    const modes = await call(t, 'GET', `/v1.0${CA}/authenticationStrength/authenticationMethodModes`, { token });
    expect(modes.body.value.length).toBeGreaterThan(10);
    const combos = await call(t, 'GET', `/v1.0${CA}/authenticationStrength/combinations`, { token });
    expect(combos.body.value).toContain('fido2');
  });

  it('counts strengths on /$count (text/plain, built-ins included, $filter kept, nothing else) on every path', async () => {
    const token = freshTenant(t);
    await create(t, token, STRENGTHS, { displayName: 'Mine', allowedCombinations: ['fido2'] });
    const counted = await call(t, 'GET', `${STRENGTHS}/$count`, { token });
    expect({ status: counted.status, type: counted.headers.get('content-type'), body: counted.body }).toEqual({
      status: 200,
      type: 'text/plain; charset=utf-8',
      body: 4,
    });
    expect((await call(t, 'GET', `${STRENGTHS}/$count?$filter=policyType eq 'custom'`, { token })).body).toBe(1);
    expect((await call(t, 'GET', '/v1.0/policies/authenticationStrengthPolicies/$count', { token })).body).toBe(4);
    expect((await call(t, 'GET', `/beta${CA}/authenticationStrengths/policies/$count`, { token })).body).toBe(4);
    expect((await call(t, 'GET', `${STRENGTHS}?$count=true`, { token })).body['@odata.count']).toBe(4);
    expectGraphError(await call(t, 'GET', `${STRENGTHS}/$count?$top=1`, { token }), 400, 'Request_UnsupportedQuery');
    expectGraphError(await call(t, 'GET', `${STRENGTHS}/$count?$filter=nope eq 1`, { token }), 400, 'Request_UnsupportedQuery');
    // Another tenant has the built-ins only.
    expect((await call(t, 'GET', `${STRENGTHS}/$count`, { token: freshTenant(t) })).body).toBe(3);
  });

  it('a $select list is named in the @odata.context of strength and template lists', async () => {
    const token = freshTenant(t);
    const strengths = await call(t, 'GET', `${STRENGTHS}?$select=displayName`, { token });
    expect(strengths.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationStrength/policies(displayName)`);
    expect(Object.keys(strengths.body.value[0])).toEqual(['id', 'displayName']);
    const templates = await call(t, 'GET', `/v1.0${CA}/templates?$select=name`, { token });
    expect(templates.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/templates(name)`);
    expect(Object.keys(templates.body.value[0])).toEqual(['id', 'name']);
  });

  it('bad strength bodies are 400 and nothing is written; the 15-strength limit holds', async () => {
    const token = freshTenant(t);
    const bad = await call(t, 'POST', STRENGTHS, { token, body: { displayName: 'x', allowedCombinations: ['carrierPigeon'] } });
    expectGraphError(bad, 400, 'BadRequest', /^1941/);
    expect((await call(t, 'GET', STRENGTHS, { token })).body.value).toHaveLength(3);
    for (let i = 0; i < 15; i++) await create(t, token, STRENGTHS, { displayName: `S${i}`, allowedCombinations: ['password,sms'] });
    expectGraphError(
      await call(t, 'POST', STRENGTHS, { token, body: { displayName: 'S15', allowedCombinations: ['password,sms'] } }),
      400,
      'BadRequest',
      /^1942/,
    );
  });
});
