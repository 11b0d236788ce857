import type { ODataResourceSpec } from '../../graph/odata/index.js';

/** What the list accepts (DECISIONS §2). There is no paging: a tenant has at most 25 contexts. */
export const ACCR_LIST_QUERY: ODataResourceSpec = {
  resource: 'authenticationContextClassReference',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq', 'ne'], orderby: true },
    // Case-insensitive like Graph's directory strings; ids are exact (always lowercase).
    displayName: {
      column: 'display_name',
      type: 'string',
      filter: ['eq', 'ne'],
      orderby: true,
      caseInsensitive: true,
      nullable: true,
    },
    description: { column: 'description', type: 'string', nullable: true },
    isAvailable: { column: 'is_available', type: 'boolean', filter: ['eq', 'ne'], orderby: true },
  },
  options: { filter: true, select: true, top: { default: 25, max: 999 }, count: true, orderby: true },
};

/** `GET /{id}` takes `$select` only. */
export const ACCR_GET_QUERY: ODataResourceSpec = { ...ACCR_LIST_QUERY, options: { select: true } };
