import { GraphException } from '../errors/graph.exception.js';
import type { KeysetValue, ODataResourceSpec, OrderByItem } from './odata.types.js';
import { decodeSkipToken, encodeSkipToken, keysetColumns, toKeysetValue, type TokenQuery } from './skiptoken.js';

const SPEC: ODataResourceSpec = {
  resource: 'widget',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'guid', orderby: true },
    name: { column: 'name', type: 'string', orderby: true, nullable: true },
    rank: { column: 'rank', type: 'int', orderby: true },
    on: { column: 'on', type: 'boolean', orderby: true, nullable: true },
    at: { column: 'at', type: 'datetime', orderby: true, nullable: true },
  },
  options: { orderby: true, skiptoken: true },
};

const ID = '8f3c1d2e-0000-4abc-9def-0123456789ab';
const ORDER: OrderByItem[] = [
  { property: 'name', direction: 'desc' },
  { property: 'rank', direction: 'asc' },
  { property: 'at', direction: 'asc' },
];
const QUERY: TokenQuery = {
  orderby: ORDER,
  filter: { kind: 'compare', op: 'eq', property: 'on', value: { type: 'boolean', value: true } },
  select: ['name', 'id'],
};
const VALUES: KeysetValue[] = ['Zoë ☃', 42, '2024-01-01T00:00:00.123Z', ID];

const raw = (token: string) => JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v: unknown[]; h: string };
const pack = (x: unknown) => Buffer.from(JSON.stringify(x), 'utf8').toString('base64url');

function invalid(token: string, query: TokenQuery = QUERY, spec = SPEC): void {
  try {
    decodeSkipToken(token, spec, query);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphException);
    expect((e as GraphException).getStatus()).toBe(400);
    expect((e as GraphException).code).toBe('Request_UnsupportedQuery');
    expect((e as GraphException).message).toBe('The $skiptoken is invalid or does not belong to this query.');
    return;
  }
  throw new Error('expected the token to be rejected');
}

describe('keysetColumns', () => {
  it('appends the key ascending as the tiebreaker', () => {
    expect(keysetColumns(SPEC, [{ property: 'rank', direction: 'desc' }])).toEqual([
      { property: 'rank', direction: 'desc' },
      { property: 'id', direction: 'asc' },
    ]);
    expect(keysetColumns(SPEC, [])).toEqual([{ property: 'id', direction: 'asc' }]);
  });

  it('does not repeat the key when it is already ordered by', () => {
    const order: OrderByItem[] = [
      { property: 'id', direction: 'desc' },
      { property: 'rank', direction: 'asc' },
    ];
    expect(keysetColumns(SPEC, order)).toBe(order);
  });
});

describe('skiptoken round trip', () => {
  it('decodes what it encodes, as base64url', () => {
    const token = encodeSkipToken(SPEC, QUERY, VALUES);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSkipToken(token, SPEC, QUERY)).toEqual({ values: VALUES });
  });

  it('carries nulls of nullable columns', () => {
    const values = [null, 1, null, ID];
    expect(decodeSkipToken(encodeSkipToken(SPEC, QUERY, values), SPEC, QUERY)).toEqual({ values });
  });

  it('ignores the order of $select items but nothing else', () => {
    const token = encodeSkipToken(SPEC, QUERY, VALUES);
    expect(decodeSkipToken(token, SPEC, { ...QUERY, select: ['id', 'name'] }).values).toEqual(VALUES);
  });

  it('binds a document $filter as it binds $filter: another one, or none, is refused', () => {
    const doc = { kind: 'compare', path: ['state'], op: 'eq', value: 'enabled' };
    const token = encodeSkipToken(SPEC, { ...QUERY, documentFilter: doc }, VALUES);
    expect(decodeSkipToken(token, SPEC, { ...QUERY, documentFilter: { ...doc } }).values).toEqual(VALUES);
    expect(() => decodeSkipToken(token, SPEC, { ...QUERY, documentFilter: { ...doc, value: 'disabled' } })).toThrow();
    expect(() => decodeSkipToken(token, SPEC, QUERY)).toThrow();
    // Lists without one keep their tokens as they were.
    expect(() => decodeSkipToken(encodeSkipToken(SPEC, QUERY, VALUES), SPEC, { ...QUERY, documentFilter: doc })).toThrow();
  });
});

