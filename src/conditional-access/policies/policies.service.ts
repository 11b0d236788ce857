import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult } from '../../graph/count.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { documentFilterSql, parseDocumentQuery } from '../../graph/odata/document-filter.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { AuthenticationStrengthsService, strengthToGraph, STRENGTHS_PATH } from '../authentication-strengths/authentication-strengths.service.js';
import { referencesOf, type PolicyReferences } from '../references/policy-references.js';
import { ReferenceIndexRepository } from '../references/reference-index.repository.js';
import { CA_ERROR, caError } from '../schema/ca-errors.js';
import { caNotFound, iso, requireGuid } from '../schema/ca-responses.js';
import type { GraphVersion } from '../schema/document-schema.js';
import { TEMPLATE_IDS } from '../templates/templates.data.js';
import { PoliciesRepository, type PolicyRow, type PolicyScope } from './policies.repository.js';
import { mergePatch, normaliseCreate, renderParts, type PolicyDocument } from './policy-document.js';
import { validatePolicy } from './policy-rules.js';
import { POLICY_FILTER, POLICY_GET_QUERY, POLICY_LIST_QUERY } from './policy.odata.js';

type Body = Record<string, unknown>;
export const POLICIES_PATH = 'identity/conditionalAccess/policies';
/** The alias `/policies/conditionalAccessPolicies` answers with its own `@odata.context` (graph-spec-ca-root §A.1). */
export const POLICIES_ALIAS_PATH = 'policies/conditionalAccessPolicies';
export const DELETED_POLICIES_PATH = 'identity/conditionalAccess/deletedItems/policies';
const TYPE = 'conditionalAccessPolicy';

export interface PolicyCallOptions {
  /** `Prefer: include-unknown-enum-members` (document-schema.ts `prefersUnknownEnumMembers`). */
  includeUnknownEnumMembers?: boolean;
  /** The collection path called (canonical or alias). */
  path?: string;
}

