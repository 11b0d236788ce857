import { GraphException } from '../errors/graph.exception.js';
import type { ODataResourceSpec } from './odata.types.js';
import { DEFAULT_PAGE_SIZE, parseODataQuery } from './query-options.parser.js';
import { encodeSkipToken } from './skiptoken.js';

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq', 'in'], orderby: true },
    displayName: {
      column: 'display_name',
      type: 'string',
      filter: ['eq', 'ne', 'in', 'startswith', 'endswith', 'contains'],
      orderby: true,
      caseInsensitive: true,
      nullable: true,
    },
    isAvailable: { column: 'is_available', type: 'boolean', filter: ['eq', 'ne'], nullable: true },
    rank: { column: 'rank', type: 'int', filter: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'], orderby: true },
    createdDateTime: { column: 'created_at', type: 'datetime', filter: ['eq', 'gt', 'lt'], orderby: true, nullable: true },
    ownerId: { column: 'owner_id', type: 'guid', filter: ['eq', 'in'] },
    description: { column: 'description', type: 'string', nullable: true },
    secret: { column: 'secret', type: 'string', select: false },
  },
  options: { filter: true, select: true, top: { default: 10, max: 50 }, skip: true, count: true, orderby: true, skiptoken: true },
};

/** A resource with only `$filter`, like authenticationContextClassReference. */
const FILTER_ONLY: ODataResourceSpec = { ...SPEC, options: { filter: true } };

const GUID = '8f3c1d2e-0000-4abc-9def-0123456789ab';

function rejects(query: Record<string, unknown>, spec = SPEC): string {
  try {
    parseODataQuery(query, spec);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphException);
    expect((e as GraphException).getStatus()).toBe(400);
    expect((e as GraphException).code).toBe('Request_UnsupportedQuery');
    return (e as GraphException).message;
  }
  throw new Error(`expected 400 for ${JSON.stringify(query)}`);
}

