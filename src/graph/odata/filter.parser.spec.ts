import { GraphException } from '../errors/graph.exception.js';
import { FILTER_LIMITS, parseFilter } from './filter.parser.js';
import type { FilterNode } from './odata.types.js';

/** Runs `fn`, expecting a 400 Request_UnsupportedQuery; returns its message. */
function rejects(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphException);
    const g = e as GraphException;
    expect(g.getStatus()).toBe(400);
    expect(g.code).toBe('Request_UnsupportedQuery');
    return g.message;
  }
  throw new Error('expected a GraphException');
}

const cmp = (property: string, op: string, value: unknown, type = 'string') => ({
  kind: 'compare',
  op,
  property,
  value: { type, value },
});

describe('parseFilter: comparisons and literals', () => {
  it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])('parses %s', (op) => {
    expect(parseFilter(`name ${op} 'x'`)).toEqual(cmp('name', op, 'x'));
  });

  it('treats keywords case-insensitively and keeps property case', () => {
    expect(parseFilter(`DisplayName EQ 'x'`)).toEqual(cmp('DisplayName', 'eq', 'x'));
  });

  it('parses every literal type', () => {
    expect(parseFilter(`a eq 'it''s'`)).toEqual(cmp('a', 'eq', "it's"));
    expect(parseFilter(`a eq ''`)).toEqual(cmp('a', 'eq', ''));
    expect(parseFilter('a eq 42')).toEqual(cmp('a', 'eq', 42, 'int'));
    expect(parseFilter('a eq -7')).toEqual(cmp('a', 'eq', -7, 'int'));
    expect(parseFilter('a eq true')).toEqual(cmp('a', 'eq', true, 'boolean'));
    expect(parseFilter('a eq FALSE')).toEqual(cmp('a', 'eq', false, 'boolean'));
    expect(parseFilter('a eq null')).toEqual(cmp('a', 'eq', null, 'null'));
    expect(parseFilter('a eq 8F3C1D2E-0000-4ABC-9def-0123456789AB')).toEqual(cmp('a', 'eq', '8f3c1d2e-0000-4abc-9def-0123456789ab', 'guid'));
    expect(parseFilter('a eq 2024-01-01T00:00:00Z')).toEqual(cmp('a', 'eq', '2024-01-01T00:00:00Z', 'datetime'));
    expect(parseFilter('a ge 2024-02-29t10:20:30.1234567+05:30')).toEqual(cmp('a', 'ge', '2024-02-29T10:20:30.1234567+05:30', 'datetime'));
    expect(parseFilter('a lt 2024-01-01T10:20-08:00')).toEqual(cmp('a', 'lt', '2024-01-01T10:20-08:00', 'datetime'));
  });

  it('keeps the text of a string literal verbatim, including keywords and SQL', () => {
    const evil = "x' or 1=1 --";
    expect(parseFilter(`id eq 'x'' or 1=1 --'`)).toEqual(cmp('id', 'eq', evil));
    expect(parseFilter(`id eq ' and ( or ) not , '`)).toEqual(cmp('id', 'eq', ' and ( or ) not , '));
  });

  it('mirrors a literal on the left', () => {
    expect(parseFilter(`'c1' eq id`)).toEqual(cmp('id', 'eq', 'c1'));
    expect(parseFilter('5 gt n')).toEqual(cmp('n', 'lt', 5, 'int'));
    expect(parseFilter('5 le n')).toEqual(cmp('n', 'ge', 5, 'int'));
  });

  it('accepts surrounding whitespace, tabs and no spaces around parentheses', () => {
    expect(parseFilter("  \t(a eq 'x')\n")).toEqual(cmp('a', 'eq', 'x'));
  });
});

