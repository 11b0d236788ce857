import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult } from '../../graph/count.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { evaluateDocumentFilter, parseDocumentQuery, type DocFilterNode } from '../../graph/odata/document-filter.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { ReferenceIndexRepository } from '../references/reference-index.repository.js';
import { CA_ERROR, caError, listIds } from '../schema/ca-errors.js';
import { caNotFound, iso, requireGuid } from '../schema/ca-responses.js';
import { ALL_COMBINATIONS, BUILT_IN_STRENGTHS, CUSTOM_STRENGTH_LIMIT, EVOLVABLE_COMBINATIONS, METHOD_MODES } from './authentication-strengths.data.js';
import { AuthenticationStrengthsRepository, type StrengthRow } from './authentication-strengths.repository.js';
import {
  allowedCombinationsResult,
  canonicalCombinations,
  parseCombinationConfiguration,
  parseStrengthCreate,
  parseStrengthPatch,
  requirementsSatisfied,
  usageBucket,
} from './strength-rules.js';

type Body = Record<string, unknown>;
/** `/policies/authenticationStrengthPolicies` is the docs' path; the canonical one is under conditionalAccess. */
export const STRENGTHS_PATH = 'identity/conditionalAccess/authenticationStrength/policies';
export const STRENGTH_ROOT_PATH = 'identity/conditionalAccess/authenticationStrength';
const METHOD_MODES_PATH = `${STRENGTH_ROOT_PATH}/authenticationMethodModes`;
/** A strength's `combinationConfigurations`, as Graph names it in `@odata.context`: `…/policies('id')/…`. */
const configurationsPath = (id: string) => `${STRENGTHS_PATH}('${id}')/combinationConfigurations`;
const TYPE = 'authenticationStrengthPolicy';

const LIST_QUERY: ODataResourceSpec = {
  resource: TYPE,
  key: 'id',
  properties: Object.fromEntries(
    [
      'id',
      'createdDateTime',
      'modifiedDateTime',
      'displayName',
      'description',
      'policyType',
      'requirementsSatisfied',
      'allowedCombinations',
      'combinationConfigurations',
    ].map((p) => [p, { column: p, type: 'string' as const }]),
  ),
  options: { filter: true, select: true, count: true },
};
const GET_QUERY: ODataResourceSpec = { ...LIST_QUERY, options: { select: true } };
const FILTERABLE = new Set(['id', 'displayName', 'description', 'policyType', 'requirementsSatisfied', 'allowedCombinations']);

export interface StrengthView {
  id: string;
  builtIn: boolean;
  displayName: string;
  description: string | null;
  allowedCombinations: readonly string[];
  combinationConfigurations: Body[];
  createdDateTime: string | null;
  modifiedDateTime: string | null;
}

/** Combinations as a client sees them: members after `unknownFutureValue` only with `Prefer: include-unknown-enum-members`. */
export function shownCombinations(list: readonly string[], includeUnknownEnumMembers: boolean): string[] {
  return [...new Set(list.map((c) => (!includeUnknownEnumMembers && EVOLVABLE_COMBINATIONS.includes(c) ? 'unknownFutureValue' : c)))];
}

/** A combination configuration as a client sees it. */
function shownConfiguration(c: Body, includeUnknownEnumMembers: boolean): Body {
  return { ...c, appliesToCombinations: shownCombinations(c.appliesToCombinations as string[], includeUnknownEnumMembers) };
}

/** The Graph JSON of a strength, with its combination configurations inline as every doc example shows. */
export function strengthToGraph(s: StrengthView, baseUrl: string, includeUnknownEnumMembers: boolean): Body {
  return {
    id: s.id,
    createdDateTime: s.createdDateTime,
    modifiedDateTime: s.modifiedDateTime,
    displayName: s.displayName,
    description: s.description,
    policyType: s.builtIn ? 'builtIn' : 'custom',
    requirementsSatisfied: requirementsSatisfied(s.allowedCombinations),
    allowedCombinations: shownCombinations(s.allowedCombinations, includeUnknownEnumMembers),
    'combinationConfigurations@odata.context': `${baseUrl}/$metadata#${STRENGTHS_PATH}('${s.id}')/combinationConfigurations`,
    combinationConfigurations: s.combinationConfigurations.map((c) => shownConfiguration(c, includeUnknownEnumMembers)),
  };
}

