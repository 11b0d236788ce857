import type { ODataPropertySpec, ODataResourceSpec } from '../../graph/odata/index.js';
import { propertiesOf } from '../../graph/openapi/graph-metadata.js';

/** Filterable and sortable properties (Graph: `servicePrincipal` resource, "Supports $filter"). */
const STORED: Record<string, ODataPropertySpec> = {
  id: { column: 'id', type: 'guid', filter: ['eq', 'in'] },
  appId: { column: 'app_id', type: 'guid', filter: ['eq', 'in'] },
  displayName: { column: 'display_name', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], orderby: true, caseInsensitive: true, nullable: true },
  accountEnabled: { column: 'account_enabled', type: 'boolean', filter: ['eq', 'ne'] },
  appRoleAssignmentRequired: { column: 'app_role_assignment_required', type: 'boolean', filter: ['eq', 'ne'] },
  description: { column: 'description', type: 'string', filter: ['eq', 'ne', 'startswith'], nullable: true },
  notes: { column: 'notes', type: 'string', nullable: true },
};

/** Every other property of Graph's type is selectable only: its column is never read, so the key stands in. */
function selectableOnly(): Record<string, ODataPropertySpec> {
  const names = new Set([...Object.keys(propertiesOf('v1.0', 'servicePrincipal')), ...Object.keys(propertiesOf('beta', 'servicePrincipal'))]);
  return Object.fromEntries([...names].filter((n) => !(n in STORED)).map((n) => [n, { column: 'id', type: 'string' } as ODataPropertySpec]));
}

export const SERVICE_PRINCIPALS_ODATA: ODataResourceSpec = {
  resource: 'servicePrincipal',
  key: 'id',
  properties: { ...selectableOnly(), ...STORED },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, orderby: true, skiptoken: true },
};

export const SERVICE_PRINCIPAL_GET_ODATA: ODataResourceSpec = { ...SERVICE_PRINCIPALS_ODATA, options: { select: true } };
