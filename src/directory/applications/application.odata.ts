import type { ODataPropertySpec, ODataResourceSpec } from '../../graph/odata/index.js';
import { propertiesOf } from '../../graph/openapi/graph-metadata.js';

/** Filterable and sortable properties (Graph: `application` resource, "Supports $filter"). */
const STORED: Record<string, ODataPropertySpec> = {
  id: { column: 'id', type: 'guid', filter: ['eq', 'in'] },
  appId: { column: 'app_id', type: 'guid', filter: ['eq', 'in'] },
  displayName: { column: 'display_name', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], orderby: true, caseInsensitive: true },
  createdDateTime: { column: 'created_at', type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'gt', 'lt'], orderby: true },
  signInAudience: { column: 'sign_in_audience', type: 'string', filter: ['eq', 'ne', 'in'] },
  description: { column: 'description', type: 'string', filter: ['eq', 'ne', 'startswith'], nullable: true },
  notes: { column: 'notes', type: 'string', nullable: true },
  isFallbackPublicClient: { column: 'is_fallback_public_client', type: 'boolean', filter: ['eq', 'ne'], nullable: true },
};

/**
 * Every other property of Graph's type (both versions) is selectable only: its column is never read for a
 * filter or an order, so the key column stands in.
 */
function selectableOnly(): Record<string, ODataPropertySpec> {
  const names = new Set([...Object.keys(propertiesOf('v1.0', 'application')), ...Object.keys(propertiesOf('beta', 'application'))]);
  return Object.fromEntries([...names].filter((n) => !(n in STORED)).map((n) => [n, { column: 'id', type: 'string' } as ODataPropertySpec]));
}

export const APPLICATIONS_ODATA: ODataResourceSpec = {
  resource: 'application',
  key: 'id',
  properties: { ...selectableOnly(), ...STORED },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, orderby: true, skiptoken: true },
};

export const APPLICATION_GET_ODATA: ODataResourceSpec = { ...APPLICATIONS_ODATA, options: { select: true } };
