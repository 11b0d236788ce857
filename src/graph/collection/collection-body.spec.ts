import type { GraphCall } from '../graph-call.js';
import type { ODataResourceSpec } from '../odata/odata.types.js';
import { parseODataQuery } from '../odata/query-options.parser.js';
import { collectionBody, collectionContext, entityBody, entityContext } from './collection-body.js';

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'], orderby: true },
    name: { column: 'name', type: 'string', orderby: true, nullable: true },
  },
  options: { filter: true, select: true, top: { default: 2, max: 10 }, count: true, orderby: true, skiptoken: true },
};

interface Row {
  id: string;
  label: string | null;
}
const ROWS: Row[] = [
  { id: 'a', label: 'x' },
  { id: 'b', label: null },
  { id: 'c', label: 'z' },
];
const render = (r: Row) => ({ '@odata.type': '#microsoft.graph.widget', id: r.id, name: r.label });

function callWith(query: Record<string, unknown> = {}): GraphCall {
  return { version: 'v1.0', baseUrl: 'https://g.test/v1.0', requestUrl: 'https://g.test/v1.0/widgets', query };
}

describe('collectionContext / entityContext', () => {
  it('name the path, the $select list and $entity', () => {
    const call = callWith();
    expect(collectionContext(call, 'widgets')).toBe('https://g.test/v1.0/$metadata#widgets');
    expect(collectionContext(call, 'widgets', ['id', 'name'])).toBe('https://g.test/v1.0/$metadata#widgets(id,name)');
    expect(entityContext(call, 'widgets')).toBe('https://g.test/v1.0/$metadata#widgets/$entity');
    expect(entityContext(call, 'widgets', ['name'])).toBe('https://g.test/v1.0/$metadata#widgets(name)/$entity');
  });
});

describe('collectionBody', () => {
  it('without query options: the context and every row rendered', () => {
    const body = collectionBody(callWith(), { context: 'widgets', rows: ROWS, render });
    expect(JSON.stringify(body)).toBe(JSON.stringify({ '@odata.context': 'https://g.test/v1.0/$metadata#widgets', value: ROWS.map(render) }));
  });

  it('writes the annotations in Graph order: context, count, nextLink, value', () => {
    const original = { $count: 'true', $select: 'name' };
    const query = parseODataQuery(original, SPEC);
    const body = collectionBody(callWith(original), { context: 'widgets', query, paging: SPEC, rows: ROWS, render, count: 7 });
    expect(Object.keys(body)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    expect(body['@odata.context']).toBe('https://g.test/v1.0/$metadata#widgets(name)');
    expect(body['@odata.count']).toBe(7);
    expect(body['@odata.nextLink']).toMatch(/^https:\/\/g\.test\/v1\.0\/widgets\?\$count=true&\$select=name&\$skiptoken=[\w-]+$/);
  });

  it('keeps a count of 0 and leaves out a count that was not asked for', () => {
    const query = parseODataQuery({}, SPEC);
    expect(collectionBody(callWith(), { context: 'widgets', query, rows: [], count: 0 })).toEqual({
      '@odata.context': 'https://g.test/v1.0/$metadata#widgets',
      '@odata.count': 0,
      value: [],
    });
    expect(Object.keys(collectionBody(callWith(), { context: 'widgets', query, rows: [] }))).toEqual(['@odata.context', 'value']);
  });

  it('projects each item by $select, keeping id and annotations in the rendered order', () => {
    const query = parseODataQuery({ $select: 'name' }, SPEC);
    const body = collectionBody(callWith(), { context: 'widgets', query, rows: ROWS.slice(0, 1), render });
    expect(body.value).toEqual([{ '@odata.type': '#microsoft.graph.widget', id: 'a', name: 'x' }]);
    const bare = collectionBody(callWith(), { context: 'widgets', query, rows: [{ id: 'a', name: 'x', other: 1 }] });
    expect(bare.value).toEqual([{ id: 'a', name: 'x' }]);
  });

  it('with paging, drops the look-ahead row and continues after the last rendered row', () => {
    const query = parseODataQuery({ $orderby: 'name desc' }, SPEC);
    const body = collectionBody(callWith({ $orderby: 'name desc' }), { context: 'widgets', query, paging: SPEC, rows: ROWS, render });
    expect(body.value.map((w) => w.id)).toEqual(['a', 'b']);
    const link = new URL(body['@odata.nextLink']!);
    const next = parseODataQuery(Object.fromEntries(link.searchParams), SPEC);
    // The key values come from the rendered row (Graph names): `name` is the row's `label`.
    expect(next.skiptoken).toEqual({ values: [null, 'b'] });
  });

  it('uses keyOf when given', () => {
    const query = parseODataQuery({}, SPEC);
    const asked: string[] = [];
    const keyOf = (r: Row) => {
      asked.push(r.id);
      return { id: `${r.id}!` };
    };
    const body = collectionBody(callWith(), { context: 'widgets', query, paging: SPEC, rows: ROWS, render, keyOf });
    expect(asked).toEqual(['b']);
    const link = new URL(body['@odata.nextLink']!);
    expect(parseODataQuery(Object.fromEntries(link.searchParams), SPEC).skiptoken).toEqual({ values: ['b!'] });
  });

  it('gives no nextLink on the last page, and never trims without paging', () => {
    const query = parseODataQuery({}, SPEC);
    const last = collectionBody(callWith(), { context: 'widgets', query, paging: SPEC, rows: ROWS.slice(0, 2), render });
    expect(last).not.toHaveProperty('@odata.nextLink');
    expect(last.value).toHaveLength(2);
    const whole = collectionBody(callWith(), { context: 'widgets', query, rows: ROWS, render });
    expect(whole.value).toHaveLength(3);
    expect(whole).not.toHaveProperty('@odata.nextLink');
  });

  it('renders each row once and passes render nothing but the row', () => {
    const seen: unknown[][] = [];
    const spy = (...args: unknown[]) => {
      seen.push(args);
      return { id: 'x' };
    };
    collectionBody(callWith(), { context: 'widgets', rows: ROWS, render: spy as (r: Row) => { id: string } });
    expect(seen).toEqual(ROWS.map((r) => [r]));
  });
});

describe('entityBody', () => {
  it('puts the context first, then the entity as is', () => {
    const body = entityBody(callWith(), 'widgets', render(ROWS[0]));
    expect(Object.keys(body)).toEqual(['@odata.context', '@odata.type', 'id', 'name']);
    expect(body['@odata.context']).toBe('https://g.test/v1.0/$metadata#widgets/$entity');
  });

  it('projects by $select and names the selection in the context', () => {
    expect(entityBody(callWith(), 'widgets', { id: 'a', name: 'x', other: 1 }, ['other'])).toEqual({
      '@odata.context': 'https://g.test/v1.0/$metadata#widgets(other)/$entity',
      id: 'a',
      other: 1,
    });
  });
});
