import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Column, DataSource, Entity, PrimaryColumn, type SelectQueryBuilder } from 'typeorm';
import { GraphException } from '../src/graph/errors/graph.exception.js';
import {
  applyODataFilterOnly,
  applyODataQuery,
  buildCollectionPage,
  parseODataQuery,
  readODataPage,
  type ODataResourceSpec,
} from '../src/graph/odata/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

@Entity({ name: 'odata_widget' })
class Widget {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id: string;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName: string | null;

  @Column({ name: 'rank', type: 'integer' })
  rank: number;

  @Column({ name: 'is_on', type: 'boolean', nullable: true })
  isOn: boolean | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, nullable: true })
  createdAt: Date | null;
}

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'guid', filter: ['eq', 'in'], orderby: true },
    displayName: {
      column: 'display_name',
      type: 'string',
      filter: ['eq', 'ne', 'in', 'startswith', 'endswith', 'contains'],
      orderby: true,
      caseInsensitive: true,
      nullable: true,
    },
    rank: { column: 'rank', type: 'int', filter: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'], orderby: true },
    isOn: { column: 'is_on', type: 'boolean', filter: ['eq', 'ne'], orderby: true, nullable: true },
    createdDateTime: { column: 'created_at', type: 'datetime', filter: ['eq', 'gt', 'lt'], orderby: true, nullable: true },
  },
  options: { filter: true, select: true, top: { default: 20, max: 100 }, skip: true, count: true, orderby: true, skiptoken: true },
};

const BASE = 'https://graph.example.test/v1.0/widgets';
const NAMES = ['Alpha', 'alpha', 'ALPHA', 'beta', 'Beta', 'gamma_1', 'gammax1', '50%off', '50 off', "O'Brien", 'back\\slash', 'backslash', ''];

/** Deterministic pseudo-random numbers, so the data set is the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 1 | s) + 0x6d2b79f5) >>> 0;
    return s;
  };
}

function makeRows(tenantId: string, n: number, seed: number): Widget[] {
  const next = prng(seed);
  return Array.from({ length: n }, (_, i) =>
    Object.assign(new Widget(), {
      tenantId,
      id: randomUUID(),
      displayName: i % 7 === 0 ? null : NAMES[next() % NAMES.length],
      rank: next() % 13,
      isOn: [true, false, null][next() % 3],
      createdAt: i % 5 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + (next() % 120) * 86_400_000 + (next() % 1000)),
    }),
  );
}

const rows = makeRows('T1', 250, 42);
const otherTenant = makeRows('T2', 30, 7);
const time = (w: Widget) => w.createdAt?.getTime();
const lower = (w: Widget) => w.displayName?.toLowerCase();

let db: TestDatabase;
let client: pg.Client;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client(db.url);
  await client.connect();
  await client.query(`
    CREATE TABLE odata_widget (
      tenant_id text NOT NULL,
      id uuid NOT NULL,
      display_name text NULL,
      rank integer NOT NULL,
      is_on boolean NULL,
      created_at timestamptz(3) NULL,
      PRIMARY KEY (tenant_id, id)
    )`);
  for (const w of [...rows, ...otherTenant]) {
    await client.query('INSERT INTO odata_widget VALUES ($1, $2, $3, $4, $5, $6)', [w.tenantId, w.id, w.displayName, w.rank, w.isOn, w.createdAt]);
  }
  ds = new DataSource({ type: 'postgres', url: db.url, entities: [Widget], synchronize: false, logging: false });
  await ds.initialize();
});

afterAll(async () => {
  await ds?.destroy();
  await client?.end();
  await db?.drop();
});

/** The tenant-scoped builder a repository would start from. */
const tenantQb = (): SelectQueryBuilder<Widget> => ds.getRepository(Widget).createQueryBuilder('w').where('w.tenantId = :tenantId', { tenantId: 'T1' });

