import { Injectable } from '@nestjs/common';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import type { GraphResult } from '../../graph/graph-result.js';
import { evaluateDocumentFilter, parseDocumentQuery, type DocFilterNode } from '../../graph/odata/document-filter.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import { BUILT_IN_ROLE_DEFINITIONS, builtInRole, ROLE_DEFINITIONS_PATH, roleDefinitionJson } from './role-definitions.js';

type Body = Record<string, unknown>;
const TYPE = 'unifiedRoleDefinition';
/** Graph: `$filter` on these (eq, ne, in, startswith). */
const FILTERABLE = new Set(['id', 'displayName', 'templateId', 'isBuiltIn', 'isEnabled']);
const LIST_QUERY: ODataResourceSpec = {
  resource: TYPE,
  key: 'id',
  properties: Object.fromEntries(
    [
      'id',
      'description',
      'displayName',
      'isBuiltIn',
      'isEnabled',
      'resourceScopes',
      'rolePermissions',
      'templateId',
      'version',
      'isPrivileged',
      'allowedPrincipalTypes',
    ].map((p) => [p, { column: p, type: 'string' as const }]),
  ),
  options: { filter: true, select: true, count: true },
};
const GET_QUERY: ODataResourceSpec = { ...LIST_QUERY, options: { select: true } };

/** `roleManagement/directory/roleDefinitions`: Entra's built-in roles, the same in every tenant (read-only). */
@Injectable()
export class RoleDefinitionsService {
  list(call: GraphCall): Body {
    const { query, filter } = parseDocumentQuery(call.query, LIST_QUERY);
    const items = matching(call, filter);
    return collectionBody(call, { context: ROLE_DEFINITIONS_PATH, query, rows: items, count: query.count ? items.length : undefined });
  }

  count(call: GraphCall): GraphResult<string> {
    const { filter } = parseDocumentQuery(call.query, { ...LIST_QUERY, options: { filter: true } });
    return countResult(matching(call, filter).length);
  }

  get(id: string, call: GraphCall): Body {
    const query = parseODataQuery(call.query, GET_QUERY);
    const role = builtInRole(id);
    if (!role) throw GraphErrors.resourceNotFound(id);
    return entityBody(call, ROLE_DEFINITIONS_PATH, roleDefinitionJson(call.version, role), query.select);
  }
}

function matching(call: GraphCall, filter?: DocFilterNode): Body[] {
  return BUILT_IN_ROLE_DEFINITIONS.map((r) => roleDefinitionJson(call.version, r)).filter(
    (r) => !filter || evaluateDocumentFilter(filter, r, TYPE, (p) => p.length === 1 && FILTERABLE.has(p[0])),
  );
}
