import { countPath, countResult, parseCountQuery, requireEventualForRawCount } from './count.js';
import type { ODataResourceSpec } from './odata/index.js';

const SPEC: ODataResourceSpec = {
  resource: 'thing',
  key: 'id',
  properties: { id: { column: 'id', type: 'string', filter: ['eq'] } },
  options: { filter: true, select: true, top: { default: 10, max: 100 }, count: true },
};

describe('$count segments', () => {
  it('derives the count route of one path or of both user forms', () => {
    expect(countPath('users')).toBe('users/$count');
    expect(countPath(['me/authentication/x', 'users/:user/authentication/x/'])).toEqual(['me/authentication/x/$count', 'users/:user/authentication/x/$count']);
  });

  it('answers text/plain with the number', () => {
    const r = countResult(42);
    expect([r.status, r.body, r.headers['Content-Type']]).toEqual([200, '42', 'text/plain; charset=utf-8']);
  });

  it('accepts $filter only, where the collection has it', () => {
    expect(parseCountQuery({ $filter: "id eq 'a'" }, SPEC)).toMatchObject({ count: true, filter: { kind: 'compare' } });
    for (const option of ['$top', '$select', '$orderby', '$count']) {
      expect(() => parseCountQuery({ [option]: '1' }, SPEC)).toThrow();
    }
    expect(() => parseCountQuery({ $filter: "id eq 'a'" }, { ...SPEC, options: { select: true } })).toThrow();
  });

  it('needs ConsistencyLevel: eventual for directory objects', () => {
    expect(() => requireEventualForRawCount(undefined)).toThrow(/Raw count \(\/\$count\) is not supported/);
    expect(() => requireEventualForRawCount('session')).toThrow();
    expect(() => requireEventualForRawCount(' Eventual ')).not.toThrow();
  });
});
