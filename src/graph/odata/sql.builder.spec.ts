import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import type { ODataResourceSpec } from './odata.types.js';
import { parseODataQuery } from './query-options.parser.js';
import { encodeSkipToken } from './skiptoken.js';
import { applyODataFilterOnly, applyODataQuery, escapeLike, pageStatement } from './sql.builder.js';

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq', 'in'], orderby: true },
    name: {
      column: 'display_name',
      type: 'string',
      filter: ['eq', 'ne', 'gt', 'in', 'startswith', 'endswith', 'contains'],
      orderby: true,
      caseInsensitive: true,
      nullable: true,
    },
    rank: { column: 'rank', type: 'int', filter: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'], orderby: true },
    owner: { column: 'owner_id', type: 'guid', filter: ['eq'] },
    odd: { column: 'we"ird', type: 'boolean', filter: ['eq'] },
  },
  options: { filter: true, top: { default: 10, max: 100 }, skip: true, orderby: true, skiptoken: true },
};

// An uninitialized DataSource is enough to render SQL; nothing connects.
const ds = new DataSource({ type: 'postgres' });
const base = () => ds.createQueryBuilder().select('t.id').from('widgets', 't').where('t.tenant_id = :tenant', { tenant: 'T1' });

function render(qb: SelectQueryBuilder<any>): { sql: string; params: unknown[] } {
  const [sql, params] = qb.getQueryAndParameters();
  return { sql, params };
}

function sqlFor(query: Record<string, unknown>) {
  return render(applyODataQuery(base(), 't', SPEC, parseODataQuery(query, SPEC)));
}

/** The WHERE part after the tenant condition. */
function whereFor(filter: string) {
  const { sql, params } = render(applyODataFilterOnly(base(), 't', SPEC, parseODataQuery({ $filter: filter }, SPEC)));
  const prefix = 'SELECT t.id FROM "widgets" "t" WHERE t.tenant_id = $1 AND ';
  expect(sql.startsWith(prefix)).toBe(true);
  return { where: sql.slice(prefix.length), params: params.slice(1) };
}

describe('applyODataQuery: defaults', () => {
  it('orders by the key and fetches one row more than a page', () => {
    expect(sqlFor({})).toEqual({
      sql: 'SELECT t.id FROM "widgets" "t" WHERE t.tenant_id = $1 ORDER BY "t"."id" ASC LIMIT 11',
      params: ['T1'],
    });
  });

  it('adds $top, $skip and $orderby with explicit NULLS only on nullable columns', () => {
    expect(sqlFor({ $top: '5', $skip: '20', $orderby: 'name desc,rank' }).sql).toBe(
      'SELECT t.id FROM "widgets" "t" WHERE t.tenant_id = $1 ' + 'ORDER BY "t"."display_name" DESC NULLS LAST, "t"."rank" ASC, "t"."id" ASC LIMIT 6 OFFSET 20',
    );
    expect(sqlFor({ $orderby: 'name' }).sql).toContain('ORDER BY "t"."display_name" ASC NULLS FIRST, "t"."id" ASC');
  });

  it('does not add the key twice when ordered by it', () => {
    expect(sqlFor({ $orderby: 'id desc' }).sql).toContain('ORDER BY "t"."id" DESC LIMIT 11');
  });
});

