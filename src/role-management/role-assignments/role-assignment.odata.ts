import type { ODataResourceSpec } from '../../graph/odata/index.js';

/** Graph: `$filter` (eq) on principalId, roleDefinitionId, directoryScopeId, appScopeId; `$select`; `$count`. */
export const ROLE_ASSIGNMENTS_ODATA: ODataResourceSpec = {
  resource: 'unifiedRoleAssignment',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'] },
    // A generated column: the user or the service principal (migration).
    principalId: { column: 'principal_id', type: 'guid', filter: ['eq', 'in'] },
    roleDefinitionId: { column: 'role_definition_id', type: 'guid', filter: ['eq', 'in'] },
    directoryScopeId: { column: 'directory_scope_id', type: 'string', filter: ['eq'] },
    appScopeId: { column: 'id', type: 'string' },
    condition: { column: 'id', type: 'string' },
    principalOrganizationId: { column: 'id', type: 'string' },
    resourceScope: { column: 'id', type: 'string' },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, skiptoken: true },
};

export const ROLE_ASSIGNMENT_GET_ODATA: ODataResourceSpec = { ...ROLE_ASSIGNMENTS_ODATA, options: { select: true } };