describe('parseFilter: in and functions', () => {
  it('parses in lists', () => {
    expect(parseFilter(`id in ('a','b', 'c')`)).toEqual({
      kind: 'in',
      property: 'id',
      values: ['a', 'b', 'c'].map((value) => ({ type: 'string', value })),
    });
    expect(parseFilter(`id IN ('a')`)).toEqual({ kind: 'in', property: 'id', values: [{ type: 'string', value: 'a' }] });
    expect(parseFilter('n in (1, null)')).toEqual({
      kind: 'in',
      property: 'n',
      values: [
        { type: 'int', value: 1 },
        { type: 'null', value: null },
      ],
    });
  });

  it.each(['startswith', 'endswith', 'contains'])('parses %s', (name) => {
    expect(parseFilter(`${name}(displayName,'Con')`)).toEqual({
      kind: 'function',
      name,
      property: 'displayName',
      value: { type: 'string', value: 'Con' },
    });
  });

  it('accepts Graph camel-cased function names', () => {
    expect(parseFilter(`startsWith(displayName, 'a')`)).toMatchObject({ kind: 'function', name: 'startswith' });
  });

  it('treats a function name not followed by ( as a property', () => {
    expect(parseFilter(`contains eq 'x'`)).toEqual(cmp('contains', 'eq', 'x'));
  });
});

describe('parseFilter: boolean structure', () => {
  const a = cmp('a', 'eq', 1, 'int');
  const b = cmp('b', 'eq', 2, 'int');
  const c = cmp('c', 'eq', 3, 'int');

  it('binds and tighter than or', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
  });

  it('is left-associative', () => {
    expect(parseFilter('a eq 1 or b eq 2 or c eq 3')).toEqual({ kind: 'or', left: { kind: 'or', left: a, right: b }, right: c });
  });

  it('honours parentheses', () => {
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: a, right: b },
      right: c,
    });
    expect(parseFilter('((a eq 1))')).toEqual(a);
  });

  it('applies not to the following comparison, function or group', () => {
    expect(parseFilter('not a eq 1 and b eq 2')).toEqual({ kind: 'and', left: { kind: 'not', operand: a }, right: b });
    expect(parseFilter('NOT (a eq 1 or b eq 2)')).toEqual({ kind: 'not', operand: { kind: 'or', left: a, right: b } });
    expect(parseFilter(`not(startswith(x,'y'))`)).toMatchObject({ kind: 'not', operand: { kind: 'function' } });
    expect(parseFilter('not not a eq 1')).toEqual({ kind: 'not', operand: { kind: 'not', operand: a } });
  });
});

describe('parseFilter: syntax errors', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['id', /position 2 in 'id': expected a comparison operator after 'id', but the filter ended/],
    ['id eq', /position 5 .*expected a literal value, but the filter ended/],
    ["id eq 'x' and", /position 13.*but the filter ended/],
    ["id eq 'x' or or id eq 'y'", /position 13 .*unexpected 'or'/],
    ["and eq 'x'", /position 0 .*unexpected 'and'/],
    ["id eq 'x", /position 6 .*unterminated string literal/],
    ["(id eq 'x'", /expected '\)'/],
    ["id eq 'x')", /unbalanced '\)'/],
    ["((id eq 'x')", /expected '\)'/],
    ["id eq 'x' id eq 'y'", /expected 'and', 'or' or the end/],
    ["id foo 'x'", /expected a comparison operator after 'id'/],
    ['id eq c1', /expected a literal value/],
    ['a eq b', /expected a literal value/],
    ["'a' eq 'b'", /expected a property name/],
    ["'a' in id", /expected a comparison operator after the literal/],
    ['id in ()', /expected a literal value/],
    ["id in ('a',)", /expected a literal value/],
    ["id in 'a'", /expected '\(' after 'in'/],
    ["id in ('a' 'b')", /expected '\)' or ','/],
    ["startswith(id 'x')", /expected ','/],
    ["startswith('x', id)", /expected a property name/],
    ['startswith(id, x)', /expected a literal value/],
    ["startswith(id,'x'", /expected '\)'/],
    ['a eq 1.5', /unsupported literal/],
    ['a eq 1e3', /unsupported literal/],
    ['a eq 12ab', /unsupported literal/],
    ['a eq 2024-01-01', /unsupported literal/],
    ['a eq 2024-13-01T00:00:00Z', /not a valid date-time/],
    ['a eq 2023-02-29T00:00:00Z', /not a valid date-time/],
    ['a eq 2024-01-01T24:00:00Z', /not a valid date-time/],
    ['a eq 2024-01-01T00:00:00.12345678Z', /not a valid date-time/],
    ['a eq 0000-01-01T00:00:00Z', /not a valid date-time/],
    ['a eq 2024-01-01T00:00:00+15:00', /not a valid date-time/],
    ['a eq 2024-01-01T00:00:00', /unsupported literal/],
    ['a eq 8f3c1d2e-0000-4abc-9def-0123456789abc', /unsupported literal/],
    ['a eq truex', /expected a literal value/],
    ['a eq "x"', /unexpected character '"'/],
    ['a/b eq 1', /unexpected character '\/'/],
    ["a eq 'x'; drop table t", /unexpected character ';'/],
    ['a eq - 1', /unexpected character '-'/],
    [')', /expected a comparison, a function call or \(/],
    ['any(x)', /expected a comparison operator after 'any'/],
  ])('rejects %j', (input, message) => {
    const msg = rejects(() => parseFilter(input));
    expect(msg).toMatch(/^Invalid filter clause: /);
    expect(msg).toMatch(message);
  });

  it('rejects NUL inside a string literal', () => {
    expect(rejects(() => parseFilter("a eq 'x\u0000y'"))).toMatch(/NUL/);
  });

  it('truncates a long filter in its message', () => {
    const msg = rejects(() => parseFilter(`${"a eq 'x' and ".repeat(40)}`));
    expect(msg.length).toBeLessThan(400);
    expect(msg).toContain('…');
  });
});