describe('parseODataQuery: option names', () => {
  it('returns defaults for an empty query', () => {
    expect(parseODataQuery({}, SPEC)).toEqual({ count: false, orderby: [], pageSize: 10 });
    expect(parseODataQuery({}, FILTER_ONLY).pageSize).toBe(DEFAULT_PAGE_SIZE);
  });

  it.each(['$filter', 'filter', '$FILTER', 'Filter', '$Filter'])('accepts %s', (name) => {
    expect(parseODataQuery({ [name]: "id eq 'a'" }, SPEC).filter).toEqual({
      kind: 'compare',
      op: 'eq',
      property: 'id',
      value: { type: 'string', value: 'a' },
    });
  });

  it('reads every supported option', () => {
    const q = parseODataQuery({ $filter: 'rank gt 1', $select: 'id,displayName', $top: '5', $skip: '20', $count: 'true', $orderby: 'rank desc' }, SPEC);
    expect(q).toEqual({
      filter: { kind: 'compare', op: 'gt', property: 'rank', value: { type: 'int', value: 1 } },
      select: ['id', 'displayName'],
      top: 5,
      skip: 20,
      count: true,
      orderby: [{ property: 'rank', direction: 'desc' }],
      pageSize: 5,
    });
  });

  it('ignores plain parameters that are not OData options', () => {
    expect(parseODataQuery({ foo: 'bar', 'api-version': '1', apply: 'x', id: 'y' }, SPEC)).toEqual({
      count: false,
      orderby: [],
      pageSize: 10,
    });
  });

  it.each([
    [{ $top: ['1', '2'] }, '$top'],
    [{ $top: '1', top: '2' }, '$top'],
    [{ $filter: "id eq 'a'", $FILTER: "id eq 'b'" }, '$filter'],
    [{ select: 'id', $Select: 'id' }, '$select'],
  ])('rejects a repeated option %j', (query, name) => {
    expect(rejects(query)).toBe(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
  });

  it('rejects an unknown $ option', () => {
    expect(rejects({ $xyz: '1' })).toBe("Query option '$xyz' is not supported.");
    expect(rejects({ $: '1' })).toBe("Query option '$' is not supported.");
  });

  it.each(['$expand', 'expand', '$search', '$format', 'format', '$apply', '$compute', '$deltatoken', '$levels'])(
    'rejects %s, which no resource supports, naming it',
    (name) => {
      const option = name.startsWith('$') ? name : `$${name}`;
      expect(rejects({ [name]: 'x' })).toBe(`Query option '${option}' is not supported for resource 'widget'.`);
    },
  );

  it.each(['$select', '$top', '$skip', '$count', '$orderby', '$skiptoken'])('rejects %s when the resource disables it', (name) => {
    expect(rejects({ [name]: 'x' }, FILTER_ONLY)).toBe(`Query option '${name}' is not supported for resource 'widget'.`);
  });

  it('rejects $filter when the resource disables it', () => {
    expect(rejects({ filter: "id eq 'a'" }, { ...SPEC, options: {} })).toMatch(/'\$filter' is not supported/);
  });

  it('rejects a value that is not a string', () => {
    expect(rejects({ $top: { a: '1' } })).toMatch(/Invalid value/);
  });
});

describe('parseODataQuery: $top, $skip, $count', () => {
  it.each([
    ['1', 1],
    ['50', 50],
    ['007', 7],
  ])('accepts $top=%s', (value, n) => {
    expect(parseODataQuery({ $top: value }, SPEC)).toMatchObject({ top: n, pageSize: n });
  });

  it.each(['0', '51', '-1', 'abc', '1.5', ' 5', '', '+5', '1e1', '99999999999'])('rejects $top=%j with the maximum', (value) => {
    expect(rejects({ $top: value })).toBe(`Invalid page size specified: '${value}'. Must be between 1 and 50 inclusive.`);
  });

  it.each([
    ['0', 0],
    ['1000', 1000],
  ])('accepts $skip=%s', (value, n) => {
    expect(parseODataQuery({ $skip: value }, SPEC).skip).toBe(n);
  });

  it.each(['-1', 'x', '', '1.5', '99999999999'])('rejects $skip=%j', (value) => {
    expect(rejects({ skip: value })).toBe(`Invalid value '${value}' for query option '$skip'.`);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
  ])('accepts $count=%s', (value, b) => {
    expect(parseODataQuery({ $count: value }, SPEC).count).toBe(b);
  });

  it.each(['yes', '', '1'])('rejects $count=%j', (value) => {
    expect(rejects({ $count: value })).toBe(`Invalid value '${value}' for query option '$count'.`);
  });
});

describe('parseODataQuery: $select', () => {
  it('trims and de-duplicates, keeping request order', () => {
    expect(parseODataQuery({ $select: ' displayName , id,displayName' }, SPEC).select).toEqual(['displayName', 'id']);
  });

  it('treats * as all properties', () => {
    expect(parseODataQuery({ $select: '*' }, SPEC).select).toBeUndefined();
  });

  it.each(['nope', 'DisplayName', '__proto__', 'constructor', 'id/x'])('rejects unknown property %s', (name) => {
    expect(rejects({ $select: `id,${name}` })).toBe(`Could not find a property named '${name}' on type 'microsoft.graph.widget'.`);
  });

  it('rejects a property that is not selectable', () => {
    expect(rejects({ $select: 'secret' })).toBe("Property 'secret' of resource 'widget' cannot be selected.");
  });

  it.each(['', 'id,,displayName', 'id,'])('rejects empty items in %j', (value) => {
    expect(rejects({ $select: value })).toMatch(/Invalid value .* for query option '\$select'/);
  });
});

describe('parseODataQuery: $orderby', () => {
  it('parses directions case-insensitively, default asc', () => {
    expect(parseODataQuery({ $orderby: 'displayName,rank DESC,  id   asc' }, SPEC).orderby).toEqual([
      { property: 'displayName', direction: 'asc' },
      { property: 'rank', direction: 'desc' },
      { property: 'id', direction: 'asc' },
    ]);
  });

  it.each([
    ['id,rank,displayName,createdDateTime', /at most 3 properties/],
    ['nope', /Could not find a property named 'nope'/],
    ['isAvailable', /Sorting by property 'isAvailable' of resource 'widget' is not supported/],
    ['rank,rank desc', /'rank' appears more than once/],
    ['rank sideways', /Invalid value 'rank sideways' for query option '\$orderby'/],
    ['rank asc desc', /Invalid value/],
    ['', /Invalid value/],
    ['rank,', /Invalid value/],
  ])('rejects %j', (value, message) => {
    expect(rejects({ $orderby: value })).toMatch(message);
  });
});

describe('parseODataQuery: $filter against the resource', () => {
  it.each([
    "id eq 'a' and isAvailable eq true",
    'isAvailable ne null',
    "displayName eq null or startswith(displayName,'x') or endswith(displayName,'y') or contains(displayName,'z')",
    "displayName in ('a', null)",
    'rank ge -2147483648 and rank le 2147483647',
    'rank in (1, 2, 3)',
    'createdDateTime gt 2024-01-01T00:00:00Z',
    `ownerId eq ${GUID}`,
    `ownerId eq '${GUID.toUpperCase()}'`,
    `ownerId in (${GUID}, '${GUID}')`,
    "not (id eq 'a')",
  ])('accepts %s', (filter) => {
    expect(() => parseODataQuery({ $filter: filter }, SPEC)).not.toThrow();
  });

  it.each([
    ["nope eq 'a'", "Could not find a property named 'nope' on type 'microsoft.graph.widget'."],
    ["Id eq 'a'", "Could not find a property named 'Id' on type 'microsoft.graph.widget'."],
    ["id eq 'a' and toString eq 'x'", "Could not find a property named 'toString' on type 'microsoft.graph.widget'."],
    ["description eq 'a'", "Unsupported or invalid query filter clause specified for property 'description' of resource 'widget'."],
    ["id ne 'a'", "Unsupported or invalid query filter clause specified for property 'id' of resource 'widget'."],
    ["startswith(id,'a')", "Unsupported or invalid query filter clause specified for property 'id' of resource 'widget'."],
    ['rank gt null', "Unsupported or invalid query filter clause specified for property 'rank' of resource 'widget'."],
    [
      "isAvailable eq 'x'",
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'.",
    ],
    [
      "rank gt '5'",
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'GreaterThan'.",
    ],
    ['id eq 5', "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'."],
    [`id eq ${GUID}`, "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Guid' for operator kind 'Equal'."],
    [
      "createdDateTime lt '2024-01-01T00:00:00Z'",
      "A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'LessThan'.",
    ],
    [
      "ownerId eq 'not-a-guid'",
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'.",
    ],
    ["rank in (1, 'x')", "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'In'."],
    ['rank eq 2147483648', "The value of property 'rank' is out of range for type 'Edm.Int32'."],
    ['rank eq 99999999999999999999', "The value of property 'rank' is out of range for type 'Edm.Int32'."],
    ['startswith(displayName, 1)', "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'widget'."],
    ['contains(displayName, null)', "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'widget'."],
  ])('rejects %s', (filter, message) => {
    expect(rejects({ $filter: filter })).toBe(message);
  });

  it('reports syntax errors as invalid filter clauses', () => {
    expect(rejects({ $filter: 'id eq' })).toMatch(/^Invalid filter clause: Syntax error at position 5/);
  });
});

describe('parseODataQuery: $skiptoken', () => {
  it('decodes a token issued for the same query', () => {
    const query = { $filter: 'rank gt 1', $orderby: 'rank desc' };
    const base = parseODataQuery(query, SPEC);
    const token = encodeSkipToken(SPEC, base, [7, 'w7']);
    expect(parseODataQuery({ ...query, $skiptoken: token }, SPEC).skiptoken).toEqual({ values: [7, 'w7'] });
    expect(parseODataQuery({ ...query, skiptoken: token }, SPEC).skiptoken).toEqual({ values: [7, 'w7'] });
  });

  it('rejects a token issued for another query', () => {
    const token = encodeSkipToken(SPEC, parseODataQuery({ $filter: 'rank gt 1', $orderby: 'rank desc' }, SPEC), [7, 'w7']);
    const msg = 'The $skiptoken is invalid or does not belong to this query.';
    expect(rejects({ $filter: 'rank gt 2', $orderby: 'rank desc', $skiptoken: token })).toBe(msg);
    expect(rejects({ $filter: 'rank gt 1', $orderby: 'rank asc', $skiptoken: token })).toBe(msg);
    expect(rejects({ $filter: 'rank gt 1', $orderby: 'rank desc', $select: 'id', $skiptoken: token })).toBe(msg);
  });

  it.each(['', 'garbage!', 'e30', 'x'.repeat(9000)])('rejects malformed token %#', (token) => {
    expect(rejects({ $skiptoken: token })).toBe('The $skiptoken is invalid or does not belong to this query.');
  });
});