describe('applyODataFilterOnly: filter SQL', () => {
  it('renders comparisons with bound parameters', () => {
    expect(whereFor('rank gt 5')).toEqual({ where: '("t"."rank" > $2)', params: [5] });
    expect(whereFor('rank le -1')).toEqual({ where: '("t"."rank" <= $2)', params: [-1] });
    expect(whereFor('rank ne 5')).toEqual({ where: '("t"."rank" <> $2)', params: [5] });
    expect(whereFor("id eq 'c1'")).toEqual({ where: '("t"."id" = $2)', params: ['c1'] });
  });

  it('makes nullable comparisons two-valued and lower-cases case-insensitive ones', () => {
    expect(whereFor("name eq 'Ab'")).toEqual({
      where: '(("t"."display_name" IS NOT NULL AND lower("t"."display_name") = lower($2)))',
      params: ['Ab'],
    });
    expect(whereFor("name ne 'Ab'").where).toBe('(("t"."display_name" IS NULL OR lower("t"."display_name") <> lower($2)))');
  });

  it('renders null comparisons as IS [NOT] NULL', () => {
    expect(whereFor('name eq null')).toEqual({ where: '("t"."display_name" IS NULL)', params: [] });
    expect(whereFor('name ne null')).toEqual({ where: '("t"."display_name" IS NOT NULL)', params: [] });
  });

  it('renders and, or, not with the parsed precedence', () => {
    expect(whereFor('rank eq 1 or rank eq 2 and not rank eq 3')).toEqual({
      where: '(("t"."rank" = $2 OR ("t"."rank" = $3 AND NOT ("t"."rank" = $4))))',
      params: [1, 2, 3],
    });
  });

  it('renders in, with null as IS NULL', () => {
    expect(whereFor('rank in (1,2)')).toEqual({ where: '("t"."rank" IN ($2, $3))', params: [1, 2] });
    expect(whereFor("name in ('a', null)")).toEqual({
      where: '((("t"."display_name" IS NOT NULL AND lower("t"."display_name") IN (lower($2))) OR "t"."display_name" IS NULL))',
      params: ['a'],
    });
    expect(whereFor('name in (null)')).toEqual({ where: '("t"."display_name" IS NULL)', params: [] });
  });

  it('renders string functions as LIKE with escaped wildcards', () => {
    const like = `(("t"."display_name" IS NOT NULL AND lower("t"."display_name") LIKE lower($2) ESCAPE '\\'))`;
    expect(whereFor("startswith(name,'50%_off\\')")).toEqual({ where: like, params: ['50\\%\\_off\\\\%'] });
    expect(whereFor("endswith(name,'a')").params).toEqual(['%a']);
    expect(whereFor("contains(name,'%')").params).toEqual(['%\\%%']);
  });

  it('lower-cases guid values', () => {
    expect(whereFor("owner eq '8F3C1D2E-0000-4ABC-9DEF-0123456789AB'").params).toEqual(['8f3c1d2e-0000-4abc-9def-0123456789ab']);
  });

  it('quotes column names from the spec', () => {
    expect(whereFor('odd eq true')).toEqual({ where: '("t"."we""ird" = $2)', params: [true] });
  });

  it('keeps injection attempts in one bound parameter', () => {
    const evil = "x' or 1=1 --";
    const { where, params } = whereFor(`id eq 'x'' or 1=1 --'`);
    expect(where).toBe('("t"."id" = $2)');
    expect(params).toEqual([evil]);
    const colon = whereFor("id eq ':tenant' or id eq '$1'");
    expect(colon.where).toBe('(("t"."id" = $2 OR "t"."id" = $3))');
    expect(colon.params).toEqual([':tenant', '$1']);
  });

  it('adds nothing without a filter and never orders or limits', () => {
    const { sql } = render(applyODataFilterOnly(base(), 't', SPEC, parseODataQuery({ $top: '3', $orderby: 'rank' }, SPEC)));
    expect(sql).toBe('SELECT t.id FROM "widgets" "t" WHERE t.tenant_id = $1');
  });
});

