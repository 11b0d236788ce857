import type { DocumentFilterSpec, ResolvedPath } from '../../graph/odata/document-filter.js';
import type { ODataResourceSpec } from '../../graph/odata/index.js';
import { DocumentSchema } from '../schema/document-schema.js';

/**
 * Policy lists (graph-spec-ca-root §1.6): `$select`, `$orderby`, `$top` with a keyset `$skiptoken` nextLink (as
 * Graph's), `$skip` (documented), `$count`;
 * `$filter` goes through document-filter.ts (nested paths and lambdas), see POLICY_FILTER.
 */
export const POLICY_LIST_QUERY: ODataResourceSpec = {
  resource: 'conditionalAccessPolicy',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'guid', orderby: true },
    displayName: { column: 'display_name', type: 'string', orderby: true },
    description: { column: 'description', type: 'string', nullable: true },
    state: { column: 'state', type: 'string', orderby: true },
    conditions: { column: 'conditions', type: 'string' },
    grantControls: { column: 'grant_controls', type: 'string', nullable: true },
    sessionControls: { column: 'session_controls', type: 'string', nullable: true },
    templateId: { column: 'template_id', type: 'guid', nullable: true },
    createdDateTime: { column: 'created_at', type: 'datetime', orderby: true },
    modifiedDateTime: { column: 'modified_at', type: 'datetime', orderby: true, nullable: true },
    deletedDateTime: { column: 'deleted_at', type: 'datetime', orderby: true, nullable: true },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, skip: true, skiptoken: true, count: true, orderby: true },
};

/** `GET /{id}` takes `$select` only. */
export const POLICY_GET_QUERY: ODataResourceSpec = { ...POLICY_LIST_QUERY, options: { select: true } };

const COLUMNS: Record<string, ResolvedPath> = {
  id: { kind: 'column', column: 'id', type: 'uuid' },
  displayName: { kind: 'column', column: 'display_name', caseInsensitive: true },
  description: { kind: 'column', column: 'description', caseInsensitive: true },
  state: { kind: 'column', column: 'state' },
  templateId: { kind: 'column', column: 'template_id', type: 'uuid' },
  createdDateTime: { kind: 'column', column: 'created_at', type: 'timestamptz' },
  modifiedDateTime: { kind: 'column', column: 'modified_at', type: 'timestamptz' },
};
const DOCUMENTS: Record<string, { column: string; type: string }> = {
  conditions: { column: 'conditions', type: 'conditionalAccessConditionSet' },
  grantControls: { column: 'grant_controls', type: 'conditionalAccessGrantControls' },
  sessionControls: { column: 'session_controls', type: 'conditionalAccessSessionControls' },
};

/** Nested paths are checked against Graph's type (beta's, a superset of v1.0's): a typo is a 400, not an empty list. */
export const POLICY_FILTER: DocumentFilterSpec = {
  resource: 'conditionalAccessPolicy',
  resolve(path) {
    if (path.length === 1) return COLUMNS[path[0]];
    const doc = DOCUMENTS[path[0]];
    if (!doc) return undefined;
    if (path.join('/') === 'grantControls/authenticationStrength/id') {
      return { kind: 'document', column: doc.column, path: path.slice(1), collection: false };
    }
    const type = typeAt(doc.type, path.slice(1));
    if (!type) return undefined;
    return { kind: 'document', column: doc.column, path: path.slice(1), collection: type.startsWith('Collection(') };
  },
};

function typeAt(root: string, path: string[]): string | undefined {
  const schema = DocumentSchema.of('beta');
  let type = root;
  for (const seg of path) {
    const bare = type.replace(/!$/, '');
    if (!schema.hasType(bare)) return undefined;
    const props = schema.props(bare);
    if (!Object.hasOwn(props, seg)) return undefined;
    type = props[seg];
  }
  return type.replace(/!$/, '');
}