function builtInView(id: string): StrengthView | undefined {
  const b = BUILT_IN_STRENGTHS.find((s) => s.id === id);
  return b && { ...b, builtIn: true, combinationConfigurations: [] };
}

function customView(r: StrengthRow): StrengthView {
  return { ...r, builtIn: false, createdDateTime: iso(r.createdAt), modifiedDateTime: iso(r.modifiedAt) };
}

/** Authentication strengths (graph-spec-ca-root §3): three built-ins per tenant (static, read-only) plus up to 15 custom ones. */
@Injectable()
export class AuthenticationStrengthsService {
  constructor(
    private readonly repo: AuthenticationStrengthsRepository,
    private readonly refs: ReferenceIndexRepository,
    private readonly policies: PoliciesRepository,
  ) {}

  /** The strengths named by policies, by id (built-in or custom), for rendering `authenticationStrength` inline. */
  async views(tenantId: string, ids: string[]): Promise<Map<string, StrengthView>> {
    const out = new Map<string, StrengthView>();
    const custom: string[] = [];
    for (const id of new Set(ids)) {
      const b = builtInView(id);
      if (b) out.set(id, b);
      else custom.push(id);
    }
    for (const r of await this.repo.findMany(tenantId, custom)) out.set(r.id, customView(r));
    return out;
  }

  async list(tenantId: string, call: GraphCall, includeUnknown: boolean, path = STRENGTHS_PATH) {
    const { query, filter } = parseDocumentQuery(call.query, LIST_QUERY);
    const items = await this.matching(tenantId, call, includeUnknown, filter);
    return collectionBody(call, { context: path, query, rows: items, count: query.count ? items.length : undefined });
  }

  /** `GET …/authenticationStrength/policies/$count` (text/plain; `$filter` allowed, nothing else), built-ins included. */
  async count(tenantId: string, call: GraphCall, includeUnknown: boolean): Promise<GraphResult<string>> {
    const { filter } = parseDocumentQuery(call.query, { ...LIST_QUERY, options: { filter: true } });
    return countResult((await this.matching(tenantId, call, includeUnknown, filter)).length);
  }

  /** The built-ins and the tenant's custom strengths as Graph JSON, those `$filter` keeps (evaluated here: at most 18). */
  private async matching(tenantId: string, call: GraphCall, includeUnknown: boolean, filter?: DocFilterNode): Promise<Body[]> {
    const all = [...BUILT_IN_STRENGTHS.map((b) => builtInView(b.id)!), ...(await this.repo.list(tenantId)).map(customView)];
    return all
      .map((s) => strengthToGraph(s, call.baseUrl, includeUnknown))
      .filter((s) => !filter || evaluateDocumentFilter(filter, s, TYPE, (p) => p.length === 1 && FILTERABLE.has(p[0])));
  }

  async get(tenantId: string, id: string, call: GraphCall, includeUnknown: boolean, path = STRENGTHS_PATH) {
    const query = parseODataQuery(call.query, GET_QUERY);
    const view = await this.find(tenantId, id);
    return entityBody(call, path, strengthToGraph(view, call.baseUrl, includeUnknown), query.select);
  }

  /** `id`: the seed file's given id (src/seed/); Graph's route always generates one. */
  async create(tenantId: string, body: unknown, call: GraphCall, path = STRENGTHS_PATH, includeUnknown = true, id?: string): Promise<GraphResult<Body>> {
    const input = parseStrengthCreate(body);
    const row = await this.repo.transaction(async (m) => {
      if ((await this.repo.lockTenantCount(m, tenantId)) >= CUSTOM_STRENGTH_LIMIT) {
        throw caError(CA_ERROR.tooManyStrengths, `A tenant can have at most ${CUSTOM_STRENGTH_LIMIT} custom authentication strengths.`);
      }
      return this.repo.insert(m, tenantId, id?.toLowerCase() ?? randomUUID(), input);
    });
    const json = strengthToGraph(customView(row), call.baseUrl, includeUnknown);
    return GraphResult.created(entityBody(call, path, json), `${call.baseUrl}/${path}/${row.id}`);
  }

