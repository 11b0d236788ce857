import { ChangeFeed } from '../src/database/change-feed.js';
import { SignInEvaluationCache } from '../src/conditional-access/evaluation/sign-in-evaluation.cache.js';
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuthenticationStrengthsRepository } from '../src/conditional-access/authentication-strengths/authentication-strengths.repository.js';
import { AuthenticationStrengthsService } from '../src/conditional-access/authentication-strengths/authentication-strengths.service.js';
import { DeletedItemsService } from '../src/conditional-access/deleted-items/deleted-items.service.js';
import { NamedLocationsRepository } from '../src/conditional-access/named-locations/named-locations.repository.js';
import { NamedLocationsService } from '../src/conditional-access/named-locations/named-locations.service.js';
import { PoliciesRepository } from '../src/conditional-access/policies/policies.repository.js';
import { PoliciesService } from '../src/conditional-access/policies/policies.service.js';
import { ContextReferencesService, isForeignKeyViolation } from '../src/conditional-access/references/context-references.service.js';
import { ReferenceIndexRepository } from '../src/conditional-access/references/reference-index.repository.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrationsLocked } from '../src/database/migrate.js';
import { Transactions } from '../src/database/transactions.js';
import type { AppConfig } from '../src/config/app-config.js';
import type { GraphCall } from '../src/graph/graph-call.js';
import { GraphException } from '../src/graph/errors/graph.exception.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

jest.setTimeout(120_000);

/**
 * The Conditional Access root's domain core on real Postgres (the migrations the app runs at boot): the
 * repositories, the reference index and its locking scheme, soft delete and $filter in SQL, through the
 * services the controllers call (the HTTP side: test/conditional-access-*.e2e-spec.ts).
 */
