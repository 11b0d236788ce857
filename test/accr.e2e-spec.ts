import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, TENANT_A } from './support/tokens.js';

const PATH = '/identity/conditionalAccess/authenticationContextClassReferences';
const V1 = `/v1.0${PATH}`;
const BETA = `/beta${PATH}`;
const WRITE = ['Policy.ReadWrite.ConditionalAccess'];

/** The seed's request body (seeds/003), as written. */
const SEED_BODY = {
  id: 'c1',
  displayName: 'Contoso medium',
  description: 'Medium protection level defined for Contoso policy',
  isAvailable: true,
};

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

describe('authenticationContextClassReferences', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** An app token for a tenant of its own, so each test starts from an empty set. */
  const freshTenant = () => application(t, WRITE, { tenantId: randomUUID() });
  const list = async (token: string, query = '') => (await call(t, 'GET', `${V1}${query}`, { token })).body;
  const ids = (body: { value: { id: string }[] }) => body.value.map((v) => v.id);

  describe('the seed: PATCH on the collection', () => {
    it('creates c1 exactly as the seed shows (201, body, Location), then answers 200 with the entity', async () => {
      const token = application(t, WRITE, { tenantId: TENANT_A });
      const res = await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
        id: 'c1',
        displayName: 'Contoso medium',
        description: 'Medium protection level defined for Contoso policy',
        isAvailable: true,
      });
      expect(Object.keys(res.body)).toEqual(['@odata.context', 'id', 'displayName', 'description', 'isAvailable']);
      expect(res.headers.get('location')).toBe(`${t.url}/v1.0${PATH}/c1`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);

      const again = await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
      expect(again.headers.get('location')).toBeNull();
    });

    it('merges on update: omitted properties keep their values, null clears', async () => {
      const token = freshTenant();
      await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      const res = await call(t, 'PATCH', V1, { token, body: { id: 'c1', isAvailable: false } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...SEED_BODY, isAvailable: false });
      const cleared = await call(t, 'PATCH', V1, { token, body: { id: 'c1', description: null } });
      expect(cleared.body).toMatchObject({ id: 'c1', displayName: 'Contoso medium', description: null, isAvailable: false });
    });

    it('defaults omitted properties of a new context (isAvailable false, strings null)', async () => {
      const res = await call(t, 'PATCH', V1, { token: freshTenant(), body: { id: 'c7' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 'c7', displayName: null, description: null, isAvailable: false });
    });

    it('serves beta with beta links', async () => {
      const res = await call(t, 'PATCH', BETA, { token: freshTenant(), body: SEED_BODY });
      expect(res.status).toBe(201);
      expect(res.body['@odata.context']).toBe(`${t.url}/beta/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`);
      expect(res.headers.get('location')).toBe(`${t.url}/beta${PATH}/c1`);
    });
  });

  describe('POST on the collection', () => {
    it('creates (201, body, Location), then refuses the same id with 409 conflict and keeps the original', async () => {
      const token = freshTenant();
      const res = await call(t, 'POST', BETA, { token, body: { id: 'c3', displayName: 'Step-up' } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        '@odata.context': `${t.url}/beta/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
        id: 'c3',
        displayName: 'Step-up',
        description: null,
        isAvailable: false,
      });
      expect(res.headers.get('location')).toBe(`${t.url}/beta${PATH}/c3`);

      const dup = await call(t, 'POST', V1, { token, body: { id: 'c3', displayName: 'Other' } });
      expectGraphError(dup, 409, 'conflict', /c3/);
      expect((await call(t, 'GET', `${V1}/c3`, { token })).body.displayName).toBe('Step-up');
    });
  });

  describe('PATCH /{id}: create or update, 204', () => {
    it('creates with {} and defaults, then merges updates', async () => {
      const token = freshTenant();
      const created = await call(t, 'PATCH', `${V1}/c5`, { token, body: {} });
      expect(created.status).toBe(204);
      expect(created.body).toBeNull();
      expect((await call(t, 'GET', `${V1}/c5`, { token })).body).toMatchObject({
        id: 'c5',
        displayName: null,
        description: null,
        isAvailable: false,
      });

      await call(t, 'PATCH', `${V1}/c5`, { token, body: { displayName: 'Five', description: 'd' } });
      const upd = await call(t, 'PATCH', `${V1}/c5`, { token, body: { id: 'c5', isAvailable: true } });
      expect(upd.status).toBe(204);
      expect((await call(t, 'GET', `${V1}/c5`, { token })).body).toMatchObject({
        displayName: 'Five',
        description: 'd',
        isAvailable: true,
      });
    });

    it('takes the seed body on the v1.0 update page (graph-spec §1.3) ', async () => {
      const token = freshTenant();
      const { id: _id, ...body } = SEED_BODY;
      expect((await call(t, 'PATCH', `${V1}/c1`, { token, body })).status).toBe(204);
      expect((await call(t, 'GET', `${V1}/c1`, { token })).body).toMatchObject(SEED_BODY);
    });

    it('refuses a body id different from the URL (id is immutable) and writes nothing', async () => {
      const token = freshTenant();
      const res = await call(t, 'PATCH', `${V1}/c2`, { token, body: { id: 'c3', displayName: 'x' } });
      expectGraphError(res, 400, 'Request_BadRequest', /id/);
      expect((await list(token)).value).toEqual([]);
    });

    it.each(['c0', 'c26', 'C1', 'c01', 'x', 'c1%20'])('refuses URL id %s with 400', async (id) => {
      const token = freshTenant();
      const res = await call(t, 'PATCH', `${V1}/${id}`, { token, body: { displayName: 'x' } });
      expectGraphError(res, 400, 'Request_BadRequest', /c1' through 'c25/);
      expect((await list(token)).value).toEqual([]);
    });
  });

  describe('body validation: Graph-shaped 400, nothing written', () => {
    const long = (n: number) => 'x'.repeat(n);
    /** Bodies every write refuses; `id` is added for the collection writes. */
    const invalid: [string, Record<string, unknown>, RegExp][] = [
      ['isAvailable "yes"', { isAvailable: 'yes' }, /'isAvailable'/],
      ['isAvailable 1', { isAvailable: 1 }, /'isAvailable'/],
      ['isAvailable null', { isAvailable: null }, /'isAvailable'/],
      ['displayName a number', { displayName: 42 }, /'displayName'/],
      ['displayName an object', { displayName: { a: 1 } }, /'displayName'/],
      ['displayName of 257 characters', { displayName: long(257) }, /'displayName'.*256/],
      ['description of 1025 characters', { description: long(1025) }, /'description'.*1024/],
      ['a NUL character', { displayName: 'a\u0000b' }, /'displayName'/],
      ['an unknown property', { displayname: 'x' }, /'displayname' does not exist/],
      ['a read-only-looking unknown property', { createdDateTime: '2024-01-01T00:00:00Z' }, /createdDateTime/],
      ['a wrong @odata.type', { '@odata.type': '#microsoft.graph.user' }, /'@odata.type'/],
      ['@odata.type without #', { '@odata.type': 'microsoft.graph.authenticationContextClassReference' }, /'@odata.type'/],
    ];
    const badIds: unknown[] = ['c0', 'c26', 'C1', 'c01', ' c1', 'c1\n', 'c', '', 1, null, true, ['c1'], { id: 'c1' }];

    it.each(invalid)('POST and both PATCHes refuse %s', async (_name, extra, message) => {
      const token = freshTenant();
      const attempts = [
        call(t, 'POST', V1, { token, body: { id: 'c1', ...extra } }),
        call(t, 'PATCH', V1, { token, body: { id: 'c2', ...extra } }),
        call(t, 'PATCH', `${V1}/c3`, { token, body: extra }),
      ];
      for (const res of await Promise.all(attempts)) expectGraphError(res, 400, 'Request_BadRequest', message);
      expect((await list(token)).value).toEqual([]);
    });

    it.each(badIds)('id %j is refused on every write', async (id) => {
      const token = freshTenant();
      for (const [method, path] of [
        ['POST', V1],
        ['PATCH', V1],
        ['PATCH', `${V1}/c3`],
      ]) {
        expectGraphError(await call(t, method, path, { token, body: { id } }), 400, 'Request_BadRequest', /'id'/);
      }
      expect((await list(token)).value).toEqual([]);
    });

    it('a missing id is refused on the collection writes', async () => {
      const token = freshTenant();
      for (const method of ['POST', 'PATCH']) {
        expectGraphError(await call(t, method, V1, { token, body: { displayName: 'x' } }), 400, 'Request_BadRequest', /'id'.*required/);
      }
      expect((await list(token)).value).toEqual([]);
    });

    it('bodies that are not a JSON object, or not JSON, are 400', async () => {
      const token = freshTenant();
      for (const body of ['[]', '"c1"', 'null', '42', '{"id":"c1",', '']) {
        const res = await call(t, 'POST', V1, { token, body, headers: { 'content-type': 'application/json' } });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.code).toMatch(/^(BadRequest|Request_BadRequest)$/);
      }
      expect((await list(token)).value).toEqual([]);
    });

    it('an invalid update leaves the stored context untouched', async () => {
      const token = freshTenant();
      await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      const bad = await call(t, 'PATCH', V1, { token, body: { ...SEED_BODY, displayName: 'changed', isAvailable: 'no' } });
      expectGraphError(bad, 400, 'Request_BadRequest');
      const alsoBad = await call(t, 'PATCH', `${V1}/c1`, { token, body: { displayName: 'changed', extra: 1 } });
      expectGraphError(alsoBad, 400, 'Request_BadRequest');
      expect((await call(t, 'GET', `${V1}/c1`, { token })).body).toMatchObject(SEED_BODY);
    });

    it('accepts the limits exactly, nulls, and the right @odata.type', async () => {
      const token = freshTenant();
      const res = await call(t, 'POST', V1, {
        token,
        body: {
          '@odata.type': '#microsoft.graph.authenticationContextClassReference',
          id: 'c25',
          displayName: long(256),
          description: long(1024),
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('@odata.type');
      expect(res.body.displayName).toHaveLength(256);
      const nulls = await call(t, 'PATCH', V1, { token, body: { id: 'c25', displayName: null, description: null } });
      expect(nulls.body).toMatchObject({ displayName: null, description: null });
      const unicode = await call(t, 'PATCH', `${V1}/c25`, { token, body: { displayName: 'Zugriff 🔐 – Stufe 2' } });
      expect(unicode.status).toBe(204);
      expect((await call(t, 'GET', `${V1}/c25`, { token })).body.displayName).toBe('Zugriff 🔐 – Stufe 2');
    });
  });

  describe('GET', () => {
    it('gets one context with the $entity context, and $select', async () => {
      const token = freshTenant();
      await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      const res = await call(t, 'GET', `${V1}/c1`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
        ...SEED_BODY,
      });
      const sel = await call(t, 'GET', `${V1}/c1?$select=displayName`, { token });
      expect(sel.body).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences(displayName)/$entity`,
        id: 'c1',
        displayName: 'Contoso medium',
      });
    });

    it('is 404 itemNotFound for an unknown id, 400 for a malformed one or an unsupported option', async () => {
      const token = freshTenant();
      expectGraphError(await call(t, 'GET', `${V1}/c4`, { token }), 404, 'itemNotFound', /c4/);
      expectGraphError(await call(t, 'GET', `${V1}/c30`, { token }), 400, 'Request_BadRequest');
      await call(t, 'PATCH', V1, { token, body: { id: 'c4' } });
      expectGraphError(await call(t, 'GET', `${V1}/c4?$filter=id eq 'c4'`, { token }), 400, 'Request_UnsupportedQuery');
      expectGraphError(await call(t, 'GET', `${V1}/c4?$select=nope`, { token }), 400, 'Request_UnsupportedQuery');
    });
  });

  describe('GET the list with query options', () => {
    let token: string;
    const q = (s: string) => `?${s.replace(/ /g, '%20')}`;
    beforeAll(async () => {
      token = freshTenant();
      for (const body of [
        { id: 'c25', displayName: 'Gamma', isAvailable: true },
        { id: 'c10', displayName: null },
        { id: 'c2', displayName: 'Beta', description: 'second' },
        { id: 'c1', displayName: 'Alpha', isAvailable: true },
      ]) {
        expect((await call(t, 'POST', V1, { token, body })).status).toBe(201);
      }
    });

    it('lists every context in slot order, without annotations per item', async () => {
      const res = await call(t, 'GET', V1, { token });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['@odata.context', 'value']);
      expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences`);
      expect(ids(res.body)).toEqual(['c1', 'c2', 'c10', 'c25']);
      expect(res.body.value[1]).toEqual({ id: 'c2', displayName: 'Beta', description: 'second', isAvailable: false });
      for (const item of res.body.value) {
        expect(Object.keys(item)).toEqual(['id', 'displayName', 'description', 'isAvailable']);
      }
    });

    it.each([
      ['$filter=isAvailable eq true', ['c1', 'c25']],
      ['$filter=isAvailable ne true', ['c2', 'c10']],
      ["$filter=id eq 'c2'", ['c2']],
      ["$filter=id ne 'c2'", ['c1', 'c10', 'c25']],
      ["$filter=id eq 'C2'", []],
      ["$filter=displayName eq 'Alpha'", ['c1']],
      ["$filter=displayName eq 'alpha'", ['c1']],
      ["$filter=displayName ne 'Alpha'", ['c2', 'c10', 'c25']],
      ['$filter=displayName eq null', ['c10']],
      ["$filter=id ne 'c2' and isAvailable eq false", ['c10']],
      ["$filter=displayName eq 'Alpha' or id eq 'c10'", ['c1', 'c10']],
      ["$filter=(id eq 'c1' or id eq 'c2') and isAvailable eq false", ['c2']],
      ["filter=id eq 'c25'", ['c25']],
      ['$top=2', ['c1', 'c2']],
      ['$orderby=id desc', ['c25', 'c10', 'c2', 'c1']],
      ['$orderby=displayName', ['c10', 'c1', 'c2', 'c25']],
      ['$orderby=displayName desc', ['c25', 'c2', 'c1', 'c10']],
      ['$orderby=isAvailable desc,id', ['c1', 'c25', 'c2', 'c10']],
      ['$orderby=id desc&$top=1', ['c25']],
    ])('%s', async (query, expected) => {
      const res = await call(t, 'GET', `${V1}${q(query)}`, { token });
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual(expected);
      expect(res.body['@odata.nextLink']).toBeUndefined();
    });

    it('$select projects each item (id always) and names the selection in the context', async () => {
      const res = await call(t, 'GET', `${V1}?$select=id,displayName`, { token });
      expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences(id,displayName)`);
      expect(res.body.value[0]).toEqual({ id: 'c1', displayName: 'Alpha' });
      const one = await call(t, 'GET', `${V1}?$select=isAvailable`, { token });
      expect(one.body.value[0]).toEqual({ id: 'c1', isAvailable: true });
    });

    it('$count=true adds @odata.count of the filtered set, before value and regardless of $top', async () => {
      const all = await call(t, 'GET', `${V1}?$count=true&$top=1`, { token });
      expect(Object.keys(all.body)).toEqual(['@odata.context', '@odata.count', 'value']);
      expect(all.body['@odata.count']).toBe(4);
      expect(all.body.value).toHaveLength(1);
      const filtered = await call(t, 'GET', `${V1}${q('$count=true&$filter=isAvailable eq false')}`, { token });
      expect(filtered.body['@odata.count']).toBe(2);
      const off = await call(t, 'GET', `${V1}?$count=false`, { token });
      expect(off.body['@odata.count']).toBeUndefined();
    });

    it.each([
      "$filter=description eq 'second'",
      "$filter=startswith(displayName,'A')",
      "$filter=id gt 'c1'",
      "$filter=isAvailable eq 'yes'",
      '$filter=id eq',
      "$filter=nope eq 'x'",
      '$select=nope',
      '$orderby=description',
      '$orderby=id sideways',
      '$top=0',
      '$top=abc',
      '$count=maybe',
      '$skip=1',
      '$expand=x',
      '$search=x',
      '$unknown=1',
      '$top=1&$top=2',
    ])('%s is 400 Request_UnsupportedQuery', async (query) => {
      expectGraphError(await call(t, 'GET', `${V1}${q(query)}`, { token }), 400, 'Request_UnsupportedQuery');
    });

    it('an empty tenant lists nothing', async () => {
      expect((await list(freshTenant(), '?$count=true')).value).toEqual([]);
    });
  });

  describe('DELETE /{id}', () => {
    it('deletes an unpublished context (204), which is then 404', async () => {
      const token = freshTenant();
      await call(t, 'PATCH', V1, { token, body: { id: 'c9', isAvailable: false } });
      const res = await call(t, 'DELETE', `${V1}/c9`, { token });
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
      expectGraphError(await call(t, 'GET', `${V1}/c9`, { token }), 404, 'itemNotFound');
      expectGraphError(await call(t, 'DELETE', `${V1}/c9`, { token }), 404, 'itemNotFound', /c9/);
    });

    it('refuses a published context with 403 and a clear message, until it is unpublished', async () => {
      const token = freshTenant();
      await call(t, 'PATCH', V1, { token, body: SEED_BODY });
      const res = await call(t, 'DELETE', `${V1}/c1`, { token });
      expectGraphError(res, 403, 'accessDenied', /published.*isAvailable/);
      expect((await call(t, 'GET', `${V1}/c1`, { token })).status).toBe(200);

      await call(t, 'PATCH', `${V1}/c1`, { token, body: { isAvailable: false } });
      expect((await call(t, 'DELETE', `${V1}/c1`, { token })).status).toBe(204);
      // The slot is free again.
      expect((await call(t, 'POST', V1, { token, body: { id: 'c1' } })).status).toBe(201);
    });

    it('is 400 for a malformed id', async () => {
      expectGraphError(await call(t, 'DELETE', `${V1}/c0`, { token: freshTenant() }), 400, 'Request_BadRequest');
    });
  });

  describe('405 for every other verb', () => {
    it.each([
      ['PUT', V1, ['GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST']],
      ['DELETE', V1, ['GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST']],
      ['PUT', BETA, ['GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST']],
      ['PUT', `${V1}/c1`, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH']],
      ['POST', `${V1}/c1`, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH']],
      ['PUT', `${BETA}/c1`, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH']],
    ])('%s %s', async (method, path, allow) => {
      const res = await call(t, method, path, { token: freshTenant(), body: SEED_BODY });
      expectGraphError(res, 405, 'Request_BadRequest', /not allowed/);
      expect(res.headers.get('allow')).toBe(allow.join(', '));
    });
  });

  describe('tenant isolation', () => {
    it("tenant B can neither see, change nor delete tenant A's contexts", async () => {
      const a = freshTenant();
      const b = freshTenant();
      await call(t, 'PATCH', V1, { token: a, body: { ...SEED_BODY, isAvailable: false } });

      expect((await list(b)).value).toEqual([]);
      expectGraphError(await call(t, 'GET', `${V1}/c1`, { token: b }), 404, 'itemNotFound');
      expectGraphError(await call(t, 'DELETE', `${V1}/c1`, { token: b }), 404, 'itemNotFound');

      // The same slot in B is B's own: creating it leaves A's untouched.
      expect((await call(t, 'POST', V1, { token: b, body: { id: 'c1', displayName: 'B' } })).status).toBe(201);
      expect((await call(t, 'PATCH', `${V1}/c1`, { token: b, body: { description: 'B!' } })).status).toBe(204);
      expect((await call(t, 'PATCH', V1, { token: b, body: { id: 'c1', isAvailable: true } })).status).toBe(200);
      expect((await call(t, 'DELETE', `${V1}/c1`, { token: b })).status).toBe(403);

      const mine = await call(t, 'GET', `${V1}/c1`, { token: a });
      expect(mine.body).toMatchObject({ ...SEED_BODY, isAvailable: false });
      expect(ids(await list(b))).toEqual(['c1']);
      expect((await list(b)).value[0]).toMatchObject({ displayName: 'B', description: 'B!', isAvailable: true });
    });
  });

  describe('concurrency: one row, never a 500', () => {
    const N = 24;
    const parallel = (fn: () => Promise<JsonResponse>) => Promise.all(Array.from({ length: N }, fn));
    const statuses = (rs: JsonResponse[]) => rs.map((r) => r.status).sort();

    it('simultaneous POSTs of one id: one 201, the rest 409', async () => {
      const token = freshTenant();
      const rs = await parallel(() => call(t, 'POST', V1, { token, body: { id: 'c8', displayName: 'race' } }));
      expect(statuses(rs)).toEqual([201, ...Array(N - 1).fill(409)]);
      expect(ids(await list(token))).toEqual(['c8']);
    });

    it('simultaneous collection PATCHes of one id: one 201, the rest 200', async () => {
      const token = freshTenant();
      const rs = await parallel(() => call(t, 'PATCH', V1, { token, body: SEED_BODY }));
      expect(statuses(rs)).toEqual([...Array(N - 1).fill(200), 201]);
      expect(rs.filter((r) => r.headers.get('location')).length).toBe(1);
      expect(ids(await list(token))).toEqual(['c1']);
    });

    it('simultaneous PATCH /{id}, POST and collection PATCH on one id never fail', async () => {
      const token = freshTenant();
      const rs = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          i % 3 === 0
            ? call(t, 'PATCH', `${V1}/c4`, { token, body: { displayName: `n${i}` } })
            : i % 3 === 1
              ? call(t, 'POST', V1, { token, body: { id: 'c4' } })
              : call(t, 'PATCH', V1, { token, body: { id: 'c4', isAvailable: true } }),
        ),
      );
      for (const r of rs) expect([200, 201, 204, 409]).toContain(r.status);
      expect(rs.filter((r) => r.status === 201).length).toBeLessThanOrEqual(1);
      expect(ids(await list(token))).toEqual(['c4']);
    });

    it('all 25 slots created at once', async () => {
      const token = freshTenant();
      const rs = await Promise.all(Array.from({ length: 25 }, (_, i) => call(t, 'POST', V1, { token, body: { id: `c${i + 1}` } })));
      expect(new Set(rs.map((r) => r.status))).toEqual(new Set([201]));
      const all = await list(token, '?$count=true');
      expect(all['@odata.count']).toBe(25);
      expect(ids(all)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i + 1}`));
    });

    it('simultaneous deletes of one context: one 204, the rest 404', async () => {
      const token = freshTenant();
      await call(t, 'POST', V1, { token, body: { id: 'c6' } });
      const rs = await parallel(() => call(t, 'DELETE', `${V1}/c6`, { token }));
      expect(statuses(rs)).toEqual([204, ...Array(N - 1).fill(404)]);
    });
  });

  describe('OpenAPI', () => {
    it('documents both paths with their request schemas and permissions', async () => {
      const doc = (await call(t, 'GET', '/openapi.json')).body;
      for (const [base, version] of [
        [V1, 'v1.0'],
        [BETA, 'beta'],
      ]) {
        const versionDoc = (await call(t, 'GET', `/openapi/${version}.json`)).body;
        expect(Object.keys(versionDoc.paths[base]).sort()).toEqual(['get', 'patch', 'post']);
        expect(Object.keys(versionDoc.paths[`${base}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
      }
      const post = doc.paths[V1].post;
      expect(post.description).toContain('Policy.ReadWrite.ConditionalAccess');
      const ref: string = post.requestBody.content['application/json'].schema.$ref;
      const schema = doc.components.schemas[ref.split('/').pop()!];
      expect(schema.required).toEqual(['id']);
      expect(schema.properties.id.pattern).toBe('^c([1-9]|1\\d|2[0-5])$');
      expect(schema.properties.displayName).toMatchObject({ maxLength: 256, nullable: true });
      expect(schema.properties.description).toMatchObject({ maxLength: 1024, nullable: true });
      expect(schema.properties.isAvailable.type).toBe('boolean');
      expect(schema.properties['@odata.type'].enum).toEqual(['#microsoft.graph.authenticationContextClassReference']);
      const idParam = doc.paths[`${V1}/{id}`].get.parameters.find((p: { name: string }) => p.name === 'id');
      expect(idParam.schema.pattern).toBe('^c([1-9]|1\\d|2[0-5])$');
    });
  });
});