  /** PATCH: `displayName`/`description` of a custom strength; built-ins are read-only (1940). */
  async update(tenantId: string, id: string, body: unknown): Promise<void> {
    await this.mutateCustom(tenantId, id, async (row) => ({ ...row, ...parseStrengthPatch(body) }));
  }

  /** Deleting a strength a live policy names is 400 naming them; soft-deleted policies lose the reference. */
  async delete(tenantId: string, id: string): Promise<void> {
    const key = this.customKey(id);
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, tenantId, key);
      if (!row) throw caNotFound(TYPE, id);
      const referrers = await this.refs.referrers(m, tenantId, 'strength', key, true);
      if (referrers.length) {
        throw caError(CA_ERROR.strengthInUse, `The authentication strength '${id}' is referenced by Conditional Access policies: ${listIds(referrers)}.`);
      }
      await this.refs.forgetFromDeletedPolicies(m, tenantId, 'strength', key);
      await this.repo.delete(m, tenantId, key);
    });
  }

  /** `POST {S}/{id}/updateAllowedCombinations` → 200 `updateAllowedCombinationsResult` (§3.5). */
  async updateAllowedCombinations(tenantId: string, id: string, body: unknown, call: GraphCall, includeUnknown = true): Promise<Body> {
    const obj = body as Record<string, unknown> | null;
    if (typeof obj !== 'object' || obj === null || Object.keys(obj).some((k) => k !== 'allowedCombinations')) {
      throw caError(CA_ERROR.strengthSchema, 'The body must be {"allowedCombinations": [...]}.');
    }
    const current = canonicalCombinations(obj.allowedCombinations);
    let result: Body = {};
    await this.mutateCustom(tenantId, id, async (row, m) => {
      const referrers = await this.policies.liveNamingStrength(tenantId, row.id, m);
      const mfa = referrers.filter((p) => usageBucket(row.allowedCombinations, p.grantControls) === 'mfa').map((p) => p.id);
      result = allowedCombinationsResult(
        row.allowedCombinations,
        current,
        referrers.map((p) => p.id),
        mfa,
      );
      const configs = row.combinationConfigurations.filter((c) => (c.appliesToCombinations as string[]).every((x) => current.includes(x)));
      return { ...row, allowedCombinations: current, combinationConfigurations: configs };
    });
    return {
      '@odata.context': metadataContext(call, 'microsoft.graph.updateAllowedCombinationsResult'),
      ...result,
      previousCombinations: shownCombinations(result.previousCombinations as string[], includeUnknown),
      currentCombinations: shownCombinations(result.currentCombinations as string[], includeUnknown),
    };
  }

  /** `GET {S}/{id}/usage`: live policies naming the strength, split by whether they demand MFA (ours, §3.6). */
  async usage(tenantId: string, id: string, call: GraphCall, render: (rows: Awaited<ReturnType<PoliciesRepository['liveNamingStrength']>>) => Promise<Body[]>) {
    const view = await this.find(tenantId, id);
    const policies = await this.policies.liveNamingStrength(tenantId, view.id);
    const rendered = await render(policies);
    const bucket = (i: number) => usageBucket(view.allowedCombinations, policies[i].grantControls);
    return {
      '@odata.context': metadataContext(call, 'microsoft.graph.authenticationStrengthUsage'),
      mfa: rendered.filter((_, i) => bucket(i) === 'mfa'),
      none: rendered.filter((_, i) => bucket(i) === 'none'),
    };
  }

  async listConfigurations(tenantId: string, id: string, call: GraphCall, includeUnknown = true) {
    const view = await this.find(tenantId, id);
    const rows = view.combinationConfigurations.map((c) => shownConfiguration(c, includeUnknown));
    return collectionBody(call, { context: configurationsPath(view.id), rows });
  }

  async getConfiguration(tenantId: string, id: string, configId: string, call: GraphCall, includeUnknown = true) {
    const view = await this.find(tenantId, id);
    const config = view.combinationConfigurations.find((c) => c.id === configId);
    if (!config) throw caNotFound('authenticationCombinationConfiguration', configId);
    return entityBody(call, configurationsPath(view.id), shownConfiguration(config, includeUnknown));
  }

  async createConfiguration(tenantId: string, id: string, body: unknown, call: GraphCall, includeUnknown = true): Promise<GraphResult<Body>> {
    let created: Body = {};
    const row = await this.mutateCustom(tenantId, id, async (r) => {
      created = parseCombinationConfiguration(body, r.allowedCombinations);
      return { ...r, combinationConfigurations: [...r.combinationConfigurations, created] };
    });
    const path = `${STRENGTHS_PATH}/${row.id}/combinationConfigurations`;
    return GraphResult.created(
      entityBody(call, configurationsPath(row.id), shownConfiguration(created, includeUnknown)),
      `${call.baseUrl}/${path}/${String(created.id)}`,
    );
  }

  async updateConfiguration(tenantId: string, id: string, configId: string, body: unknown): Promise<void> {
    await this.mutateCustom(tenantId, id, async (r) => {
      const i = r.combinationConfigurations.findIndex((c) => c.id === configId);
      if (i < 0) throw caNotFound('authenticationCombinationConfiguration', configId);
      const old = r.combinationConfigurations[i];
      // A sent `@odata.type` (even null) is checked; an omitted one keeps the stored type.
      const merged = { ...old, ...(body as object) };
      const next = parseCombinationConfiguration(merged, r.allowedCombinations, configId);
      if (next['@odata.type'] !== old['@odata.type']) {
        throw caError(CA_ERROR.combinationConfiguration, 'The type of a combination configuration cannot change.');
      }
      return { ...r, combinationConfigurations: r.combinationConfigurations.map((c, j) => (j === i ? next : c)) };
    });
  }

  async deleteConfiguration(tenantId: string, id: string, configId: string): Promise<void> {
    await this.mutateCustom(tenantId, id, async (r) => {
      if (!r.combinationConfigurations.some((c) => c.id === configId)) throw caNotFound('authenticationCombinationConfiguration', configId);
      return { ...r, combinationConfigurations: r.combinationConfigurations.filter((c) => c.id !== configId) };
    });
  }

  /** `GET …/authenticationStrength/authenticationMethodModes[/{id}]` (static). */
  methodModes(call: GraphCall, id?: string) {
    if (id === undefined) return collectionBody(call, { context: METHOD_MODES_PATH, rows: [...METHOD_MODES] });
    const mode = METHOD_MODES.find((m) => m.id === id);
    if (!mode) throw caNotFound('authenticationMethodModeDetail', id);
    return entityBody(call, METHOD_MODES_PATH, mode);
  }

  /** `GET …/authenticationStrength/combinations` (static; qrCodePin only with `Prefer: include-unknown-enum-members`). */
  combinations(call: GraphCall, includeUnknown = true) {
    return {
      '@odata.context': metadataContext(call, `${STRENGTH_ROOT_PATH}/combinations`),
      value: [...ALL_COMBINATIONS, ...(includeUnknown ? EVOLVABLE_COMBINATIONS : [])],
    };
  }

  private async find(tenantId: string, id: string): Promise<StrengthView> {
    const key = requireGuid(TYPE, id);
    const view = (await this.views(tenantId, [key])).get(key);
    if (!view) throw caNotFound(TYPE, id);
    return view;
  }

  private customKey(id: string): string {
    const key = requireGuid(TYPE, id);
    if (builtInView(key)) throw caError(CA_ERROR.builtInStrength, `The built-in authentication strength '${id}' cannot be changed or deleted.`);
    return key;
  }

  /** Read-modify-write of one custom strength under its row lock. */
  private async mutateCustom(tenantId: string, id: string, change: (row: StrengthRow, m: EntityManager) => Promise<StrengthRow>): Promise<StrengthRow> {
    const key = this.customKey(id);
    return this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, tenantId, key);
      if (!row) throw caNotFound(TYPE, id);
      return this.repo.update(m, tenantId, key, await change(row, m));
    });
  }
}