describe('applyODataQuery: keyset', () => {
  function keyset(query: Record<string, string>, values: (string | number | null)[]) {
    const parsed = parseODataQuery(query, SPEC);
    return sqlFor({ ...query, $skiptoken: encodeSkipToken(SPEC, parsed, values) });
  }

  it('continues after the key alone', () => {
    const { sql, params } = keyset({}, ['c5']);
    expect(sql).toContain('WHERE t.tenant_id = $1 AND ("t"."id" > $2) ORDER BY');
    expect(params).toEqual(['T1', 'c5']);
  });

  it('is lexicographic over the order and the key', () => {
    const { sql, params } = keyset({ $orderby: 'rank desc' }, [7, 'c5']);
    expect(sql).toContain('AND (("t"."rank" < $2 OR ("t"."rank" = $2 AND "t"."id" > $3))) ORDER BY');
    expect(params).toEqual(['T1', 7, 'c5']);
  });

  it('puts NULL first ascending: after a value only greater values; after NULL, later NULLs then all values', () => {
    expect(keyset({ $orderby: 'name' }, ['b', 'c5']).sql).toContain('AND (("t"."display_name" > $2 OR ("t"."display_name" = $2 AND "t"."id" > $3))) ORDER BY');
    expect(keyset({ $orderby: 'name' }, [null, 'c5']).sql).toContain(
      'AND (("t"."display_name" IS NOT NULL OR ("t"."display_name" IS NULL AND "t"."id" > $2))) ORDER BY',
    );
  });

  it('puts NULL last descending: after a value smaller values and NULLs; after NULL, later NULLs only', () => {
    expect(keyset({ $orderby: 'name desc' }, ['b', 'c5']).sql).toContain(
      'AND ((("t"."display_name" < $2 OR "t"."display_name" IS NULL) OR ("t"."display_name" = $2 AND "t"."id" > $3))) ORDER BY',
    );
    expect(keyset({ $orderby: 'name desc' }, [null, 'c5']).sql).toContain('AND (("t"."display_name" IS NULL AND "t"."id" > $2)) ORDER BY');
  });

  it('combines with the filter, each with its own parameters', () => {
    const { sql, params } = keyset({ $filter: 'rank gt 1', $orderby: 'rank' }, [4, 'c9']);
    expect(sql).toContain('WHERE t.tenant_id = $1 AND ("t"."rank" > $2) AND (("t"."rank" > $3 OR ("t"."rank" = $3 AND "t"."id" > $4)))');
    expect(params).toEqual(['T1', 1, 4, 'c9']);
  });
});

describe('parameter names', () => {
  it('uses odata_p*, and a fresh prefix when the builder already has one', () => {
    const query = parseODataQuery({ $filter: 'rank eq 1' }, SPEC);
    const qb = applyODataFilterOnly(base(), 't', SPEC, query);
    expect(Object.keys(qb.getParameters())).toEqual(['tenant', 'odata_p0']);
    applyODataFilterOnly(qb, 't', SPEC, parseODataQuery({ $filter: 'rank eq 2' }, SPEC));
    expect(qb.getParameters()).toEqual({ tenant: 'T1', odata_p0: 1, odata1_p0: 2 });
    expect(render(qb).params).toEqual(['T1', 1, 2]);
  });
});

describe('escapeLike', () => {
  it('escapes %, _ and backslash only', () => {
    expect(escapeLike('a%b_c\\d*e')).toBe('a\\%b\\_c\\\\d*e');
  });
});