const toKeyValues = (w: Widget) => ({
  id: w.id,
  displayName: w.displayName,
  rank: w.rank,
  isOn: w.isOn,
  createdDateTime: w.createdAt,
});

async function filtered(filter: string): Promise<{ ids: string[]; count: number }> {
  const query = parseODataQuery({ $filter: filter }, SPEC);
  const found = await applyODataFilterOnly(tenantQb(), 'w', SPEC, query).getMany();
  const count = await applyODataFilterOnly(tenantQb(), 'w', SPEC, query).getCount();
  return { ids: found.map((w) => w.id).sort(), count };
}

const idsWhere = (pred: (w: Widget) => boolean) =>
  rows
    .filter(pred)
    .map((w) => w.id)
    .sort();

describe('$filter against Postgres', () => {
  const cutoff = Date.parse('2024-03-01T00:00:00Z');
  const cases: [string, (w: Widget) => boolean][] = [
    ['rank eq 3', (w) => w.rank === 3],
    ['rank ne 3', (w) => w.rank !== 3],
    ['rank gt 10', (w) => w.rank > 10],
    ['rank ge 10 and rank le 11', (w) => w.rank >= 10 && w.rank <= 11],
    ['rank lt 2 or rank gt 11', (w) => w.rank < 2 || w.rank > 11],
    ['5 lt rank', (w) => w.rank > 5],
    ['rank in (0, 12)', (w) => w.rank === 0 || w.rank === 12],
    ["displayName eq 'alpha'", (w) => lower(w) === 'alpha'],
    ["displayName ne 'ALPHA'", (w) => lower(w) !== 'alpha'],
    ["not (displayName eq 'alpha')", (w) => lower(w) !== 'alpha'],
    ["displayName eq ''", (w) => w.displayName === ''],
    ['displayName eq null', (w) => w.displayName === null],
    ['displayName ne null', (w) => w.displayName !== null],
    ["startswith(displayName,'AL')", (w) => !!lower(w)?.startsWith('al')],
    ["endswith(displayName,'ha')", (w) => !!lower(w)?.endsWith('ha')],
    ["not startswith(displayName,'al')", (w) => !lower(w)?.startsWith('al')],
    ["contains(displayName,'%')", (w) => !!w.displayName?.includes('%')],
    ["contains(displayName,'_')", (w) => !!w.displayName?.includes('_')],
    ["startswith(displayName,'back\\')", (w) => !!w.displayName?.startsWith('back\\')],
    ["contains(displayName,'''')", (w) => !!w.displayName?.includes("'")],
    ["displayName eq 'o''brien'", (w) => w.displayName === "O'Brien"],
    ["displayName in ('beta', 'GAMMA_1', null)", (w) => w.displayName === null || ['beta', 'gamma_1'].includes(lower(w)!)],
    ['isOn eq true', (w) => w.isOn === true],
    ['isOn ne true', (w) => w.isOn !== true],
    ['isOn eq null', (w) => w.isOn === null],
    ['not (isOn eq false)', (w) => w.isOn !== false],
    ['createdDateTime gt 2024-03-01T00:00:00Z', (w) => (time(w) ?? -Infinity) > cutoff],
    ['createdDateTime lt 2024-03-01T00:00:00+02:00', (w) => (time(w) ?? Infinity) < cutoff - 7_200_000],
    ['(rank eq 1 or rank eq 2) and not (isOn eq true)', (w) => (w.rank === 1 || w.rank === 2) && w.isOn !== true],
    ["rank eq 1 or rank eq 2 and displayName eq 'beta'", (w) => w.rank === 1 || (w.rank === 2 && lower(w) === 'beta')],
    [`id eq ${rows[3].id}`, (w) => w.id === rows[3].id],
    [`id in ('${rows[4].id.toUpperCase()}', ${rows[5].id}, ${otherTenant[0].id})`, (w) => w.id === rows[4].id || w.id === rows[5].id],
  ];

  it.each(cases)('%s returns exactly the matching rows of the tenant', async (filter, pred) => {
    const expected = idsWhere(pred);
    const { ids, count } = await filtered(filter);
    expect(ids).toEqual(expected);
    expect(count).toBe(expected.length);
  });

  it('the data set exercises nulls, duplicates and both tenants', () => {
    expect(idsWhere((w) => w.displayName === null).length).toBeGreaterThan(20);
    expect(idsWhere((w) => w.createdAt === null).length).toBeGreaterThan(20);
    expect(idsWhere((w) => w.isOn === null).length).toBeGreaterThan(20);
    expect(idsWhere((w) => w.rank === 3).length).toBeGreaterThan(5);
  });

  it.each([
    "displayName eq 'x'' or 1=1 --'",
    "displayName eq ''' ; DROP TABLE odata_widget; --'",
    "displayName eq ':tenantId'",
    "startswith(displayName,'%')",
    "contains(displayName,'\\')",
  ])('treats %s as data', async (filter) => {
    const { ids } = await filtered(filter);
    const literal = /'(.*)'\)?$/.exec(filter)![1].replace(/''/g, "'");
    const pred = filter.startsWith('startswith')
      ? (w: Widget) => !!lower(w)?.startsWith(literal)
      : filter.startsWith('contains')
        ? (w: Widget) => !!lower(w)?.includes(literal)
        : (w: Widget) => lower(w) === literal.toLowerCase();
    expect(ids).toEqual(idsWhere(pred));
    const { rows: left } = await client.query('SELECT count(*)::int AS n FROM odata_widget');
    expect(left[0].n).toBe(280);
  });

  it('rejects a bad literal with a 400 before touching the database', () => {
    expect(() => parseODataQuery({ $filter: "rank eq 'x'" }, SPEC)).toThrow(GraphException);
  });
});

