import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, countryLocationBody, create, expectGraphError, freshTenant, ipLocationBody, policyBody } from './support/conditional-access.js';
import { call, type JsonResponse } from './support/http.js';

jest.setTimeout(120_000);

const POLICIES = `/v1.0${CA}/policies`;
const LOCATIONS = `/v1.0${CA}/namedLocations`;
const DELETED = `/v1.0${CA}/deletedItems/policies`;
const CONTEXTS = `/v1.0${CA}/authenticationContextClassReferences`;
const STRENGTHS = `/v1.0${CA}/authenticationStrength/policies`;

describe('Conditional Access policies over HTTP (issue #12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const liveCount = async (token: string) => (await call(t, 'GET', `${POLICIES}?$count=true`, { token })).body['@odata.count'];

  describe('lifecycle', () => {
    it('creates (201, Location, the full normalised shape), reads on both versions and under the alias', async () => {
      const token = freshTenant(t);
      const res = await call(t, 'POST', POLICIES, { token, body: policyBody({ displayName: 'Require MFA' }) });
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      expect(res.headers.get('location')).toBe(`${t.url}${POLICIES}/${id}`);
      expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/policies/$entity`);
      expect(res.body).toMatchObject({
        displayName: 'Require MFA',
        state: 'enabled',
        templateId: null,
        deletedDateTime: null,
        conditions: { clientAppTypes: ['all'], users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [] } },
        grantControls: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: null },
      });
      expect(Date.parse(res.body.createdDateTime)).not.toBeNaN();

      const v1 = await call(t, 'GET', `${POLICIES}/${id}`, { token });
      expect(v1.status).toBe(200);
      expect(v1.body.conditions).toEqual(res.body.conditions);
      const beta = await call(t, 'GET', `/beta${CA}/policies/${id}`, { token });
      expect(beta.status).toBe(200);
      expect(beta.body['@odata.context']).toBe(`${t.url}/beta/$metadata#identity/conditionalAccess/policies/$entity`);

      const alias = await call(t, 'GET', '/v1.0/policies/conditionalAccessPolicies', { token });
      expect(alias.status).toBe(200);
      expect(alias.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#policies/conditionalAccessPolicies`);
      expect(alias.body.value.map((p: { id: string }) => p.id)).toEqual([id]);
      const aliasItem = await call(t, 'GET', `/beta/policies/conditionalAccessPolicies/${id}`, { token });
      expect({ status: aliasItem.status, id: aliasItem.body.id }).toEqual({ status: 200, id });
    });

    it('lists with $filter on a nested collection (any), $select, $top with a nextLink, $count and $orderby', async () => {
      const token = freshTenant(t);
      const someone = randomUUID();
      await create(t, token, POLICIES, policyBody({ displayName: 'b all users' }));
      await create(t, token, POLICIES, policyBody({ displayName: 'a one user', users: [someone] }));
      await create(t, token, POLICIES, policyBody({ displayName: 'c all users, report-only', state: 'enabledForReportingButNotEnforced' }));

      const filtered = await call(t, 'GET', `${POLICIES}?$filter=conditions/users/includeUsers/any(u:u eq '${someone}')`, { token });
      expect(filtered.status).toBe(200);
      expect(filtered.body.value.map((p: { displayName: string }) => p.displayName)).toEqual(['a one user']);

      const both = await call(t, 'GET', `${POLICIES}?$filter=conditions/users/includeUsers/any(u:u eq 'All') and state eq 'enabled'&$count=true`, { token });
      expect(both.body['@odata.count']).toBe(1);
      expect(both.body.value.map((p: { displayName: string }) => p.displayName)).toEqual(['b all users']);

      const counted = await call(t, 'GET', `/beta${CA}/policies/$count?$filter=conditions/users/includeUsers/any(u:u eq 'All')`, { token });
      expect({ status: counted.status, type: counted.headers.get('content-type'), body: counted.body }).toEqual({
        status: 200,
        type: 'text/plain; charset=utf-8',
        body: 2,
      });
      expect((await call(t, 'GET', '/v1.0/policies/conditionalAccessPolicies/$count', { token })).body).toBe(3);
      expectGraphError(await call(t, 'GET', `${POLICIES}/$count?$top=1`, { token }), 400, 'Request_UnsupportedQuery');

      const ordered = await call(t, 'GET', `${POLICIES}?$orderby=displayName desc&$select=displayName,state`, { token });
      // The key comes with every selected item.
      expect(ordered.body.value).toEqual([
        { id: expect.any(String), displayName: 'c all users, report-only', state: 'enabledForReportingButNotEnforced' },
        { id: expect.any(String), displayName: 'b all users', state: 'enabled' },
        { id: expect.any(String), displayName: 'a one user', state: 'enabled' },
      ]);

      const page = await call(t, 'GET', `${POLICIES}?$top=2&$orderby=displayName`, { token });
      expect(page.body.value).toHaveLength(2);
      // Graph's CA lists continue with a keyset $skiptoken, as the rest of the service.
      const next = new URL(page.body['@odata.nextLink']);
      expect(next.searchParams.get('$skiptoken')).toEqual(expect.any(String));
      expect(next.searchParams.has('$skip')).toBe(false);
      const rest = await call(t, 'GET', `${next.pathname}${next.search}`, { token });
      expect(rest.body.value.map((p: { displayName: string }) => p.displayName)).toEqual(['c all users, report-only']);
      expect(rest.body['@odata.nextLink']).toBeUndefined();
    });

    it('pages with $skiptoken in the sort order under a nested $filter; a token is bound to its query; $skip is still accepted', async () => {
      const token = freshTenant(t);
      for (const name of ['p4', 'p2', 'p5', 'p1', 'p3']) await create(t, token, POLICIES, policyBody({ displayName: name }));
      await create(t, token, POLICIES, policyBody({ displayName: 'p0', users: [randomUUID()] }));
      const filter = `$filter=conditions/users/includeUsers/any(u:u eq 'All')`;
      const seen: string[] = [];
      let url: string | undefined = `${POLICIES}?${filter}&$orderby=displayName desc&$top=2&$select=displayName&$count=true`;
      let pages = 0;
      while (url) {
        const res: JsonResponse = await call(t, 'GET', url, { token });
        expect(res.status).toBe(200);
        if (pages === 0) expect(res.body['@odata.count']).toBe(5);
        seen.push(...res.body.value.map((p: { displayName: string }) => p.displayName));
        const link: string | undefined = res.body['@odata.nextLink'];
        url = link ? `${new URL(link).pathname}${new URL(link).search}` : undefined;
        pages++;
      }
      expect({ seen, pages }).toEqual({ seen: ['p5', 'p4', 'p3', 'p2', 'p1'], pages: 3 });

      const first = await call(t, 'GET', `${POLICIES}?${filter}&$orderby=displayName desc&$top=2`, { token });
      const skiptoken = new URL(first.body['@odata.nextLink']).searchParams.get('$skiptoken')!;
      // The same token under another $filter (or none) is refused, never a silently different page.
      const otherFilter = `$filter=state eq 'enabled'&$orderby=displayName desc&$top=2&$skiptoken=${skiptoken}`;
      expectGraphError(await call(t, 'GET', `${POLICIES}?${otherFilter}`, { token }), 400, 'Request_UnsupportedQuery');
      expectGraphError(
        await call(t, 'GET', `${POLICIES}?$orderby=displayName desc&$top=2&$skiptoken=${skiptoken}`, { token }),
        400,
        'Request_UnsupportedQuery',
      );
      expectGraphError(await call(t, 'GET', `${POLICIES}?$skiptoken=garbage`, { token }), 400, 'Request_UnsupportedQuery');

      // $skip is documented for this list (graph-spec-ca-root §1.6): still an offset.
      const skipped = await call(t, 'GET', `${POLICIES}?$orderby=displayName&$skip=4&$top=1&$select=displayName`, { token });
      expect(skipped.body.value.map((p: { displayName: string }) => p.displayName)).toEqual(['p4']);
    });

    it('PATCH merges objects, replaces arrays, validates the merged result (204), and a refused PATCH writes nothing', async () => {
      const token = freshTenant(t);
      const id = await create(t, token, POLICIES, policyBody());
      const before = (await call(t, 'GET', `${POLICIES}/${id}`, { token })).body;
      const excluded = randomUUID();
      const res = await call(t, 'PATCH', `${POLICIES}/${id}`, { token, body: { conditions: { users: { excludeUsers: [excluded] } }, state: 'disabled' } });
      expect(res.status).toBe(204);
      const after = (await call(t, 'GET', `${POLICIES}/${id}`, { token })).body;
      expect(after.conditions.users.includeUsers).toEqual(['All']);
      expect(after.conditions.users.excludeUsers).toEqual([excluded]);
      expect(after.state).toBe('disabled');
      expect(after.modifiedDateTime).not.toBeNull();
      expect(after.createdDateTime).toBe(before.createdDateTime);

      // The merged policy would combine mfa with a strength: 1108, and nothing changes.
      const bad = await call(t, 'PATCH', `${POLICIES}/${id}`, {
        token,
        body: { grantControls: { authenticationStrength: { id: '00000000-0000-0000-0000-000000000002' } } },
      });
      expectGraphError(bad, 400, 'BadRequest', /^1108/);
      expect((await call(t, 'GET', `${POLICIES}/${id}`, { token })).body).toEqual(after);
    });

    it('delete is soft: deletedItems lists and gets it, restore brings it back as it was (200), purge removes it (204)', async () => {
      const token = freshTenant(t);
      const id = await create(t, token, POLICIES, policyBody({ displayName: 'To delete' }));
      const original = (await call(t, 'GET', `${POLICIES}/${id}`, { token })).body;
      expect((await call(t, 'DELETE', `${POLICIES}/${id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `${POLICIES}/${id}`, { token }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'DELETE', `${POLICIES}/${id}`, { token }), 404, 'ResourceNotFound');

      const deleted = await call(t, 'GET', DELETED, { token });
      expect(deleted.status).toBe(200);
      expect(deleted.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/deletedItems/policies`);
      expect(deleted.body.value.map((p: { id: string }) => p.id)).toEqual([id]);
      expect(deleted.body.value[0].deletedDateTime).not.toBeNull();
      const one = await call(t, 'GET', `/beta${CA}/deletedItems/policies/${id}`, { token });
      expect({ status: one.status, displayName: one.body.displayName }).toEqual({ status: 200, displayName: 'To delete' });

      const restored = await call(t, 'POST', `${DELETED}/${id}/restore`, { token });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id, displayName: 'To delete', deletedDateTime: null, conditions: original.conditions });
      expect((await call(t, 'GET', `${POLICIES}/${id}`, { token })).body).toEqual(original);
      expect((await call(t, 'GET', DELETED, { token })).body.value).toEqual([]);

      await call(t, 'DELETE', `${POLICIES}/${id}`, { token });
      expect((await call(t, 'DELETE', `${DELETED}/${id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `${DELETED}/${id}`, { token }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'POST', `${DELETED}/${id}/restore`, { token }), 404, 'ResourceNotFound');
    });

    it('hides evolvable enum members unless Prefer: include-unknown-enum-members', async () => {
      const token = freshTenant(t);
      const body = policyBody();
      const id = await create(t, token, POLICIES, { ...body, conditions: { ...body.conditions, platforms: { includePlatforms: ['linux', 'android'] } } });
      const hidden = await call(t, 'GET', `${POLICIES}/${id}`, { token });
      expect(hidden.body.conditions.platforms.includePlatforms).toEqual(['unknownFutureValue', 'android']);
      const shown = await call(t, 'GET', `${POLICIES}/${id}`, { token, headers: { prefer: 'include-unknown-enum-members' } });
      expect(shown.body.conditions.platforms.includePlatforms).toEqual(['linux', 'android']);
    });

    it('GET /identity/conditionalAccess itself is 405', async () => {
      const token = freshTenant(t);
      for (const v of ['v1.0', 'beta']) {
        expectGraphError(await call(t, 'GET', `/${v}${CA}`, { token }), 405, 'Request_BadRequest');
      }
    });
  });

  describe('bad input: 400 with the numbered message (never 500) and nothing written', () => {
    const base = policyBody();
    const cases: [string, unknown, RegExp][] = [
      ['no displayName', { ...base, displayName: undefined }, /^1007/],
      ['an unknown property', { ...base, colour: 'blue' }, /^1007/],
      ['a read-only id', { ...base, id: randomUUID() }, /^1001/],
      ['a state that is no member', { ...base, state: 'on' }, /^1007/],
      ['the literal unknownFutureValue', { ...base, state: 'unknownFutureValue' }, /^1007/],
      // Refused by the JSON parser before the policy rules (docs/choices.md "Hostile bodies").
      ['a body that is an array', [base], /^The request body must be a JSON object/],
      ['a user id that is neither a GUID nor a keyword', policyBody({ users: ['bob'] }), /^1911/],
      ['no clientAppTypes', { ...base, conditions: { ...base.conditions, clientAppTypes: [] } }, /^1903/],
      ['no grant or session control', { ...base, grantControls: null }, /^1904/],
      [
        'mfa with a strength',
        { ...base, grantControls: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: { id: '00000000-0000-0000-0000-000000000002' } } },
        /^1108/,
      ],
      ['an unknown named location', policyBody({ locations: [randomUUID()] }), /^1907/],
      ['an unknown authentication strength', policyBody({ strength: randomUUID() }), /^1908/],
      ['an authentication strength id that is no GUID', policyBody({ strength: 'x' }), /^1908/],
      ['an unknown authentication context', policyBody({ contexts: ['c7'] }), /^1909/],
      ['an unknown template', { ...base, templateId: randomUUID() }, /^1910/],
    ];
    it.each(cases)('%s', async (_name, body, message) => {
      const token = freshTenant(t);
      const res = await call(t, 'POST', POLICIES, { token, body });
      expectGraphError(res, 400, 'BadRequest', message);
      expect(await liveCount(token)).toBe(0);
    });

    it('ids in URLs that are not GUIDs are 404, and bad $filter is 400', async () => {
      const token = freshTenant(t);
      expectGraphError(await call(t, 'GET', `${POLICIES}/not-a-guid`, { token }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'PATCH', `${POLICIES}/x'--`, { token, body: { state: 'disabled' } }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'GET', `${POLICIES}?$filter=conditions/nope eq 1`, { token }), 400, 'Request_UnsupportedQuery');
      expectGraphError(await call(t, 'GET', `${POLICIES}?$filter=createdDateTime gt 'yesterday'`, { token }), 400, 'Request_UnsupportedQuery');
    });
  });

  describe('references are enforced', () => {
    it('a location that a live policy names cannot be deleted (400 naming the policy); once the policy is gone it can', async () => {
      const token = freshTenant(t);
      const loc = await create(t, token, LOCATIONS, ipLocationBody());
      const policy = await create(t, token, POLICIES, policyBody({ locations: [loc, 'AllTrusted'] }));
      const refused = await call(t, 'DELETE', `${LOCATIONS}/${loc}`, { token });
      expectGraphError(refused, 400, 'BadRequest', new RegExp(`^1928.*${policy}`));
      expect((await call(t, 'GET', `${LOCATIONS}/${loc}`, { token })).status).toBe(200);
      await call(t, 'DELETE', `${POLICIES}/${policy}`, { token });
      expect((await call(t, 'DELETE', `${LOCATIONS}/${loc}`, { token })).status).toBe(204);
      // The soft-deleted policy still names the soft-deleted location: restoring the policy first is refused.
      expectGraphError(await call(t, 'POST', `${DELETED}/${policy}/restore`, { token }), 400, 'BadRequest', /^1907/);
    });

    it('an authentication context that a policy (live or soft-deleted) names cannot be deleted (400 naming it)', async () => {
      const token = freshTenant(t);
      expect((await call(t, 'PATCH', `${CONTEXTS}/c3`, { token, body: { displayName: 'Step-up', isAvailable: false } })).status).toBe(204);
      const policy = await create(t, token, POLICIES, policyBody({ contexts: ['c3'] }));
      expectGraphError(await call(t, 'DELETE', `${CONTEXTS}/c3`, { token }), 400, 'BadRequest', new RegExp(`^1930.*${policy}`));
      await call(t, 'DELETE', `${POLICIES}/${policy}`, { token });
      expectGraphError(await call(t, 'DELETE', `${CONTEXTS}/c3`, { token }), 400, 'BadRequest', new RegExp(`^1930.*${policy}`));
      expect((await call(t, 'DELETE', `/v1.0${CA}/deletedItems/policies/${policy}`, { token })).status).toBe(204);
      expect((await call(t, 'DELETE', `${CONTEXTS}/c3`, { token })).status).toBe(204);
    });

    it('a custom strength that a live policy names cannot be deleted (400 naming the policy)', async () => {
      const token = freshTenant(t);
      const strength = await create(t, token, STRENGTHS, { displayName: 'Passwordless', allowedCombinations: ['fido2', 'windowsHelloForBusiness'] });
      const policy = await create(t, token, POLICIES, policyBody({ strength }));
      const read = await call(t, 'GET', `${POLICIES}/${policy}`, { token });
      expect(read.body.grantControls.authenticationStrength).toMatchObject({ id: strength, displayName: 'Passwordless' });
      expectGraphError(await call(t, 'DELETE', `${STRENGTHS}/${strength}`, { token }), 400, 'BadRequest', new RegExp(`^1943.*${policy}`));
      await call(t, 'DELETE', `${POLICIES}/${policy}`, { token });
      expect((await call(t, 'DELETE', `${STRENGTHS}/${strength}`, { token })).status).toBe(204);
    });

    it('a location delete racing policy creates that name it never leaves a dangling reference', async () => {
      const token = freshTenant(t);
      for (let round = 0; round < 8; round++) {
        const loc = await create(t, token, LOCATIONS, countryLocationBody({ displayName: `Round ${round}` }));
        const [del, ...creates] = await Promise.all([
          call(t, 'DELETE', `${LOCATIONS}/${loc}`, { token }),
          call(t, 'POST', POLICIES, { token, body: policyBody({ locations: [loc] }) }),
          call(t, 'POST', POLICIES, { token, body: policyBody({ locations: [loc] }) }),
        ]);
        for (const r of [del, ...creates]) expect([200, 201, 204, 400]).toContain(r.status);
        const created = creates.filter((r) => r.status === 201);
        // Exactly one side wins: the delete, or the creates (then the delete names them).
        expect({ round, deleted: del.status === 204, created: created.length > 0 }).toEqual({
          round,
          deleted: created.length === 0,
          created: del.status !== 204,
        });
        const live = (await call(t, 'GET', `${LOCATIONS}/${loc}`, { token })).status === 200;
        const naming = await call(t, 'GET', `${POLICIES}?$filter=conditions/locations/includeLocations/any(l:l eq '${loc}')`, { token });
        expect({ round, dangling: naming.body.value.length > 0 && !live }).toEqual({ round, dangling: false });
      }
    });
  });

  describe('an authentication context delete racing policy creates that name it', () => {
    it('never answers 500 and never leaves a policy naming a deleted context', async () => {
      const token = freshTenant(t);
      for (let round = 0; round < 8; round++) {
        const id = `c${(round % 25) + 1}`;
        expect((await call(t, 'PATCH', `${CONTEXTS}/${id}`, { token, body: { displayName: `Round ${round}` } })).status).toBe(204);
        const [del, ...creates] = await Promise.all([
          call(t, 'DELETE', `${CONTEXTS}/${id}`, { token }),
          call(t, 'POST', POLICIES, { token, body: policyBody({ contexts: [id] }) }),
          call(t, 'POST', POLICIES, { token, body: policyBody({ contexts: [id] }) }),
        ]);
        for (const r of [del, ...creates])
          expect({ round, ok: [201, 204, 400].includes(r.status), body: r.status >= 500 ? r.body : null }).toEqual({ round, ok: true, body: null });
        const created = creates.filter((r) => r.status === 201).map((r) => r.body.id as string);
        expect({ round, deleted: del.status === 204 }).toEqual({ round, deleted: created.length === 0 });
        // The refusal names a policy that references the context: either create may have committed first.
        if (del.status === 400) expect(del.body.error.message).toMatch(new RegExp(`^1930.*(${created.join('|')})`));
        const live = (await call(t, 'GET', `${CONTEXTS}/${id}`, { token })).status === 200;
        const naming = await call(t, 'GET', `${POLICIES}?$filter=conditions/applications/includeAuthenticationContextClassReferences/any(c:c eq '${id}')`, {
          token,
        });
        expect({ round, dangling: naming.body.value.length > 0 && !live }).toEqual({ round, dangling: false });
        // Clean up for the next round: the policies go for good, then the context.
        for (const p of created) {
          await call(t, 'DELETE', `${POLICIES}/${p}`, { token });
          await call(t, 'DELETE', `${DELETED}/${p}`, { token });
        }
        if (live) expect((await call(t, 'DELETE', `${CONTEXTS}/${id}`, { token })).status).toBe(204);
      }
    });
  });

  describe('tenant isolation', () => {
    it("another tenant neither sees, changes, deletes nor names one tenant's objects", async () => {
      const a = freshTenant(t);
      const b = freshTenant(t);
      const loc = await create(t, a, LOCATIONS, ipLocationBody());
      const policy = await create(t, a, POLICIES, policyBody({ locations: [loc] }));
      expect((await call(t, 'GET', POLICIES, { token: b })).body.value).toEqual([]);
      expectGraphError(await call(t, 'GET', `${POLICIES}/${policy}`, { token: b }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'PATCH', `${POLICIES}/${policy}`, { token: b, body: { state: 'disabled' } }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'DELETE', `${POLICIES}/${policy}`, { token: b }), 404, 'ResourceNotFound');
      expectGraphError(await call(t, 'POST', POLICIES, { token: b, body: policyBody({ locations: [loc] }) }), 400, 'BadRequest', /^1907/);
      expectGraphError(await call(t, 'GET', `${LOCATIONS}/${loc}`, { token: b }), 404, 'ResourceNotFound');
      expect((await call(t, 'GET', `${POLICIES}/${policy}`, { token: a })).body.state).toBe('enabled');
    });
  });
});
