import { Injectable } from '@nestjs/common';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { evaluateDocumentFilter, parseDocumentQuery } from '../../graph/odata/document-filter.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import { ResourceActionBindingsCache } from './resource-action-bindings.cache.js';
import { findResourceAction, RESOURCE_ACTIONS, type ResourceActionData } from './resource-actions.data.js';
import { ResourceActionsRepository } from './resource-actions.repository.js';
import type { UpdateResourceActionDto } from './dto/resource-action.dto.js';

export const RESOURCE_ACTIONS_PATH = 'roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions';
/** Graph's context names the namespace by key. */
const CONTEXT = "roleManagement/directory/resourceNamespaces('microsoft.directory')/resourceActions";
const TYPE = 'unifiedRbacResourceAction';
const PROPERTIES = ['id', 'name', 'actionVerb', 'description', 'resourceScopeId', 'isPrivileged', 'isAuthenticationContextSettable', 'authenticationContextId'];
/** The resource type page: `$filter` (eq) on these; `$select` on all. */
const FILTERABLE = new Set(['id', 'name', 'actionVerb', 'description', 'isPrivileged', 'isAuthenticationContextSettable', 'authenticationContextId']);
const LIST_QUERY: ODataResourceSpec = {
  resource: TYPE,
  key: 'id',
  properties: Object.fromEntries(PROPERTIES.map((p) => [p, { column: p, type: 'string' as const }])),
  options: { filter: true, select: true },
};
const GET_QUERY: ODataResourceSpec = { ...LIST_QUERY, options: { select: true } };

function toGraph(a: ResourceActionData, bindings: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    actionVerb: a.actionVerb,
    description: a.description,
    resourceScopeId: null,
    isPrivileged: a.isPrivileged,
    isAuthenticationContextSettable: a.isAuthenticationContextSettable,
    authenticationContextId: bindings.get(a.id) ?? null,
  };
}

/** Beta `…/resourceNamespaces/microsoft.directory/resourceActions` (DECISIONS §9): a fixed catalogue, per-tenant bindings. */
@Injectable()
export class ResourceActionsService {
  constructor(
    private readonly repo: ResourceActionsRepository,
    private readonly cache: ResourceActionBindingsCache,
  ) {}

  async list(tenantId: string, call: GraphCall) {
    const { query, filter } = parseDocumentQuery(call.query, LIST_QUERY);
    const bindings = await this.repo.bindings(tenantId);
    const rows = RESOURCE_ACTIONS.map((a) => toGraph(a, bindings)).filter(
      (a) => !filter || evaluateDocumentFilter(filter, a, TYPE, (p) => p.length === 1 && FILTERABLE.has(p[0])),
    );
    return collectionBody(call, { context: CONTEXT, query, rows });
  }

  async get(tenantId: string, id: string, call: GraphCall) {
    const query = parseODataQuery(call.query, GET_QUERY);
    const action = this.find(id);
    return entityBody(call, CONTEXT, toGraph(action, await this.repo.bindings(tenantId)), query.select);
  }

  /** Sets or clears the context that protects the action: only settable actions, only published contexts. */
  async update(tenantId: string, id: string, dto: UpdateResourceActionDto): Promise<void> {
    const action = this.find(id);
    if (dto.authenticationContextId === undefined) return;
    if (!action.isAuthenticationContextSettable) {
      throw GraphErrors.badRequest(`An authentication context cannot be set on the resource action '${action.id}'.`);
    }
    const contextId = dto.authenticationContextId;
    const refused = await this.repo.bind(tenantId, action.id, contextId);
    if (refused === 'unknownContext') {
      throw GraphErrors.badRequest(`The authenticationContextClassReference '${contextId}' does not exist.`);
    }
    if (refused === 'unpublishedContext') {
      throw GraphErrors.badRequest(
        `The authenticationContextClassReference '${contextId}' is not published (isAvailable is false); only a published context can protect an action.`,
      );
    }
    this.cache.forget(tenantId);
  }

  private find(id: string): ResourceActionData {
    const action = findResourceAction(id);
    if (!action) throw GraphErrors.resourceNotFound(id);
    return action;
  }
}