describe('Conditional Access root: storage and reference enforcement', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let policies: PoliciesService;
  let locations: NamedLocationsService;
  let strengths: AuthenticationStrengthsService;
  let deleted: DeletedItemsService;
  let contexts: ContextReferencesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url), poolSize: 12 } as ConstructorParameters<typeof DataSource>[0]);
    await ds.initialize();
    await runMigrationsLocked(ds);
    const refs = new ReferenceIndexRepository();
    // The app's write path (deadline, deadlock retry); a generous budget for a loaded machine.
    const tx = new Transactions(ds, { db: { statementTimeoutMs: 60_000 } } as AppConfig);
    // The sign-in evaluation cache the writes invalidate (its ChangeFeed is not listening here: nothing is kept).
    const evaluations = new SignInEvaluationCache(new ChangeFeed(ds));
    const policiesRepo = new PoliciesRepository(ds, tx, evaluations);
    strengths = new AuthenticationStrengthsService(new AuthenticationStrengthsRepository(ds, tx, evaluations), refs, policiesRepo);
    policies = new PoliciesService(policiesRepo, refs, strengths);
    locations = new NamedLocationsService(new NamedLocationsRepository(ds, tx, evaluations), refs);
    deleted = new DeletedItemsService(policies, locations);
    contexts = new ContextReferencesService(ds, refs);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  }, 120_000);

  const call = (query: Record<string, unknown> = {}, version: 'v1.0' | 'beta' = 'v1.0'): GraphCall => ({
    version,
    baseUrl: `http://127.0.0.1/${version}`,
    requestUrl: `http://127.0.0.1/${version}/identity/conditionalAccess/policies`,
    query,
  });

  const ipLocation = (tenantId: string, isTrusted = false) =>
    locations.create(
      tenantId,
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        displayName: 'Office',
        isTrusted,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '12.34.221.11/22' }],
      },
      call(),
    );

  const policyBody = (extra: { locations?: string[]; strength?: string; contexts?: string[]; users?: string[]; state?: string } = {}) => ({
    displayName: `Policy ${randomUUID().slice(0, 8)}`,
    state: extra.state ?? 'enabled',
    conditions: {
      clientAppTypes: ['all'],
      applications: extra.contexts ? { includeAuthenticationContextClassReferences: extra.contexts } : { includeApplications: ['All'] },
      users: { includeUsers: extra.users ?? ['All'] },
      ...(extra.locations ? { locations: { includeLocations: extra.locations } } : {}),
    },
    grantControls: extra.strength ? { operator: 'OR', authenticationStrength: { id: extra.strength } } : { operator: 'OR', builtInControls: ['mfa'] },
  });

  /** The error a call fails with, as Graph would send it. */
  async function graphError(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
    try {
      await p;
    } catch (e) {
      if (e instanceof GraphException) return { status: e.getStatus(), code: e.code, message: e.message };
      throw e;
    }
    throw new Error('expected a GraphException');
  }

  const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);

  it('creates a policy naming a live location in the full normalised shape, and records the reference', async () => {
    const tenant = randomUUID();
    const loc = (await ipLocation(tenant)).body!;
    const res = await policies.create(tenant, policyBody({ locations: [loc.id as string, 'AllTrusted'] }), call());
    expect(res.status).toBe(201);
    const body = res.body!;
    expect(res.headers.Location).toBe(`http://127.0.0.1/v1.0/identity/conditionalAccess/policies/${body.id}`);
    expect(body).toMatchObject({ state: 'enabled', modifiedDateTime: null, deletedDateTime: null, sessionControls: null, templateId: null });
    const conditions = body.conditions as Record<string, unknown>;
    expect(conditions.signInRiskLevels).toEqual([]);
    expect(conditions.platforms).toBeNull();
    expect(conditions).not.toHaveProperty('deviceStates'); // beta only
    expect((conditions.locations as Record<string, unknown>).includeLocations).toEqual([loc.id, 'AllTrusted']);
    expect(await count(`SELECT count(*) n FROM ca_policy_references WHERE tenant_id = $1 AND location_id = $2`, [tenant, loc.id])).toBe(1);
  });

  it('refuses a policy naming an unknown, deleted or other tenant’s location (1907) and writes nothing', async () => {
    const tenant = randomUUID();
    const other = randomUUID();
    const foreign = (await ipLocation(other)).body!.id as string;
    const gone = (await ipLocation(tenant)).body!.id as string;
    await locations.delete(tenant, gone);
    for (const id of [randomUUID(), gone, foreign]) {
      const err = await graphError(policies.create(tenant, policyBody({ locations: [id] }), call()));
      expect(err).toMatchObject({ status: 400, code: 'BadRequest' });
      expect(err.message).toMatch(/^1907: .*do not exist/);
    }
    expect(await count(`SELECT count(*) n FROM ca_policies WHERE tenant_id = $1`, [tenant])).toBe(0);
  });

  it('blocks deleting a location a live policy names (1928, naming it) and a trusted one (1927)', async () => {
    const tenant = randomUUID();
    const loc = (await ipLocation(tenant)).body!.id as string;
    const policy = (await policies.create(tenant, policyBody({ locations: [loc] }), call())).body!.id as string;
    const err = await graphError(locations.delete(tenant, loc));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(new RegExp(`^1928: .*${policy}`));
    const trusted = (await ipLocation(tenant, true)).body!.id as string;
    expect((await graphError(locations.delete(tenant, trusted))).message).toMatch(/^1927: /);
    // Once the policy no longer names it, the delete goes through.
    await policies.update(tenant, policy, { conditions: { locations: null } }, 'v1.0');
    await locations.delete(tenant, loc);
    expect((await graphError(locations.get(tenant, loc, call()))).status).toBe(404);
  });

  it('never leaves a live policy naming a deleted location when delete and create race (30 rounds)', async () => {
    const tenant = randomUUID();
    for (let round = 0; round < 30; round++) {
      const loc = (await ipLocation(tenant)).body!.id as string;
      const [del, create] = await Promise.allSettled([locations.delete(tenant, loc), policies.create(tenant, policyBody({ locations: [loc] }), call())]);
      // Exactly one wins, whatever the interleaving; the loser is a Graph 400, never a database error.
      expect([del.status, create.status].sort()).toEqual(['fulfilled', 'rejected']);
      const loser = (del.status === 'rejected' ? del : create) as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(GraphException);
      expect((loser.reason as GraphException).getStatus()).toBe(400);
    }
    const dangling = await count(
      `SELECT count(*) n FROM ca_policy_references r
         JOIN ca_policies p ON p.tenant_id = r.tenant_id AND p.id = r.policy_id
         JOIN ca_named_locations l ON l.tenant_id = r.tenant_id AND l.id = r.location_id
       WHERE r.tenant_id = $1 AND p.deleted_at IS NULL AND l.deleted_at IS NOT NULL`,
      [tenant],
    );
    expect(dangling).toBe(0);
    const viaDocuments = await count(
      `SELECT count(*) n FROM ca_policies p JOIN ca_named_locations l
         ON l.tenant_id = p.tenant_id AND p.conditions @> jsonb_build_object('locations', jsonb_build_object('includeLocations', jsonb_build_array(l.id::text)))
       WHERE p.tenant_id = $1 AND p.deleted_at IS NULL AND l.deleted_at IS NOT NULL`,
      [tenant],
    );
    expect(viaDocuments).toBe(0);
  });

  it('never leaves a policy naming a deleted custom strength when delete and create race', async () => {
    const tenant = randomUUID();
    for (let round = 0; round < 10; round++) {
      const s = (await strengths.create(tenant, { displayName: `S${round}`, allowedCombinations: ['password, sms'] }, call())).body!;
      const [del, create] = await Promise.allSettled([
        strengths.delete(tenant, s.id as string),
        policies.create(tenant, policyBody({ strength: s.id as string }), call()),
      ]);
      expect([del.status, create.status].sort()).toEqual(['fulfilled', 'rejected']);
    }
    const dangling = await count(
      `SELECT count(*) n FROM ca_policies p WHERE p.tenant_id = $1 AND p.grant_controls->'authenticationStrength' <> 'null'::jsonb
         AND NOT EXISTS (SELECT 1 FROM ca_authentication_strengths s WHERE s.tenant_id = p.tenant_id
                         AND s.id::text = p.grant_controls->'authenticationStrength'->>'id')`,
      [tenant],
    );
    expect(dangling).toBe(0);
  });

  it('enforces authentication-context references in the database: the FK refuses the delete, the service explains (1930)', async () => {
    const tenant = randomUUID();
    await ds.query(`INSERT INTO authentication_context_class_references (tenant_id, id) VALUES ($1, 'c1'), ($1, 'c2')`, [tenant]);
    expect((await graphError(policies.create(tenant, policyBody({ contexts: ['c3'] }), call()))).message).toMatch(/^1909: /);
    const policy = (await policies.create(tenant, policyBody({ contexts: ['c1'] }), call())).body!.id as string;
    await policies.delete(tenant, policy); // soft-deleted policies still count for contexts (DECISIONS §7)
    const err = await graphError(contexts.assertDeletable(tenant, 'c1'));
    expect(err.message).toMatch(new RegExp(`^1930: .*${policy}`));
    let raw: unknown;
    await ds.query(`DELETE FROM authentication_context_class_references WHERE tenant_id = $1 AND id = 'c1'`, [tenant]).catch((e) => (raw = e));
    expect(isForeignKeyViolation(raw)).toBe(true);
    await contexts.assertDeletable(tenant, 'c2');
  });

  it('strengths: built-ins in every tenant and read-only; a referenced custom one cannot go; restore re-checks', async () => {
    const tenant = randomUUID();
    const list = await strengths.list(tenant, call(), false);
    expect((list.value as { id: string }[]).map((s) => s.id)).toEqual([
      '00000000-0000-0000-0000-000000000002',
      '00000000-0000-0000-0000-000000000003',
      '00000000-0000-0000-0000-000000000004',
    ]);
    expect((await graphError(strengths.delete(tenant, '00000000-0000-0000-0000-000000000002'))).message).toMatch(/^1940: /);
    const s = (await strengths.create(tenant, { displayName: 'Custom', allowedCombinations: ['fido2'] }, call())).body!.id as string;
    const policy = (await policies.create(tenant, policyBody({ strength: s }), call())).body!;
    const grant = policy.grantControls as Record<string, Record<string, unknown>>;
    expect(grant.authenticationStrength).toMatchObject({ id: s, policyType: 'custom', allowedCombinations: ['fido2'] });
    expect((await graphError(strengths.delete(tenant, s))).message).toMatch(new RegExp(`^1943: .*${policy.id}`));
    const usage = await policies.strengthUsage(tenant, s, call());
    expect((usage.mfa as { id: string }[]).map((p) => p.id)).toEqual([policy.id]);
    await policies.delete(tenant, policy.id as string);
    await strengths.delete(tenant, s);
    expect((await graphError(deleted.restorePolicy(tenant, policy.id as string, call()))).message).toMatch(/^1908: /);
  });

  it('strengths: PATCH, updateAllowedCombinations (with the referencing policies) and combination configurations', async () => {
    const tenant = randomUUID();
    const s = (await strengths.create(tenant, { displayName: 'Keys', allowedCombinations: ['fido2', 'password, hardwareOath'] }, call())).body!;
    expect(s).toMatchObject({ policyType: 'custom', requirementsSatisfied: 'mfa', allowedCombinations: ['fido2', 'password,hardwareOath'] });
    const id = s.id as string;
    await strengths.update(tenant, id, { displayName: 'Security keys' });
    expect((await graphError(strengths.update(tenant, id, { allowedCombinations: ['sms'] }))).message).toMatch(/^1941: /);
    const policy = (await policies.create(tenant, policyBody({ strength: id }), call())).body!.id;
    const result = await strengths.updateAllowedCombinations(tenant, id, { allowedCombinations: ['fido2', 'password, sms'] }, call());
    expect(result).toMatchObject({
      previousCombinations: ['fido2', 'password,hardwareOath'],
      currentCombinations: ['fido2', 'password,sms'],
      conditionalAccessReferences: [policy],
      additionalInformation: expect.any(String),
    });
    const cfg = (
      await strengths.createConfiguration(
        tenant,
        id,
        { '@odata.type': '#microsoft.graph.fido2CombinationConfiguration', appliesToCombinations: ['fido2'], allowedAAGUIDs: [randomUUID()] },
        call(),
      )
    ).body!;
    await strengths.updateConfiguration(tenant, id, cfg.id as string, { allowedAAGUIDs: [] });
    const got = await strengths.get(tenant, id, call(), false);
    expect(got).toMatchObject({ displayName: 'Security keys', allowedCombinations: ['fido2', 'password,sms'] });
    expect(got.combinationConfigurations).toEqual([
      { '@odata.type': '#microsoft.graph.fido2CombinationConfiguration', id: cfg.id, appliesToCombinations: ['fido2'], allowedAAGUIDs: [] },
    ]);
    await strengths.deleteConfiguration(tenant, id, cfg.id as string);
    expect((await strengths.listConfigurations(tenant, id, call())).value).toEqual([]);
  });

  it('allows at most 15 custom strengths even when created in parallel', async () => {
    const tenant = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 18 }, (_, i) => strengths.create(tenant, { displayName: `S${i}`, allowedCombinations: ['fido2'] }, call())),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => /^1942: /.test((r.reason as Error).message))).toBe(true);
  });

  it('allows at most 195 live named locations even when created in parallel; deleted ones do not count', async () => {
    const tenant = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => ipLocation(tenant)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(195);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => /^1925: /.test((r.reason as Error).message))).toBe(true);
    const first = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof ipLocation>>>).value.body!;
    await locations.delete(tenant, first.id as string);
    await ipLocation(tenant);
    expect((await graphError(deleted.restoreNamedLocation(tenant, first.id as string, call()))).message).toMatch(/^1925: /);
  });

  it('answers bad ids and bad filters with 400/404, never a database error', async () => {
    const tenant = randomUUID();
    expect((await graphError(policies.get(tenant, 'not-a-guid', call()))).status).toBe(404);
    expect((await graphError(locations.delete(tenant, "x'; DROP TABLE ca_policies; --"))).status).toBe(404);
    expect((await graphError(strengths.get(tenant, '123', call(), false))).status).toBe(404);
    for (const f of ['createdDateTime gt 2024-02-30T00:00:00Z', "id eq 'abc'", 'displayName eq 1', "conditions/users/includeUsers/any(u:u ne 'All')"]) {
      expect({ f, status: (await graphError(policies.list(tenant, call({ $filter: f })))).status }).toEqual({ f, status: 400 });
    }
    expect((await graphError(locations.list(tenant, call({ $filter: "isTrusted eq 'yes'" })))).status).toBe(400);
  });

  it('deleted items: soft delete, list/get, restore as it was, purge, expiry after 30 days', async () => {
    const tenant = randomUUID();
    const p = (await policies.create(tenant, policyBody({ state: 'enabledForReportingButNotEnforced' }), call())).body!;
    const id = p.id as string;
    await policies.delete(tenant, id);
    expect((await graphError(policies.get(tenant, id, call()))).status).toBe(404);
    const listed = await deleted.listPolicies(tenant, call());
    expect((listed.value as Record<string, unknown>[]).map((x) => x.id)).toEqual([id]);
    expect((listed.value as Record<string, unknown>[])[0].deletedDateTime).toEqual(expect.any(String));
    const restored = await deleted.restorePolicy(tenant, id, call());
    expect(restored).toMatchObject({ id, state: 'enabledForReportingButNotEnforced', deletedDateTime: null, displayName: p.displayName });
    expect(restored['@odata.context']).toBe('http://127.0.0.1/v1.0/$metadata#microsoft.graph.conditionalAccessPolicy');
    await policies.delete(tenant, id);
    await deleted.purgePolicy(tenant, id);
    expect((await graphError(deleted.getPolicy(tenant, id, call()))).status).toBe(404);
    // Expiry: a location deleted 31 days ago is gone for good.
    const loc = (await ipLocation(tenant)).body!.id as string;
    await locations.delete(tenant, loc);
    await ds.query(`UPDATE ca_named_locations SET deleted_at = now() - interval '31 days' WHERE tenant_id = $1 AND id = $2`, [tenant, loc]);
    expect((await graphError(deleted.restoreNamedLocation(tenant, loc, call()))).status).toBe(404);
    expect((await deleted.listNamedLocations(tenant, call())).value).toEqual([]);
    expect(await count(`SELECT count(*) n FROM ca_named_locations WHERE tenant_id = $1 AND id = $2`, [tenant, loc])).toBe(0);
  });

  it('runs $filter in SQL: nested any(), state, displayName, paging', async () => {
    const tenant = randomUUID();
    const user = randomUUID();
    const a = (await policies.create(tenant, { ...policyBody(), displayName: 'A' }, call())).body!.id;
    const b = (await policies.create(tenant, { ...policyBody({ users: [user], state: 'disabled' }), displayName: 'B' }, call())).body!.id;
    const c = (await policies.create(tenant, { ...policyBody({ users: ['None'] }), displayName: 'C' }, call())).body!.id;
    const ids = async (q: Record<string, unknown>) => ((await policies.list(tenant, call(q))).value as { id: string }[]).map((x) => x.id);
    expect(await ids({ $filter: "conditions/users/includeUsers/any(u:u eq 'All')" })).toEqual([a]);
    expect(await ids({ $filter: `conditions/users/includeUsers/any(u:u in ('None', '${user}'))`, $orderby: 'displayName' })).toEqual([b, c]);
    expect(await ids({ $filter: "state eq 'disabled'" })).toEqual([b]);
    expect(await ids({ $filter: "displayName eq 'a' or displayName eq 'C'", $orderby: 'displayName' })).toEqual([a, c]);
    expect(await ids({ $filter: "conditions/platforms eq null and not (grantControls/operator ne 'OR')", $orderby: 'displayName' })).toEqual([a, b, c]);
    const page = await policies.list(tenant, call({ $top: '2', $orderby: 'displayName', $count: 'true' }));
    expect(page['@odata.count']).toBe(3);
    expect(page['@odata.nextLink']).toMatch(/\$skiptoken=[A-Za-z0-9_-]+$/);
    expect((await graphError(policies.list(tenant, call({ $filter: "conditions/users/nope/any(u:u eq 'All')" })))).status).toBe(400);
  });

  it('named locations: country filter with a type cast, isof, and a type that cannot change', async () => {
    const tenant = randomUUID();
    const country = (
      await locations.create(
        tenant,
        { '@odata.type': '#microsoft.graph.countryNamedLocation', displayName: 'North America', countriesAndRegions: ['us', 'CA'] },
        call(),
      )
    ).body!;
    expect(country).toMatchObject({ countriesAndRegions: ['US', 'CA'], includeUnknownCountriesAndRegions: false, countryLookupMethod: 'clientIpAddress' });
    const ip = (await ipLocation(tenant)).body!.id;
    const ids = async (f: string) => ((await locations.list(tenant, call({ $filter: f }))).value as { id: string }[]).map((x) => x.id);
    expect(await ids("microsoft.graph.countryNamedLocation/countriesAndRegions/any(c: c eq 'CA')")).toEqual([country.id]);
    expect(await ids("isof('microsoft.graph.ipNamedLocation')")).toEqual([ip]);
    const err = await graphError(locations.update(tenant, country.id as string, { '@odata.type': '#microsoft.graph.ipNamedLocation' }));
    expect(err.message).toMatch(/^1921: /);
  });

  it('PATCH merges recursively, replaces arrays, validates the merged policy and keeps the other version’s properties', async () => {
    const tenant = randomUUID();
    const body = policyBody();
    (body.conditions as Record<string, unknown>).deviceStates = { includeStates: ['All'] }; // beta only
    const id = (await policies.create(tenant, body, call({}, 'beta'))).body!.id as string;
    await policies.update(tenant, id, { conditions: { signInRiskLevels: ['high'] } }, 'v1.0');
    const beta = await policies.get(tenant, id, call({}, 'beta'));
    const c = beta.conditions as Record<string, unknown>;
    expect(c.signInRiskLevels).toEqual(['high']);
    expect((c.users as Record<string, unknown>).includeUsers).toEqual(['All']);
    expect((c.deviceStates as Record<string, unknown>).includeStates).toEqual(['All']);
    const err = await graphError(
      policies.update(tenant, id, { grantControls: { authenticationStrength: { id: '00000000-0000-0000-0000-000000000002' } } }, 'v1.0'),
    );
    expect(err.message).toMatch(/^1108: /); // the stored mfa survives the merge
    const after = await policies.get(tenant, id, call());
    expect((after.grantControls as Record<string, unknown>).authenticationStrength).toBeNull();
  });
});
