import { GraphException } from '../errors/graph.exception.js';
import { documentFilterSql, evaluateDocumentFilter, parseDocumentFilter, parseDocumentQuery, type DocumentFilterSpec } from './document-filter.js';
import type { ODataResourceSpec } from './odata.types.js';

const SPEC: DocumentFilterSpec = {
  resource: 'thing',
  resolve(path) {
    const p = path.join('/');
    if (p === 'name') return { kind: 'column', column: 'name', caseInsensitive: true };
    if (p === 'id') return { kind: 'column', column: 'id', type: 'uuid' };
    if (p === 'created') return { kind: 'column', column: 'created_at', type: 'timestamptz' };
    if (p === 'flag') return { kind: 'column', column: 'flag', type: 'boolean' };
    if (p === 'doc/list') return { kind: 'document', column: 'doc', path: ['list'], collection: true };
    if (p === 'doc/inner/value') return { kind: 'document', column: 'doc', path: ['inner', 'value'], collection: false };
    return undefined;
  },
  isof: (type) => (type === 'a' ? `t.kind = 'a'` : undefined),
};

function badQuery(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphException) {
      expect({ status: e.getStatus(), code: e.code }).toEqual({ status: 400, code: 'Request_UnsupportedQuery' });
      return e.message;
    }
    throw e;
  }
  throw new Error('expected a 400');
}

describe('document $filter', () => {
  it('parses paths, lambdas, in, has, isof and not', () => {
    expect(parseDocumentFilter("conditions/users/includeUsers/any(u:u eq 'All')")).toEqual({
      kind: 'any',
      path: ['conditions', 'users', 'includeUsers'],
      predicate: { kind: 'compare', path: ['u'], op: 'eq', value: 'All' },
    });
    expect(parseDocumentFilter('x/any()')).toEqual({ kind: 'any', path: ['x'] });
    expect(parseDocumentFilter("isof('microsoft.graph.ipNamedLocation')")).toEqual({ kind: 'isof', type: 'microsoft.graph.ipNamedLocation' });
    expect(parseDocumentFilter("not (a ne null) and b in ('x', 1)")).toMatchObject({
      kind: 'and',
      left: { kind: 'not' },
      right: { kind: 'in', values: ['x', 1] },
    });
    expect(parseDocumentFilter("allowedCombinations/any(x:x has 'sms, password')")).toMatchObject({ predicate: { op: 'has' } });
  });

  it.each(['a eq', "a/any(u:v eq 'x')", "a/any(u:u/any(v:v eq 'x'))", "a eq 'x", "(a eq 'x'", 'a ~ 1', ''])('refuses %j', (f) => {
    badQuery(() => parseDocumentFilter(f));
  });

  it('turns a lambda into jsonb containment and never puts values in the SQL text', () => {
    const sql = documentFilterSql(parseDocumentFilter("doc/list/any(x:x eq 'a''; DROP') or doc/list/any(x:x in ('b','c'))"), SPEC, 't');
    expect(sql.sql).toBe('(t.doc @> :docf_0::jsonb OR (t.doc @> :docf_1::jsonb OR t.doc @> :docf_2::jsonb))');
    expect(sql.params).toEqual({ docf_0: '{"list":["a\'; DROP"]}', docf_1: '{"list":["b"]}', docf_2: '{"list":["c"]}' });
  });

  it('compares nested scalars as jsonb, null-safe, and columns two-valued', () => {
    const sql = documentFilterSql(parseDocumentFilter("doc/inner/value eq null and name ne 'X'"), SPEC, 't');
    expect(sql.sql).toBe(
      '(COALESCE(t.doc #> \'{"inner","value"}\', \'null\'::jsonb) = :docf_0::jsonb AND (t.name IS NULL OR lower(t.name) <> lower(:docf_1)))',
    );
    expect(sql.params).toEqual({ docf_0: 'null', docf_1: 'X' });
  });

  it.each([
    'nope eq 1',
    "doc/list eq 'a'",
    "doc/list/any(x:x ne 'a')",
    'name/any()',
    "isof('b')",
    "id eq 'not-a-guid'",
    "name has 'x'",
    'name eq 1',
    "created gt '2024-13-45T00:00:00Z'",
    "created gt 'soon'",
    'created gt 2024-02-30T00:00:00Z',
    "flag eq 'yes'",
    "startswith(id, 'a')",
  ])('refuses %j for the resource', (f) => {
    badQuery(() => documentFilterSql(parseDocumentFilter(f), SPEC, 't'));
  });

  it('evaluates in memory with the same meaning (has on flags, case-insensitive strings)', () => {
    const item = { '@odata.type': '#microsoft.graph.a', name: 'Alpha', list: ['password,sms', 'fido2'], scenarios: 'zeroTrust,remoteWork' };
    const ok = (f: string) => evaluateDocumentFilter(parseDocumentFilter(f), item, 'thing', () => true);
    expect(ok("list/any(x:x has 'sms, password')")).toBe(true);
    expect(ok("list/any(x:x has 'voice')")).toBe(false);
    expect(ok("scenarios has 'remoteWork'")).toBe(true);
    expect(ok("name eq 'alpha' and isof('microsoft.graph.a')")).toBe(true);
    expect(ok("not (name in ('Beta'))")).toBe(true);
    expect(ok("startswith(name, 'al')")).toBe(true);
    badQuery(() => evaluateDocumentFilter(parseDocumentFilter("name eq 'x'"), item, 'thing', () => false));
  });

  it('parseDocumentQuery takes $filter itself and leaves the other options to parseODataQuery', () => {
    const spec: ODataResourceSpec = {
      resource: 'thing',
      key: 'id',
      properties: { id: { column: 'id', type: 'string', orderby: true } },
      options: { filter: true, top: { default: 10, max: 20 } },
    };
    const { query, filter } = parseDocumentQuery({ $filter: "a/any(x:x eq 'y')", $top: '5' }, spec);
    expect(query.top).toBe(5);
    expect(filter).toMatchObject({ kind: 'any' });
    badQuery(() => parseDocumentQuery({ $filter: 'a eq 1', filter: 'b eq 2' }, spec));
    badQuery(() => parseDocumentQuery({ $select: 'id' }, spec));
    badQuery(() => parseDocumentQuery({ $filter: 'a eq 1' }, { ...spec, options: {} }));
  });
});