/** The order written by hand in raw SQL, independent of the builder: NULL lowest, key last. */
async function referenceOrder(orderSql: string): Promise<string[]> {
  const res = await client.query<{ id: string }>(`SELECT id FROM odata_widget WHERE tenant_id = 'T1' ORDER BY ${orderSql}, id ASC`);
  return res.rows.map((r) => r.id);
}

/** Follows nextLinks like a client would; returns the ids seen, page by page. */
async function readAllPages(first: Record<string, string>): Promise<string[][]> {
  const pages: string[][] = [];
  let params: Record<string, string> = first;
  for (let guard = 0; guard < 300; guard++) {
    const query = parseODataQuery(params, SPEC);
    const found = await applyODataQuery(tenantQb(), 'w', SPEC, query).getMany();
    const page = buildCollectionPage(found, query, SPEC, BASE, params, toKeyValues);
    pages.push(page.value.map((w) => w.id));
    if (!page.nextLink) return pages;
    expect(page.nextLink.startsWith(`${BASE}?`)).toBe(true);
    params = Object.fromEntries(new URL(page.nextLink).searchParams);
  }
  throw new Error('paging did not terminate');
}

describe('keyset paging against Postgres', () => {
  it.each([
    ['', 'id ASC'],
    ['displayName', 'display_name ASC NULLS FIRST'],
    ['displayName desc', 'display_name DESC NULLS LAST'],
    ['rank desc,displayName', 'rank DESC, display_name ASC NULLS FIRST'],
    ['createdDateTime desc', 'created_at DESC NULLS LAST'],
    ['createdDateTime', 'created_at ASC NULLS FIRST'],
    ['isOn,displayName desc,rank', 'is_on ASC NULLS FIRST, display_name DESC NULLS LAST, rank ASC'],
    ['id desc', 'id DESC'],
  ])('$orderby=%j visits every row exactly once, in order', async (orderby, orderSql) => {
    const first: Record<string, string> = { $top: '17', $count: 'true' };
    if (orderby) first.$orderby = orderby;
    const pages = await readAllPages(first);
    const seen = pages.flat();
    const expected = await referenceOrder(orderSql);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(250);
    expect(pages).toHaveLength(Math.ceil(250 / 17));
    expect(pages.slice(0, -1).every((p) => p.length === 17)).toBe(true);
  });

  it('pages a filtered set and keeps the filter in every nextLink', async () => {
    const pages = await readAllPages({ $filter: "rank lt 8 and displayName ne 'beta'", $orderby: 'displayName desc', $top: '9' });
    const order = await referenceOrder('display_name DESC NULLS LAST');
    const allowed = new Set(idsWhere((w) => w.rank < 8 && lower(w) !== 'beta'));
    expect(pages.flat()).toEqual(order.filter((id) => allowed.has(id)));
    expect(pages.length).toBe(Math.ceil(allowed.size / 9));
    expect(pages.length).toBeGreaterThan(5);
  });

  it('ends without a nextLink when the last page is exactly full', async () => {
    const pages = await readAllPages({ $top: '50' });
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 50]);
  });

  it('$skip offsets into the same order', async () => {
    const order = await referenceOrder('rank ASC');
    const query = parseODataQuery({ $orderby: 'rank', $top: '10', $skip: '17' }, SPEC);
    const found = await applyODataQuery(tenantQb(), 'w', SPEC, query).getMany();
    expect(found.slice(0, 10).map((w) => w.id)).toEqual(order.slice(17, 27));
    expect(found).toHaveLength(11);
  });

  it('$count with a filter counts the whole filtered set, not a page', async () => {
    const query = parseODataQuery({ $filter: 'isOn ne false', $top: '5', $count: 'true' }, SPEC);
    const count = await applyODataFilterOnly(tenantQb(), 'w', SPEC, query).getCount();
    expect(count).toBe(idsWhere((w) => w.isOn !== false).length);
  });

  it('a skiptoken from another query is a 400', async () => {
    const query = parseODataQuery({ $orderby: 'rank', $top: '5' }, SPEC);
    const found = await applyODataQuery(tenantQb(), 'w', SPEC, query).getMany();
    const link = buildCollectionPage(found, query, SPEC, BASE, { $orderby: 'rank', $top: '5' }, toKeyValues).nextLink!;
    const token = new URL(link).searchParams.get('$skiptoken')!;
    expect(() => parseODataQuery({ $orderby: 'rank desc', $skiptoken: token }, SPEC)).toThrow(GraphException);
    expect(parseODataQuery({ $orderby: 'rank', $skiptoken: token }, SPEC).skiptoken?.values).toHaveLength(2);
  });
});

