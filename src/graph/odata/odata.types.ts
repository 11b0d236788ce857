/** Operators a property may allow in `$filter`. `not`, `and`, `or` and parentheses are always allowed. */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'startswith' | 'endswith' | 'contains';

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'startswith' | 'endswith' | 'contains';

export type ODataPropertyType = 'string' | 'boolean' | 'int' | 'datetime' | 'guid';

export interface ODataPropertySpec {
  /** Database column name (not the entity property name); always quoted, never taken from the request. */
  column: string;
  /** `int` is a 32-bit integer; `datetime` a timestamptz (see README on precision); `guid` a uuid. */
  type: ODataPropertyType;
  /** Allowed `$filter` operators; absent or empty = not filterable. */
  filter?: FilterOp[];
  orderby?: boolean;
  /** Default true. */
  select?: boolean;
  /** Compare with `lower(col) = lower(:p)` (strings only). */
  caseInsensitive?: boolean;
  /** Set whenever the column can hold NULL: filters and keyset paging need it to treat NULL correctly. */
  nullable?: boolean;
}

export interface ODataResourceSpec {
  /** Graph type name without namespace, used in messages, e.g. 'authenticationContextClassReference'. */
  resource: string;
  /** Keyed by Graph JSON property name (case-sensitive). */
  properties: Record<string, ODataPropertySpec>;
  /** Graph property that is unique and non-null; the keyset tiebreaker. */
  key: string;
  /** Every option is off unless enabled here. */
  options: {
    filter?: boolean;
    select?: boolean;
    top?: { default: number; max: number } | false;
    skip?: boolean;
    count?: boolean;
    orderby?: boolean;
    skiptoken?: boolean;
  };
}

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null'; value: null }
  /** Lower-cased. */
  | { type: 'guid'; value: string }
  /** Upper-cased `T`/`Z`, otherwise as written (Postgres parses it). */
  | { type: 'datetime'; value: string };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: ComparisonOp; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: 'function'; name: StringFunction; property: string; value: Literal };

export interface OrderByItem {
  property: string;
  direction: 'asc' | 'desc';
}

/** A value of one keyset column, as carried in a skiptoken. */
export type KeysetValue = string | number | boolean | null;

export interface SkipToken {
  /** One value per keyset column (the `$orderby` items, then the key unless already ordered by). */
  values: KeysetValue[];
}

export interface ODataQuery {
  filter?: FilterNode;
  /** Absent = all default properties (no `$select`, or `$select=*`). */
  select?: string[];
  top?: number;
  skip?: number;
  count: boolean;
  orderby: OrderByItem[];
  skiptoken?: SkipToken;
  /** Rows per page: `$top`, else the resource's default. */
  pageSize: number;
  /** A `$filter` run outside `filter` (document-filter.ts's AST): `$skiptoken`s are bound to it as to `filter`. */
  documentFilter?: unknown;
}