describe('skiptoken rejection', () => {
  const token = encodeSkipToken(SPEC, QUERY, VALUES);

  it('rejects use with another filter, order, select or resource', () => {
    invalid(token, { ...QUERY, filter: undefined });
    invalid(token, { ...QUERY, orderby: [ORDER[0], ORDER[2], ORDER[1]] });
    invalid(token, { ...QUERY, orderby: [{ ...ORDER[0], direction: 'asc' }, ORDER[1], ORDER[2]] });
    invalid(token, { ...QUERY, select: undefined });
    invalid(token, QUERY, { ...SPEC, resource: 'gadget' });
  });

  it('rejects edited values even when they are well-formed', () => {
    const t = raw(token);
    invalid(pack({ ...t, v: ['Zoë ☃', 43, t.v[2], ID] }));
    invalid(pack({ ...t, h: `${t.h.slice(0, -1)}${t.h.endsWith('A') ? 'B' : 'A'}` }));
  });

  it('rejects flipped characters', () => {
    for (const i of [0, 5, Math.floor(token.length / 2), token.length - 1]) {
      const c = token[i] === 'A' ? 'B' : 'A';
      invalid(token.slice(0, i) + c + token.slice(i + 1));
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padding', `${token}=`],
    ['too long', 'A'.repeat(8193)],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['JSON null', pack(null)],
    ['JSON array', pack([VALUES, 'h'])],
    ['extra member', pack({ ...raw(token), x: 1 })],
    ['missing hash', pack({ v: VALUES })],
    ['hash not a string', pack({ v: VALUES, h: 1 })],
    ['values not an array', pack({ v: 'x', h: raw(token).h })],
    ['too few values', pack({ v: VALUES.slice(1), h: raw(token).h })],
    ['too many values', pack({ v: [...VALUES, 1], h: raw(token).h })],
  ])('rejects a token with %s', (_, t) => {
    invalid(t);
  });

  // Each row is well-formed apart from one value, and hashed correctly, so only the shape check can catch it.
  it.each([
    ['string where int', ['a', '42', '2024-01-01T00:00:00Z', ID]],
    ['non-integer int', ['a', 1.5, '2024-01-01T00:00:00Z', ID]],
    ['int out of range', ['a', 2 ** 31, '2024-01-01T00:00:00Z', ID]],
    ['null in a non-null column', ['a', null, '2024-01-01T00:00:00Z', ID]],
    ['null key', ['a', 1, '2024-01-01T00:00:00Z', null]],
    ['bad datetime', ['a', 1, '2024-02-30T00:00:00Z', ID]],
    ['non-normalized datetime', ['a', 1, '2024-01-01t00:00:00z', ID]],
    ['datetime as a number', ['a', 1, 1704067200000, ID]],
    ['upper-case guid', ['a', 1, null, ID.toUpperCase()]],
    ['bad guid', ['a', 1, null, 'x']],
    ['NUL in a string', ['a\u0000', 1, null, ID]],
    ['object value', [{}, 1, null, ID]],
    ['boolean where string', [true, 1, null, ID]],
  ])('rejects %s', (_, values) => {
    invalid(encodeSkipToken(SPEC, QUERY, values as KeysetValue[]));
  });

  it('validates booleans', () => {
    const q: TokenQuery = { orderby: [{ property: 'on', direction: 'asc' }] };
    expect(decodeSkipToken(encodeSkipToken(SPEC, q, [false, ID]), SPEC, q).values).toEqual([false, ID]);
    invalid(encodeSkipToken(SPEC, q, ['false', ID]), q);
  });
});

describe('toKeysetValue', () => {
  it('normalizes row values to token form', () => {
    expect(toKeysetValue(SPEC, 'at', new Date('2024-05-06T07:08:09.010Z'))).toBe('2024-05-06T07:08:09.010Z');
    expect(toKeysetValue(SPEC, 'at', '2024-05-06t07:08:09z')).toBe('2024-05-06T07:08:09Z');
    expect(toKeysetValue(SPEC, 'at', undefined)).toBeNull();
    expect(toKeysetValue(SPEC, 'id', ID.toUpperCase())).toBe(ID);
    expect(toKeysetValue(SPEC, 'rank', 3)).toBe(3);
  });

  it('throws a plain Error (a bug, so 500) for values the column cannot hold', () => {
    expect(() => toKeysetValue(SPEC, 'id', null)).toThrow(Error);
    expect(() => toKeysetValue(SPEC, 'id', null)).not.toThrow(GraphException);
    expect(() => toKeysetValue(SPEC, 'rank', '3')).toThrow(/invalid value for keyset property 'rank'/);
    expect(() => toKeysetValue(SPEC, 'at', new Date('invalid'))).toThrow();
  });
});
