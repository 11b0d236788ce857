import type { ODataResourceSpec } from './odata.types.js';
import { buildCollectionPage, contextSuffix, projectSelect } from './paging.js';
import { parseODataQuery } from './query-options.parser.js';

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'], orderby: true },
    name: { column: 'name', type: 'string', filter: ['eq', 'startswith'], orderby: true, nullable: true },
    rank: { column: 'rank', type: 'int', orderby: true },
  },
  options: { filter: true, select: true, top: { default: 2, max: 10 }, skip: true, orderby: true, skiptoken: true, count: true },
};
const BASE = 'https://graph.example.test/v1.0/widgets';

interface Row {
  id: string;
  name: string | null;
  rank: number;
}
const rows: Row[] = [
  { id: 'a', name: 'x', rank: 1 },
  { id: 'b', name: null, rank: 2 },
  { id: 'c', name: 'z', rank: 3 },
];
const keys = (r: Row) => ({ id: r.id, name: r.name, rank: r.rank });

/** What fastify would hand the next request for this link. */
function followed(link: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(link).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

describe('buildCollectionPage', () => {
  it('returns the rows and no nextLink on the last page', () => {
    const q = parseODataQuery({}, SPEC);
    expect(buildCollectionPage(rows.slice(0, 2), q, SPEC, BASE, {}, keys)).toEqual({ value: rows.slice(0, 2) });
    expect(buildCollectionPage([], q, SPEC, BASE, {}, keys)).toEqual({ value: [] });
  });

  it('drops the look-ahead row and links to the rest with a skiptoken', () => {
    const original = { $orderby: 'name desc', $filter: "startswith(name,'x')" };
    const q = parseODataQuery(original, SPEC);
    const page = buildCollectionPage(rows, q, SPEC, BASE, original, keys);
    expect(page.value).toEqual(rows.slice(0, 2));
    expect(page.nextLink).toMatch(
      /^https:\/\/graph\.example\.test\/v1\.0\/widgets\?\$orderby=name%20desc&\$filter=startswith\(name,'x'\)&\$skiptoken=[A-Za-z0-9_-]+$/,
    );
    const next = parseODataQuery(followed(page.nextLink!), SPEC);
    expect(next.skiptoken).toEqual({ values: [null, 'b'] });
  });

  it('repeats every original parameter as sent, except old $skip and $skiptoken', () => {
    const original = {
      filter: "name eq 'a b&c=d#e+f/ü'",
      $TOP: '2',
      $count: 'true',
      skip: '4',
      $SkipToken: 'old',
      tag: ['1', '2'],
      empty: '',
    };
    const q = parseODataQuery({ filter: original.filter, $TOP: '2', $count: 'true' }, SPEC);
    const link = buildCollectionPage(rows, q, SPEC, BASE, original, keys).nextLink!;
    expect(link).toContain("?filter=name%20eq%20'a%20b%26c%3Dd%23e%2Bf%2F%C3%BC'&$TOP=2&$count=true&tag=1&tag=2&empty=&$skiptoken=");
    expect(link).not.toContain('old');
    expect(link).not.toMatch(/skip=/i);
    const next = followed(link);
    expect(next.filter).toBe(original.filter);
    expect(next.tag).toEqual(['1', '2']);
    expect(parseODataQuery(next, SPEC).skiptoken).toEqual({ values: ['b'] });
  });

  it('ignores a query string on the base', () => {
    const q = parseODataQuery({}, SPEC);
    expect(buildCollectionPage(rows, q, SPEC, `${BASE}?x=1`, {}, keys).nextLink).toMatch(/^https:[^?]+\?\$skiptoken=[^&]+$/);
  });

  it('pages by $skip when the resource has no skiptoken', () => {
    const spec: ODataResourceSpec = { ...SPEC, options: { ...SPEC.options, skiptoken: false } };
    const original = { $skip: '6', $select: 'id,name' };
    const q = parseODataQuery(original, spec);
    expect(buildCollectionPage(rows, q, spec, BASE, original, keys).nextLink).toBe(`${BASE}?$select=id,name&$skip=8`);
    expect(buildCollectionPage(rows, parseODataQuery({}, spec), spec, BASE, {}, keys).nextLink).toBe(`${BASE}?$skip=2`);
  });

  it('gives no nextLink when the resource allows no paging at all', () => {
    const spec: ODataResourceSpec = { ...SPEC, options: { filter: true } };
    const q = { ...parseODataQuery({}, spec), pageSize: 2 };
    expect(buildCollectionPage(rows, q, spec, BASE, {}, keys)).toEqual({ value: rows.slice(0, 2) });
  });

  it('fails loudly when toKeyValues omits a keyset value', () => {
    const q = parseODataQuery({ $orderby: 'rank' }, SPEC);
    expect(() => buildCollectionPage(rows, q, SPEC, BASE, {}, (r) => ({ id: r.id }))).toThrow(/keyset property 'rank'/);
  });
});

describe('projectSelect', () => {
  const entity = { '@odata.type': '#microsoft.graph.widget', id: 'a', name: 'x', rank: 1, extra: null };

  it('returns the entity unchanged without $select', () => {
    expect(projectSelect(entity)).toBe(entity);
  });

  it('keeps the selected properties, id and annotations, in entity order', () => {
    const out = projectSelect(entity, ['rank', 'extra']);
    expect(out).toEqual({ '@odata.type': '#microsoft.graph.widget', id: 'a', rank: 1, extra: null });
    expect(Object.keys(out)).toEqual(['@odata.type', 'id', 'rank', 'extra']);
  });

  it('honours a custom alwaysInclude and never invents properties', () => {
    expect(projectSelect(entity, ['nope'], [])).toEqual({ '@odata.type': '#microsoft.graph.widget' });
  });
});

describe('contextSuffix', () => {
  it('lists the selection or is empty', () => {
    expect(contextSuffix(['id', 'displayName'])).toBe('(id,displayName)');
    expect(contextSuffix([])).toBe('');
    expect(contextSuffix(undefined)).toBe('');
  });
});