describe('parseFilter: hostile input', () => {
  it('rejects input longer than the limit before parsing it', () => {
    const msg = rejects(() => parseFilter(`a eq '${'x'.repeat(FILTER_LIMITS.maxLength)}'`));
    expect(msg).toBe(`Invalid filter clause: The filter is longer than ${FILTER_LIMITS.maxLength} characters.`);
  });

  it('accepts a filter exactly at the length limit', () => {
    const filter = `a eq '${'x'.repeat(FILTER_LIMITS.maxLength - 7)}'`;
    expect(filter).toHaveLength(FILTER_LIMITS.maxLength);
    expect(parseFilter(filter)).toMatchObject({ kind: 'compare' });
  });

  it('accepts nesting up to the depth limit and rejects deeper', () => {
    const nested = (d: number) => `${'('.repeat(d)}a eq 1${')'.repeat(d)}`;
    expect(parseFilter(nested(FILTER_LIMITS.maxDepth - 1))).toEqual(cmp('a', 'eq', 1, 'int'));
    expect(rejects(() => parseFilter(nested(FILTER_LIMITS.maxDepth)))).toMatch(/nesting deeper than 32 levels/);
    expect(rejects(() => parseFilter(`${'not '.repeat(40)}a eq 1`))).toMatch(/nesting deeper/);
    expect(rejects(() => parseFilter('('.repeat(1000)))).toMatch(/nesting deeper/);
  });

  it('rejects unbalanced parentheses', () => {
    expect(rejects(() => parseFilter('(((a eq 1))'))).toMatch(/expected '\)'/);
    expect(rejects(() => parseFilter('(a eq 1)))'))).toMatch(/unbalanced/);
  });

  it('bounds the number of terms', () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `a eq ${i}`).join(' or ');
    expect(() => parseFilter(terms(60))).not.toThrow();
    expect(rejects(() => parseFilter(terms(FILTER_LIMITS.maxNodes + 1)))).toMatch(/more than 128 terms/);
    const list = Array.from({ length: 200 }, (_, i) => i).join(',');
    expect(rejects(() => parseFilter(`a in (${list})`))).toMatch(/more than 128 terms/);
  });

  it('keeps an injection attempt inside one string literal', () => {
    const node = parseFilter(`id eq 'x'' or 1=1 --'`) as Extract<FilterNode, { kind: 'compare' }>;
    expect(node.kind).toBe('compare');
    expect(node.value).toEqual({ type: 'string', value: "x' or 1=1 --" });
  });
});
