import type { ODataResourceSpec } from '../../graph/odata/index.js';

/** What `GET /oauth2PermissionGrants` accepts (Graph: `$filter` eq on clientId, consentType, principalId, resourceId). */
export const OAUTH2_GRANTS_ODATA: ODataResourceSpec = {
  resource: 'oAuth2PermissionGrant',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'] },
    clientId: { column: 'client_id', type: 'guid', filter: ['eq', 'in'] },
    consentType: { column: 'consent_type', type: 'string', filter: ['eq'] },
    principalId: { column: 'principal_id', type: 'guid', filter: ['eq'], nullable: true },
    resourceId: { column: 'resource_id', type: 'guid', filter: ['eq', 'in'] },
    scope: { column: 'scope', type: 'string' },
    expiryTime: { column: 'id', type: 'string' },
    startTime: { column: 'id', type: 'string' },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, skiptoken: true },
};

export const OAUTH2_GRANT_GET_ODATA: ODataResourceSpec = { ...OAUTH2_GRANTS_ODATA, options: { select: true } };
