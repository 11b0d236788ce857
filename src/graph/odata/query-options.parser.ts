import { GraphErrors } from '../errors/graph.exception.js';
import { parseFilter } from './filter.parser.js';
import { lookupProperty, propertyNotFound, validateFilter } from './filter.validator.js';
import type { ODataQuery, ODataResourceSpec, OrderByItem } from './odata.types.js';
import { decodeSkipToken } from './skiptoken.js';

/** Page size when a resource does not configure `$top`. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_ORDERBY_ITEMS = 3;
const MAX_SKIP = 2147483647;

/** System query options OData defines: `$` + any other name is an unknown option. */
const KNOWN = new Set([
  'filter',
  'select',
  'top',
  'skip',
  'count',
  'orderby',
  'skiptoken',
  'expand',
  'search',
  'format',
  'apply',
  'compute',
  'deltatoken',
  'levels',
  'id',
  'index',
  'schemaversion',
]);
/** Graph lets these drop the `$`; other plain names are ordinary parameters and are ignored. */
const UNPREFIXED = new Set(['filter', 'select', 'top', 'skip', 'count', 'orderby', 'skiptoken', 'expand', 'search', 'format']);

type Option = 'filter' | 'select' | 'top' | 'skip' | 'count' | 'orderby' | 'skiptoken';

/**
 * Reads OData system query options from fastify's parsed querystring (values are strings, or arrays when repeated).
 * Option names are case-insensitive and the `$` is optional. Every problem is a 400 Request_UnsupportedQuery.
 */
export function parseODataQuery(query: Record<string, unknown>, spec: ODataResourceSpec, documentFilter?: unknown): ODataQuery {
  const raw = collectOptions(query, spec);
  const result: ODataQuery = { count: false, orderby: [], pageSize: 0 };
  if (documentFilter !== undefined) result.documentFilter = documentFilter;

  if (raw.filter !== undefined) {
    result.filter = parseFilter(raw.filter);
    validateFilter(result.filter, spec);
  }
  if (raw.select !== undefined) result.select = parseSelect(raw.select, spec);
  if (raw.orderby !== undefined) result.orderby = parseOrderBy(raw.orderby, spec);
  if (raw.top !== undefined) result.top = parseTop(raw.top, spec);
  if (raw.skip !== undefined) result.skip = parseSkip(raw.skip);
  if (raw.count !== undefined) result.count = parseCount(raw.count);
  if (raw.skiptoken !== undefined) result.skiptoken = decodeSkipToken(raw.skiptoken, spec, result);

  const top = spec.options.top;
  result.pageSize = result.top ?? (top ? top.default : DEFAULT_PAGE_SIZE);
  return result;
}

/** True when `name` (as sent) is a query option whose value a nextLink must replace (`$skip`, `$skiptoken`). */
export function isPagingOption(name: string): boolean {
  const option = optionName(name);
  return option === 'skip' || option === 'skiptoken';
}

/** Maps a querystring name to the OData option it denotes, or undefined for an ordinary parameter. */
function optionName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('$')) return lower.slice(1);
  return UNPREFIXED.has(lower) ? lower : undefined;
}

function collectOptions(query: Record<string, unknown>, spec: ODataResourceSpec): Partial<Record<Option, string>> {
  const found: Partial<Record<Option, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    const option = optionName(name);
    if (option === undefined) continue;
    if (!KNOWN.has(option)) throw GraphErrors.unsupportedQuery(`Query option '${name}' is not supported.`);
    if (!isAllowed(option, spec)) {
      throw GraphErrors.unsupportedQuery(`Query option '$${option}' is not supported for resource '${spec.resource}'.`);
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 1 || found[option as Option] !== undefined) {
      throw GraphErrors.unsupportedQuery(`Query option '$${option}' was specified more than once, but it must be specified at most once.`);
    }
    if (typeof values[0] !== 'string') throw invalidValue(option, String(values[0]));
    found[option as Option] = values[0];
  }
  return found;
}

function isAllowed(option: string, spec: ODataResourceSpec): option is Option {
  const o = spec.options;
  switch (option) {
    case 'filter':
      return o.filter === true;
    case 'select':
      return o.select === true;
    case 'top':
      return !!o.top;
    case 'skip':
      return o.skip === true;
    case 'count':
      return o.count === true;
    case 'orderby':
      return o.orderby === true;
    case 'skiptoken':
      return o.skiptoken === true;
    default:
      return false;
  }
}

function parseSelect(value: string, spec: ODataResourceSpec): string[] | undefined {
  const items = splitList(value, 'select');
  if (items.includes('*')) return undefined;
  for (const name of items) {
    const prop = lookupProperty(spec, name);
    if (!prop) throw propertyNotFound(spec, name);
    if (prop.select === false) {
      throw GraphErrors.unsupportedQuery(`Property '${name}' of resource '${spec.resource}' cannot be selected.`);
    }
  }
  return [...new Set(items)];
}

function parseOrderBy(value: string, spec: ODataResourceSpec): OrderByItem[] {
  const items = splitList(value, 'orderby');
  if (items.length > MAX_ORDERBY_ITEMS) {
    throw GraphErrors.unsupportedQuery(`The $orderby option supports at most ${MAX_ORDERBY_ITEMS} properties.`);
  }
  const result: OrderByItem[] = [];
  for (const item of items) {
    const m = /^([^\s]+)(?:\s+(asc|desc))?$/i.exec(item);
    if (!m) throw invalidValue('orderby', value);
    const [, property, direction = 'asc'] = m;
    const prop = lookupProperty(spec, property);
    if (!prop) throw propertyNotFound(spec, property);
    if (prop.orderby !== true) {
      throw GraphErrors.unsupportedQuery(`Sorting by property '${property}' of resource '${spec.resource}' is not supported.`);
    }
    if (result.some((r) => r.property === property)) {
      throw GraphErrors.unsupportedQuery(`Property '${property}' appears more than once in $orderby.`);
    }
    result.push({ property, direction: direction.toLowerCase() as 'asc' | 'desc' });
  }
  return result;
}

function parseTop(value: string, spec: ODataResourceSpec): number {
  const max = spec.options.top ? spec.options.top.max : 0;
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= max)) {
    throw GraphErrors.unsupportedQuery(`Invalid page size specified: '${value}'. Must be between 1 and ${max} inclusive.`);
  }
  return n;
}

function parseSkip(value: string): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= MAX_SKIP)) throw invalidValue('skip', value);
  return n;
}

function parseCount(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidValue('count', value);
  return lower === 'true';
}

/** Comma list with trimmed items; an empty item (`a,,b`, trailing comma, empty value) is an error. */
function splitList(value: string, option: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw invalidValue(option, value);
  return items;
}

function invalidValue(option: string, value: string) {
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return GraphErrors.unsupportedQuery(`Invalid value '${shown}' for query option '$${option}'.`);
}
