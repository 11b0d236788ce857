import type { ODataResourceSpec } from '../../graph/odata/index.js';

/** What the assignment lists accept (Graph: appRoleAssignment, "Supports $filter (eq)" on these). */
export const APP_ROLE_ASSIGNMENTS_ODATA: ODataResourceSpec = {
  resource: 'appRoleAssignment',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'] },
    deletedDateTime: { column: 'id', type: 'string' },
    appRoleId: { column: 'app_role_id', type: 'guid', filter: ['eq'] },
    createdDateTime: { column: 'created_at', type: 'datetime' },
    creationTimestamp: { column: 'created_at', type: 'datetime' },
    principalDisplayName: { column: 'id', type: 'string' },
    principalId: { column: 'principal_id', type: 'guid', filter: ['eq'] },
    principalType: { column: 'principal_type', type: 'string', filter: ['eq'] },
    resourceDisplayName: { column: 'id', type: 'string' },
    resourceId: { column: 'resource_id', type: 'guid', filter: ['eq'] },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, skiptoken: true },
};

export const APP_ROLE_ASSIGNMENT_GET_ODATA: ODataResourceSpec = { ...APP_ROLE_ASSIGNMENTS_ODATA, options: { select: true } };
