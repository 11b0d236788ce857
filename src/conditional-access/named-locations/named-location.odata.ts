import type { DocumentFilterSpec, ResolvedPath } from '../../graph/odata/document-filter.js';
import type { ODataResourceSpec } from '../../graph/odata/index.js';

/** Named location lists (graph-spec-ca-root §2.2): `$filter` (document-filter.ts), `$select`, `$orderby`, `$top` with a keyset
 * `$skiptoken` nextLink, `$skip` (documented), `$count`. */
export const NAMED_LOCATION_LIST_QUERY: ODataResourceSpec = {
  resource: 'namedLocation',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'guid', orderby: true },
    displayName: { column: 'display_name', type: 'string', orderby: true },
    createdDateTime: { column: 'created_at', type: 'datetime', orderby: true },
    modifiedDateTime: { column: 'modified_at', type: 'datetime', orderby: true },
    deletedDateTime: { column: 'deleted_at', type: 'datetime', orderby: true, nullable: true },
    isTrusted: { column: 'is_trusted', type: 'boolean' },
    ipRanges: { column: 'document', type: 'string' },
    countriesAndRegions: { column: 'document', type: 'string' },
    includeUnknownCountriesAndRegions: { column: 'document', type: 'string' },
    countryLookupMethod: { column: 'document', type: 'string' },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, skip: true, skiptoken: true, count: true, orderby: true },
};

export const NAMED_LOCATION_GET_QUERY: ODataResourceSpec = { ...NAMED_LOCATION_LIST_QUERY, options: { select: true } };

const COLUMNS: Record<string, ResolvedPath> = {
  id: { kind: 'column', column: 'id', type: 'uuid' },
  displayName: { kind: 'column', column: 'display_name', caseInsensitive: true },
  createdDateTime: { kind: 'column', column: 'created_at', type: 'timestamptz' },
  modifiedDateTime: { kind: 'column', column: 'modified_at', type: 'timestamptz' },
  isTrusted: { kind: 'column', column: 'is_trusted', type: 'boolean' },
};
const COUNTRY = `n.kind = 'country'`;
const IP = `n.kind = 'ip'`;
const DERIVED: Record<string, { guard: string; props: Record<string, ResolvedPath> }> = {
  'microsoft.graph.ipNamedLocation': {
    guard: IP,
    props: {
      ipRanges: { kind: 'document', column: 'document', path: ['ipRanges'], collection: true, guard: IP },
    },
  },
  'microsoft.graph.countryNamedLocation': {
    guard: COUNTRY,
    props: {
      countriesAndRegions: { kind: 'document', column: 'document', path: ['countriesAndRegions'], collection: true, guard: COUNTRY },
      includeUnknownCountriesAndRegions: {
        kind: 'document',
        column: 'document',
        path: ['includeUnknownCountriesAndRegions'],
        collection: false,
        guard: COUNTRY,
      },
      countryLookupMethod: { kind: 'document', column: 'document', path: ['countryLookupMethod'], collection: false, guard: COUNTRY },
    },
  },
};

/**
 * `isof('microsoft.graph.ipNamedLocation')`, `createdDateTime ge …`,
 * `microsoft.graph.countryNamedLocation/countriesAndRegions/any(c: c eq 'CA')` (the documented filters); derived
 * properties also work without the cast segment.
 */
export const NAMED_LOCATION_FILTER: DocumentFilterSpec = {
  resource: 'namedLocation',
  resolve(path) {
    if (path.length === 1 && COLUMNS[path[0]]) return COLUMNS[path[0]];
    const [first, ...rest] = path;
    const derived = DERIVED[first];
    const name = derived ? rest.join('/') : path.join('/');
    if (derived === DERIVED['microsoft.graph.ipNamedLocation'] && name === 'isTrusted') return COLUMNS.isTrusted;
    for (const d of derived ? [derived] : Object.values(DERIVED)) if (d.props[name]) return d.props[name];
    return undefined;
  },
  isof(type) {
    if (type === 'namedLocation') return 'TRUE';
    return DERIVED[`microsoft.graph.${type}`]?.guard;
  },
};