describe('pageStatement: the statement cache of readODataPage', () => {
  const COLUMNS = 't.id, t.display_name AS "name", t.rank';
  const tenantBase = (tenant: string) => ds.createQueryBuilder().from('widgets', 't').where('t.tenant_id = :tenant', { tenant });
  const withToken = (query: Record<string, string>, values: (string | number | null)[]) => ({
    ...query,
    $skiptoken: encodeSkipToken(SPEC, parseODataQuery(query, SPEC), values),
  });
  /** Pairs of queries of one shape with other values; several shapes differ only in a null or the number of values. */
  const PAIRS: [Record<string, string>, Record<string, string>][] = [
    [{}, { $top: '10' }],
    [{ $filter: "name eq 'a'" }, { $filter: "name eq 'b'" }],
    [{ $filter: 'name eq null' }, { $filter: 'name eq null' }],
    [{ $filter: 'rank in (1, 2)' }, { $filter: 'rank in (3, 4)' }],
    [{ $filter: 'rank in (1, 2, 3)' }, { $filter: 'rank in (7, 8, 9)' }],
    [{ $filter: 'rank in (1, null)' }, { $filter: 'rank in (5, null)' }],
    [{ $filter: "startswith(name,'x%') and not (rank gt 3)" }, { $filter: "startswith(name,'y_') and not (rank gt 9)" }],
    [{ $filter: "owner eq 'AAAAAAAA-0000-0000-0000-000000000001'" }, { $filter: "owner eq 'BBBBBBBB-0000-0000-0000-000000000002'" }],
    [
      { $top: '5', $skip: '20', $orderby: 'name desc,rank' },
      { $top: '5', $skip: '20', $orderby: 'name desc,rank' },
    ],
    [
      { $top: '5', $skip: '40' },
      { $top: '5', $skip: '40' },
    ],
    [{ $top: '3' }, { $top: '3' }],
    [withToken({}, ['c5']), withToken({}, ['c9'])],
    [withToken({ $orderby: 'name desc' }, ['b', 'c5']), withToken({ $orderby: 'name desc' }, ['q', 'c7'])],
    [withToken({ $orderby: 'name desc' }, [null, 'c5']), withToken({ $orderby: 'name desc' }, [null, 'c8'])],
    [withToken({ $filter: "name ne 'z'", $orderby: 'rank' }, [4, 'c1']), withToken({ $filter: "name ne 'y'", $orderby: 'rank' }, [6, 'c2'])],
  ];
  const built = (tenant: string, raw: Record<string, string>) => {
    const [sql, params] = applyODataQuery(tenantBase(tenant).select(COLUMNS), 't', SPEC, parseODataQuery(raw, SPEC)).getQueryAndParameters();
    return [sql, params];
  };

  it('gives the text and parameters TypeORM builds, for every shape, first built and then from the cache with other values', () => {
    for (let round = 0; round < 2; round++)
      for (const [first, second] of PAIRS) {
        expect(pageStatement(tenantBase('T1'), 't', SPEC, parseODataQuery(first, SPEC), COLUMNS)).toEqual(built('T1', first));
        expect(pageStatement(tenantBase('T2'), 't', SPEC, parseODataQuery(second, SPEC), COLUMNS)).toEqual(built('T2', second));
      }
  });

  it("keeps shapes apart that differ only in the caller's WHERE, its joins or the columns", () => {
    const query = parseODataQuery({ $filter: "name eq 'a'" }, SPEC);
    const other = () => tenantBase('T1').andWhere('t.rank > 0');
    const joined = () => tenantBase('T1').innerJoin('owners', 'o', 'o.tenant_id = t.tenant_id AND o.id = t.owner_id');
    for (const qb of [tenantBase, other, joined]) {
      for (const columns of [COLUMNS, 't.id']) {
        const expected = applyODataQuery(qb('T1').select(columns), 't', SPEC, query).getQueryAndParameters();
        expect(pageStatement(qb('T1'), 't', SPEC, query, columns)).toEqual(expected);
      }
    }
  });

  it('does not cache a builder whose text it cannot key (ordering, Brackets, array parameters)', () => {
    const query = parseODataQuery({}, SPEC);
    expect(pageStatement(tenantBase('T1').orderBy('t.rank'), 't', SPEC, query, COLUMNS)).toBeUndefined();
    expect(pageStatement(tenantBase('T1').andWhere(new Brackets((b) => b.where('t.rank > 0'))), 't', SPEC, query, COLUMNS)).toBeUndefined();
    expect(pageStatement(tenantBase('T1').andWhere('t.rank IN (:...ranks)', { ranks: [1, 2] }), 't', SPEC, query, COLUMNS)).toBeUndefined();
  });
});
