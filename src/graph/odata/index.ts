export type {
  ComparisonOp,
  FilterNode,
  FilterOp,
  KeysetValue,
  Literal,
  ODataPropertySpec,
  ODataPropertyType,
  ODataQuery,
  ODataResourceSpec,
  OrderByItem,
  SkipToken,
  StringFunction,
} from './odata.types.js';
export { FILTER_LIMITS, parseFilter } from './filter.parser.js';
export { validateFilter } from './filter.validator.js';
export { DEFAULT_PAGE_SIZE, MAX_ORDERBY_ITEMS, parseODataQuery } from './query-options.parser.js';
export { decodeSkipToken, encodeSkipToken, keysetColumns } from './skiptoken.js';
export { applyODataFilterOnly, applyODataQuery, escapeLike, pageStatement, readODataPage } from './sql.builder.js';
export { buildCollectionPage, contextSuffix, pickSelected, projectSelect, selectedKeys, type CollectionPage } from './paging.js';