/** Conditional Access policies (graph-spec-ca-root §1, DECISIONS §7). */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly repo: PoliciesRepository,
    private readonly refs: ReferenceIndexRepository,
    private readonly strengths: AuthenticationStrengthsService,
  ) {}

  async list(tenantId: string, call: GraphCall, options: PolicyCallOptions = {}, scope: PolicyScope = 'live') {
    const { query, filter } = parseDocumentQuery(call.query, POLICY_LIST_QUERY);
    const sql = filter ? documentFilterSql(filter, POLICY_FILTER, 'p') : undefined;
    if (scope === 'deleted') await this.repo.purgeExpired(tenantId);
    const { rows, count } = await this.repo.list(tenantId, scope, query, sql);
    const rendered = await this.renderAll(tenantId, rows, call, options);
    const path = scope === 'deleted' ? DELETED_POLICIES_PATH : (options.path ?? POLICIES_PATH);
    return collectionBody(call, { context: path, query, paging: POLICY_LIST_QUERY, rows: rendered, count });
  }

  /** `GET …/policies/$count` (text/plain; `$filter` allowed, nothing else). */
  async count(tenantId: string, call: GraphCall): Promise<GraphResult<string>> {
    const { filter } = parseDocumentQuery(call.query, { ...POLICY_LIST_QUERY, options: { filter: true } });
    return countResult(await this.repo.count(tenantId, filter ? documentFilterSql(filter, POLICY_FILTER, 'p') : undefined));
  }

  async get(tenantId: string, id: string, call: GraphCall, options: PolicyCallOptions = {}, scope: PolicyScope = 'live') {
    const query = parseODataQuery(call.query, POLICY_GET_QUERY);
    const row = await this.repo.findOne(tenantId, requireGuid(TYPE, id), scope);
    if (!row) throw caNotFound(TYPE, id);
    const [json] = await this.renderAll(tenantId, [row], call, options);
    const path = scope === 'deleted' ? DELETED_POLICIES_PATH : (options.path ?? POLICIES_PATH);
    return entityBody(call, path, json, query.select);
  }

  /** `POST`: 201 with the full normalised policy and `Location`; every rule of §1.7, references locked. */
  /** `id`: the seed file's given id (src/seed/); Graph's route always generates one. */
  async create(tenantId: string, body: unknown, call: GraphCall, options: PolicyCallOptions = {}, id?: string): Promise<GraphResult<Body>> {
    const doc = normaliseCreate(body, call.version);
    validatePolicy(doc, call.version);
    if (doc.templateId !== null) {
      doc.templateId = doc.templateId.toLowerCase();
      if (!TEMPLATE_IDS.has(doc.templateId)) {
        throw caError(CA_ERROR.unknownTemplate, `The Conditional Access template '${doc.templateId}' does not exist.`);
      }
    }
    const row = await this.repo.transaction(async (m) => {
      const refs = await this.lockReferences(m, tenantId, doc);
      const inserted = await this.repo.insert(m, tenantId, id?.toLowerCase() ?? randomUUID(), doc);
      await this.refs.replace(m, tenantId, inserted.id, refs);
      return inserted;
    });
    const [json] = await this.renderAll(tenantId, [row], call, options);
    const path = options.path ?? POLICIES_PATH;
    return GraphResult.created(entityBody(call, path, json), `${call.baseUrl}/${path}/${row.id}`);
  }

  /** `PATCH`: 204; recursive merge (arrays replaced), the merged policy validated as a whole (§1.7). */
  async update(tenantId: string, id: string, body: unknown, version: GraphVersion): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, tenantId, key, 'live');
      if (!row) throw caNotFound(TYPE, id);
      const doc = mergePatch(row, body, version);
      validatePolicy(doc, version);
      const refs = await this.lockReferences(m, tenantId, doc);
      await this.repo.update(m, tenantId, key, doc);
      await this.refs.replace(m, tenantId, key, refs);
    });
  }

  /** Soft delete (§5): the policy keeps its id and references and moves to deletedItems for 30 days. */
  async delete(tenantId: string, id: string): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.lock(m, tenantId, key, 'live'))) throw caNotFound(TYPE, id);
      await this.repo.softDelete(m, tenantId, key);
    });
  }

  /** `POST …/deletedItems/policies/{id}/restore`: 200 with the policy as it was; its references must still exist. */
  async restore(tenantId: string, id: string, call: GraphCall, options: PolicyCallOptions = {}) {
    const key = requireGuid(TYPE, id);
    const row = await this.repo.transaction(async (m) => {
      const found = await this.repo.lock(m, tenantId, key, 'deleted');
      if (!found) throw caNotFound(TYPE, id);
      const refs = await this.lockReferences(m, tenantId, found);
      const restored = await this.repo.restore(m, tenantId, key);
      await this.refs.replace(m, tenantId, key, refs);
      return restored;
    });
    const [json] = await this.renderAll(tenantId, [row], call, options);
    return { '@odata.context': metadataContext(call, 'microsoft.graph.conditionalAccessPolicy'), ...json };
  }

  /** `DELETE …/deletedItems/policies/{id}`: 204, gone for good (its reference rows cascade). */
  async purge(tenantId: string, id: string): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.lock(m, tenantId, key, 'deleted'))) throw caNotFound(TYPE, id);
      await this.repo.purge(m, tenantId, key);
    });
  }

  /** `GET …/authenticationStrength/policies/{id}/usage`: the live policies naming the strength, rendered (§3.6). */
  strengthUsage(tenantId: string, strengthId: string, call: GraphCall, options: PolicyCallOptions = {}) {
    return this.strengths.usage(tenantId, strengthId, call, (rows) => this.renderAll(tenantId, rows, call, options));
  }

  /** Policies as Graph shows them, e.g. for a strength's `usage`. */
  async renderAll(tenantId: string, rows: PolicyRow[], call: GraphCall, options: PolicyCallOptions): Promise<Body[]> {
    const include = options.includeUnknownEnumMembers ?? false;
    const strengthIds = rows.map((r) => (r.grantControls?.authenticationStrength as { id?: string } | null | undefined)?.id).filter((x): x is string => !!x);
    const strengths = await this.strengths.views(tenantId, strengthIds);
    return rows.map((row) => {
      const parts = renderParts(row, call.version, { includeUnknownEnumMembers: include });
      let grantControls = parts.grantControls;
      const sid = (row.grantControls?.authenticationStrength as { id?: string } | null | undefined)?.id;
      if (grantControls) {
        const view = sid ? strengths.get(sid) : undefined;
        const { authenticationStrength: _omit, ...rest } = grantControls;
        grantControls = {
          ...rest,
          ...(view ? { 'authenticationStrength@odata.context': metadataContext(call, `${STRENGTHS_PATH}/$entity`) } : {}),
          authenticationStrength: view ? strengthToGraph(view, call.baseUrl, include) : null,
        };
      }
      return {
        id: row.id,
        templateId: row.templateId,
        displayName: parts.displayName,
        description: parts.description,
        createdDateTime: iso(row.createdAt),
        modifiedDateTime: iso(row.modifiedAt),
        deletedDateTime: iso(row.deletedAt),
        state: parts.state,
        sessionControls: parts.sessionControls,
        conditions: parts.conditions,
        grantControls,
      };
    });
  }

  /** Rule 10: everything the policy names exists now, and stays until this transaction ends (FOR SHARE). */
  private async lockReferences(m: EntityManager, tenantId: string, doc: PolicyDocument): Promise<PolicyReferences> {
    const refs = referencesOf(doc);
    const missing = await this.refs.lockTargets(m, tenantId, refs);
    if (missing.locations.length) {
      throw caError(CA_ERROR.unknownLocation, `'conditions.locations' names named locations that do not exist: ${missing.locations.join(', ')}.`);
    }
    if (missing.contexts.length) {
      throw caError(
        CA_ERROR.unknownContext,
        `'includeAuthenticationContextClassReferences' names authentication contexts that do not exist: ${missing.contexts.join(', ')}.`,
      );
    }
    if (missing.strength) {
      throw caError(CA_ERROR.unknownStrength, `The authentication strength '${missing.strength}' does not exist.`);
    }
    return refs;
  }
}
