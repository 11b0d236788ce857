import { GraphException } from '../errors/graph.exception.js';
import { parseJsonBody } from './json-body.js';
import { JSON_LIMITS, scanJson } from './json-scan.js';

const nest = (open: string, close: string, depth: number) => open.repeat(depth) + '1' + close.repeat(depth);
const objects = (depth: number) => nest('{"a":', '}', depth);

describe('scanJson', () => {
  it.each([
    ['{}'],
    ['{"a":[1,2,{"b":null}],"c":"x"}'],
    [objects(JSON_LIMITS.maxDepth)],
    [`{"a":${nest('[', ']', JSON_LIMITS.maxDepth - 1)}}`],
    ['{"s":"\\ud83d\\ude00 \\u00e9 \\\\ud800 is an escaped backslash, then text"}'],
    ['{"a":1,"b":{"a":2},"c":[{"a":1},{"a":1}]}'],
    ['{"k\\u0061":1,"kb":2}'],
    ['{"a":'], // syntax errors are JSON.parse's to report
  ])('accepts %s', (text) => {
    expect(scanJson(text)).toBeUndefined();
  });

  it('refuses nesting one level past the limit, objects or arrays, at any size', () => {
    expect(scanJson(objects(JSON_LIMITS.maxDepth + 1))).toEqual({ kind: 'depth', limit: JSON_LIMITS.maxDepth });
    expect(scanJson(nest('[', ']', 50_000))).toEqual({ kind: 'depth', limit: JSON_LIMITS.maxDepth });
    expect(scanJson(objects(20_000))).toEqual({ kind: 'depth', limit: JSON_LIMITS.maxDepth });
    // Brackets inside strings are text, not structure.
    expect(scanJson(JSON.stringify({ s: '['.repeat(1000) }))).toBeUndefined();
  });

  const keys = (n: number, from = 0) => `{${Array.from({ length: n }, (_, i) => `"k${i + from}":0`).join(',')}}`;

  it('refuses more values than the limit, and stops counting there', () => {
    // `{"a":[` is 2 values, each further item 1.
    const items = (n: number) => `{"a":[${'0,'.repeat(n - 1)}0]}`;
    expect(scanJson(items(JSON_LIMITS.maxValues - 1))).toBeUndefined();
    expect(scanJson(items(JSON_LIMITS.maxValues))).toEqual({ kind: 'values', limit: JSON_LIMITS.maxValues });
    expect(scanJson(`[${'0,'.repeat(95_000)}0]`)).toEqual({ kind: 'values', limit: JSON_LIMITS.maxValues });
  });

  it('refuses more properties in one object than the limit, wherever the object is', () => {
    expect(scanJson(keys(JSON_LIMITS.maxMembers))).toBeUndefined();
    expect(scanJson(keys(JSON_LIMITS.maxMembers + 1))).toEqual({ kind: 'members', limit: JSON_LIMITS.maxMembers });
    expect(scanJson(`{"a":${keys(JSON_LIMITS.maxMembers + 1)}}`)).toEqual({ kind: 'members', limit: JSON_LIMITS.maxMembers });
    // Many objects of many properties each stay within bounds until the total does not.
    expect(scanJson(`[${Array.from({ length: 9 }, (_, i) => keys(JSON_LIMITS.maxMembers, i * 10_000)).join(',')}]`)).toBeUndefined();
  });

  it.each([['"\\ud800"'], ['"a\\uDBFFb"'], ['"\\udc00"'], ['"\\udc00\\ud800"'], ['"\\ud800\\u0041"'], ['"\\ud800\\n"']])(
    'refuses the lone surrogate in %s',
    (s) => {
      expect(scanJson(`{"a":${s}}`)).toEqual({ kind: 'surrogate' });
      expect(scanJson(`{${s}:1}`)).toEqual({ kind: 'surrogate' });
    },
  );

  it('refuses a key repeated in one object, also when spelled with escapes', () => {
    expect(scanJson('{"a":1,"a":2}')).toEqual({ kind: 'duplicate', key: 'a' });
    expect(scanJson('{"id":"c1","x":{"id":1},"\\u0069d":"c2"}')).toEqual({ kind: 'duplicate', key: 'id' });
    expect(scanJson('{"p":{"q":1,"q":2}}')).toEqual({ kind: 'duplicate', key: 'q' });
    expect(scanJson('{"a\\"b":"\\\\","x":"\\"","a\\"b":2}')).toEqual({ kind: 'duplicate', key: 'a"b' });
    // Equal strings that are values, not keys, are fine.
    expect(scanJson('{"a":"a","b":["a","a"]}')).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  const parse = (body: string | Buffer, contentType = 'application/json') =>
    parseJsonBody({ headers: { 'content-type': contentType } }, typeof body === 'string' ? Buffer.from(body) : body);
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof GraphException ? [e.getStatus(), e.code, e.message] : e;
    }
    return 'accepted';
  };

  it('keeps __proto__ and constructor as plain data: no prototype is set', () => {
    const value = parse('{"__proto__":{"admin":true},"constructor":{"prototype":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('an empty body is no body; a UTF-8 byte order mark is dropped', () => {
    expect(parse('')).toBeUndefined();
    expect(parse(' \r\n')).toBeUndefined();
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}')]))).toEqual({ a: 'é' });
    expect(parse('{"a":1}', 'application/json; charset="UTF-8"')).toEqual({ a: 1 });
  });

  it.each([
    ['null', /must be a JSON object/],
    ['[{}]', /must be a JSON object/],
    ['"x"', /must be a JSON object/],
    ['{"a":', /Unable to read JSON/],
    [objects(100), /nested deeper than the limit of 32/],
    ['{"a":"\\udfff"}', /unpaired surrogate/],
    ['{"a":1,"a":1}', /'a' more than once/],
  ])('refuses %s', (body, message) => {
    expect(refusal(() => parse(body))).toEqual([400, 'BadRequest', expect.stringMatching(message)]);
  });

  it.each([
    [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])],
    [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d])],
  ])('refuses invalid UTF-8 %#', (body) => {
    expect(refusal(() => parse(body))).toEqual([400, 'BadRequest', 'The request body is not valid UTF-8.']);
  });

  it.each([['iso-8859-1'], ['utf-16'], ['"latin1"'], ['US-ASCII']])('refuses charset=%s', (charset) => {
    expect(refusal(() => parse('{"a":1}', `application/json; charset=${charset}`))).toEqual([400, 'BadRequest', expect.stringMatching(/must be UTF-8/)]);
  });
});
