import type { DocFilterNode, DocumentFilterSpec, ResolvedPath } from '../graph/odata/document-filter.js';
import type { GraphVersion } from '../graph/http/base-url.js';
import type { ODataPropertySpec, ODataResourceSpec } from '../graph/odata/index.js';
import { propertiesOf } from '../graph/openapi/graph-metadata.js';

/** Every property of either version's signIn is selectable; only the keyset columns are real columns here. */
const selectable: Record<string, ODataPropertySpec> = Object.fromEntries(
  [...new Set([...Object.keys(propertiesOf('v1.0', 'signIn')), ...Object.keys(propertiesOf('beta', 'signIn'))])].map((p) => [
    p,
    { column: 'details', type: 'string' } satisfies ODataPropertySpec,
  ]),
);

/**
 * Sign-in lists (`signin-list.md`): `$filter`, `$select`, `$top` (default and maximum 1000) with a keyset `$skiptoken`,
 * newest first. `$orderby` is not offered by Graph; the service always reads `createdDateTime desc`.
 */
export const SIGN_IN_LIST_QUERY: ODataResourceSpec = {
  resource: 'signIn',
  key: 'id',
  properties: {
    ...selectable,
    id: { column: 'id', type: 'guid' },
    createdDateTime: { column: 'created_at', type: 'datetime', orderby: true },
  },
  options: { filter: true, select: true, top: { default: 1000, max: 1000 }, skiptoken: true, orderby: true },
};

export const SIGN_IN_GET_QUERY: ODataResourceSpec = { ...SIGN_IN_LIST_QUERY, options: { select: true } };

const COLUMNS: Record<string, ResolvedPath> = {
  id: { kind: 'column', column: 'id', type: 'uuid' },
  createdDateTime: { kind: 'column', column: 'created_at', type: 'timestamptz' },
  userId: { kind: 'column', column: 'user_id', type: 'uuid' },
  userPrincipalName: { kind: 'column', column: 'user_principal_name', caseInsensitive: true },
  userDisplayName: { kind: 'column', column: 'user_display_name', caseInsensitive: true },
  appId: { kind: 'column', column: 'app_id', caseInsensitive: true },
  appDisplayName: { kind: 'column', column: 'app_display_name', caseInsensitive: true },
  ipAddress: { kind: 'column', column: 'ip_address' },
  clientAppUsed: { kind: 'column', column: 'client_app_used' },
  correlationId: { kind: 'column', column: 'correlation_id', caseInsensitive: true },
  conditionalAccessStatus: { kind: 'column', column: 'conditional_access_status' },
  isInteractive: { kind: 'column', column: 'is_interactive', type: 'boolean' },
  resourceId: { kind: 'column', column: 'resource_id', caseInsensitive: true },
  'status/errorCode': { kind: 'document', column: 'status', path: ['errorCode'], collection: false },
};

/** Beta's event types (`signInEventTypes/any(t: t eq 'nonInteractiveUser')`), kept in the row's `details`. */
const EVENT_TYPES: ResolvedPath = { kind: 'document', column: 'details', path: ['signInEventTypes'], collection: true };

/**
 * The filters Graph documents for sign-ins (`createdDateTime ge …`, `userId eq …`, `status/errorCode eq 50126`...),
 * and on beta `signInEventTypes/any(…)`.
 */
export function signInFilter(version: GraphVersion): DocumentFilterSpec {
  return {
    resource: 'signIn',
    resolve: (path) => (version === 'beta' && path.join('/') === 'signInEventTypes' ? EVENT_TYPES : COLUMNS[path.join('/')]),
  };
}

/** Whether a `$filter` names `signInEventTypes` (then it decides which event types are listed). */
export function mentionsEventTypes(node: DocFilterNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return mentionsEventTypes(node.left) || mentionsEventTypes(node.right);
    case 'not':
      return mentionsEventTypes(node.operand);
    case 'isof':
      return false;
    default:
      return node.path[0] === 'signInEventTypes';
  }
}