describe('readODataPage against Postgres', () => {
  const COLUMNS = 'w.id, w.display_name AS "displayName", w.rank';

  it('reads the page with its look-ahead row and, on the first page only, the filtered count', async () => {
    const params = { $filter: 'rank lt 8', $orderby: 'rank', $top: '5', $count: 'true' };
    const query = parseODataQuery(params, SPEC);
    const first = await readODataPage<{ id: string; displayName: string | null; rank: number }>(tenantQb(), 'w', SPEC, query, COLUMNS);
    expect(first.count).toBe(idsWhere((w) => w.rank < 8).length);
    expect(first.rows).toHaveLength(6);
    expect(Object.keys(first.rows[0]).sort()).toEqual(['displayName', 'id', 'rank']);
    const link = buildCollectionPage(first.rows, query, SPEC, BASE, params, (r) => ({ id: r.id, rank: r.rank })).nextLink!;
    const later = await readODataPage(tenantQb(), 'w', SPEC, parseODataQuery(Object.fromEntries(new URL(link).searchParams), SPEC), COLUMNS);
    expect(later.count).toBeUndefined();
    expect(later.rows).toHaveLength(6);
  });

  it('counts nothing when $count was not asked for', async () => {
    const page = await readODataPage(tenantQb(), 'w', SPEC, parseODataQuery({ $top: '3' }, SPEC), COLUMNS);
    expect(page.count).toBeUndefined();
    expect(page.rows).toHaveLength(4);
  });
});
