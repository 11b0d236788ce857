import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult } from '../../graph/count.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { ChangeFeed } from '../../database/change-feed.js';
import { FeedCache } from '../../database/feed-cache.js';
import { AuthenticationMethodsPolicyRepository, POLICY_TOPIC } from './authentication-methods-policy.repository.js';
import { builtInMethod, EXTERNAL_KIND, EXTERNAL_TYPE, POLICY_DEFAULTS } from './policy-defaults.js';
import { patchConfiguration, patchPolicy } from './policy-document.js';
import { PolicyErrors } from './policy-errors.js';
import { CONFIGURATIONS_PATH, renderConfiguration, renderConfigurations, renderPolicy } from './policy-representation.js';
import { buildSnapshot, shapeOf, type ConfigurationState, type PolicySnapshot } from './policy-snapshot.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

/** The version of a policy that has no row yet (rows start at 1). */
const NOT_STORED = '0';

/**
 * `/policies/authenticationMethodsPolicy` and its configurations (DECISIONS §8): one policy per tenant,
 * created with Graph's defaults on first need; configurations are their defaults until written, and
 * DELETE of a built-in one brings the defaults back. Every write locks the tenant's policy row, bumps its
 * version and notifies every instance (ChangeFeed), whose per-tenant cache (FeedCache) then drops it.
 */
@Injectable()
export class AuthenticationMethodsPolicyService {
  /** Each tenant's policy as in force, for the methods APIs' hot paths. */
  private readonly cache: FeedCache<PolicySnapshot>;

  constructor(
    private readonly repo: AuthenticationMethodsPolicyRepository,
    feed: ChangeFeed,
  ) {
    this.cache = new FeedCache(feed, POLICY_TOPIC, 10_000);
  }

  /** The tenant's policy as in force, from the cache when it can be trusted. */
  async snapshot(tenantId: string): Promise<PolicySnapshot> {
    return this.cache.getOrLoad(tenantId, () => this.load(tenantId));
  }

  /** The policy object itself is created on its first read (its `lastModifiedDateTime` starts then). */
  async getPolicy(tenantId: string, call: GraphCall) {
    let snapshot = await this.snapshot(tenantId);
    if (snapshot.version === NOT_STORED) {
      await this.repo.ensurePolicy(tenantId, POLICY_DEFAULTS);
      this.cache.forget(tenantId);
      snapshot = await this.snapshot(tenantId);
    }
    return renderPolicy(call, snapshot);
  }

  async updatePolicy(tenantId: string, call: GraphCall, body: unknown) {
    await this.repo.transaction(async (m) => {
      const row = await this.repo.writes(m).lockPolicy(tenantId, POLICY_DEFAULTS);
      const next = patchPolicy(call.version, { ...POLICY_DEFAULTS, ...row.document }, body);
      await this.repo.writes(m).touch(tenantId, next);
    });
    this.cache.forget(tenantId);
    return renderPolicy(call, await this.snapshot(tenantId));
  }

  async listConfigurations(tenantId: string, call: GraphCall) {
    const snapshot = await this.snapshot(tenantId);
    return collectionBody(call, { context: CONFIGURATIONS_PATH, rows: renderConfigurations(call, snapshot) });
  }

  /** `…/authenticationMethodConfigurations/$count`: what the list shows in the called version. */
  async countConfigurations(tenantId: string, call: GraphCall) {
    return countResult(renderConfigurations(call, await this.snapshot(tenantId)).length);
  }

  async getConfiguration(tenantId: string, id: string, call: GraphCall) {
    const state = this.find(await this.snapshot(tenantId), id, call);
    return entityBody(call, CONFIGURATIONS_PATH, renderConfiguration(call, state)!);
  }

  /** PATCH → 204; the body's `@odata.type` must be the configuration's. */
  async updateConfiguration(tenantId: string, id: string, call: GraphCall, body: unknown): Promise<void> {
    await this.repo.transaction(async (m) => {
      await this.repo.writes(m).lockPolicy(tenantId, POLICY_DEFAULTS);
      const state = this.find(await this.load(tenantId, m), id, call);
      const next = patchConfiguration(call.version, shapeOf(state, call.version)!, state.id, state.document, body);
      await this.repo.writes(m).saveConfiguration(tenantId, state.id.toLowerCase(), state.kind, next);
      await this.repo.writes(m).touch(tenantId);
    });
    this.cache.forget(tenantId);
  }

  /** DELETE → 204: a built-in configuration goes back to its defaults, an external one is removed. */
  async deleteConfiguration(tenantId: string, id: string, call: GraphCall): Promise<void> {
    await this.repo.transaction(async (m) => {
      await this.repo.writes(m).lockPolicy(tenantId, POLICY_DEFAULTS);
      const state = this.find(await this.load(tenantId, m), id, call);
      await this.repo.writes(m).deleteConfiguration(tenantId, state.id.toLowerCase());
      await this.repo.writes(m).touch(tenantId);
    });
    this.cache.forget(tenantId);
  }

  /** POST: external authentication methods only (graph-spec-ca-root §6.3); the id is a new GUID. */
  async createExternal(tenantId: string, call: GraphCall, body: unknown): Promise<GraphResult> {
    const id = randomUUID();
    const shape = shapeOf({ kind: EXTERNAL_KIND }, call.version)!;
    const declared = (body as Record<string, unknown> | null)?.['@odata.type'];
    if (typeof declared === 'string' && declared.replace(/^#?microsoft\.graph\./i, '') !== EXTERNAL_TYPE) {
      throw PolicyErrors.badRequest(
        `Only '#microsoft.graph.${EXTERNAL_TYPE}' configurations can be created; the built-in ones always exist (update them instead).`,
      );
    }
    const document = patchConfiguration(call.version, shape, id, { state: 'disabled', excludeTargets: [], includeTargets: [] }, body);
    await this.repo.transaction(async (m) => {
      await this.repo.writes(m).lockPolicy(tenantId, POLICY_DEFAULTS);
      await this.repo.writes(m).saveConfiguration(tenantId, id, EXTERNAL_KIND, document);
      await this.repo.writes(m).touch(tenantId);
    });
    this.cache.forget(tenantId);
    const rendered = renderConfiguration(call, { id, kind: EXTERNAL_KIND, document })!;
    return GraphResult.created(entityBody(call, CONFIGURATIONS_PATH, rendered), `${call.baseUrl}/${CONFIGURATIONS_PATH}/${id}`);
  }

  /** A configuration by id, in any case (DECISIONS §8); a type the called version lacks does not exist there. */
  private find(snapshot: PolicySnapshot, id: string, call: GraphCall): ConfigurationState {
    const builtIn = builtInMethod(id);
    const key = builtIn ? builtIn.id.toLowerCase() : GUID.test(id) ? id.toLowerCase() : undefined;
    const state = key === undefined ? undefined : snapshot.configurations.find((c) => c.id.toLowerCase() === key);
    if (!state || !shapeOf(state, call.version)) throw PolicyErrors.configurationNotFound(id);
    return state;
  }

  private async load(tenantId: string, m?: EntityManager): Promise<PolicySnapshot> {
    // Hot paths (a TAP create, a methods read) never write: a tenant without a row has the defaults.
    const policy = (await this.repo.findPolicy(tenantId, m)) ?? { document: {}, version: NOT_STORED, lastModifiedAt: new Date() };
    return buildSnapshot(policy, await this.repo.listConfigurations(tenantId, m));
  }
}
