import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { FILTER_LIMITS } from './filter.parser.js';
import type { ODataQuery, ODataResourceSpec } from './odata.types.js';
import { parseODataQuery } from './query-options.parser.js';

/**
 * `$filter` over resources stored as documents (Conditional Access policies, named locations, strengths,
 * templates): property paths (`conditions/users/includeUsers`), type casts
 * (`microsoft.graph.countryNamedLocation/countriesAndRegions`), lambdas (`any(u:u eq 'All')`, `any()`),
 * `has` on flags enums and `isof('microsoft.graph.x')`. The same AST runs as SQL on jsonb columns (lists in
 * Postgres) or in memory (static sets). Grammar, beyond filter.parser.ts:
 *
 *   primary := '(' or ')' | 'isof' '(' string ')' | 'startswith' '(' path ',' literal ')'
 *            | path '/' 'any' '(' [var ':' lambda] ')' | path ('eq'|'ne'|'gt'|'ge'|'lt'|'le'|'has') literal
 *            | path 'in' '(' literal (',' literal)* ')'
 *   lambda  := or/and/not over  var ('eq'|'ne'|'has') literal | var 'in' '(' literal, … ')'
 */

export type DocLiteral = string | number | boolean | null;
type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has';
export type DocFilterNode =
  | { kind: 'and' | 'or'; left: DocFilterNode; right: DocFilterNode }
  | { kind: 'not'; operand: DocFilterNode }
  | { kind: 'compare'; path: string[]; op: CompareOp; value: DocLiteral }
  | { kind: 'in'; path: string[]; values: DocLiteral[] }
  | { kind: 'startswith'; path: string[]; value: string }
  | { kind: 'isof'; type: string }
  | { kind: 'any'; path: string[]; predicate?: DocFilterNode };

/** What a path resolves to in storage; `undefined` from `resolve` means "no such filterable property". */
export type ResolvedPath =
  /** `type` decides which literals compare (anything else is a 400, never a database error); default string. */
  | { kind: 'column'; column: string; caseInsensitive?: boolean; type?: 'string' | 'uuid' | 'timestamptz' | 'boolean' }
  | { kind: 'document'; column: string; path: string[]; collection: boolean; guard?: string };

export interface DocumentFilterSpec {
  resource: string;
  resolve(path: string[]): ResolvedPath | undefined;
  /** `isof('microsoft.graph.x')` → SQL condition, or undefined when x is not a type of the set. */
  isof?(type: string): string | undefined;
}

export interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

/** `parseODataQuery` for the options it knows, plus the document `$filter` parsed here. */
export function parseDocumentQuery(raw: Record<string, unknown>, spec: ODataResourceSpec): { query: ODataQuery; filter?: DocFilterNode } {
  const rest: Record<string, unknown> = {};
  let filter: string | undefined;
  for (const [name, value] of Object.entries(raw)) {
    const lower = name.toLowerCase();
    if (lower === '$filter' || lower === 'filter') {
      if (filter !== undefined || Array.isArray(value)) {
        throw GraphErrors.unsupportedQuery("Query option '$filter' was specified more than once, but it must be specified at most once.");
      }
      if (!spec.options.filter) throw GraphErrors.unsupportedQuery(`Query option '$filter' is not supported for resource '${spec.resource}'.`);
      filter = String(value);
    } else rest[name] = value;
  }
  const parsed = filter === undefined ? undefined : parseDocumentFilter(filter);
  // The filter goes in too: a `$skiptoken` is only good for the filter it was issued under.
  const query = parseODataQuery(rest, { ...spec, options: { ...spec.options, filter: false } }, parsed);
  return { query, filter: parsed };
}

// ---------------------------------------------------------------- parsing

type Token = { t: '(' | ')' | ',' | '/' | ':' | 'end'; pos: number } | { t: 'word'; text: string; pos: number } | { t: 'lit'; value: DocLiteral; pos: number };

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?![A-Za-z0-9_])/y;
const BARE = /(?:\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2}))|(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/iy;
const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has']);

export function parseDocumentFilter(input: string): DocFilterNode {
  if (input.length > FILTER_LIMITS.maxLength) throw invalid(`The filter is longer than ${FILTER_LIMITS.maxLength} characters.`);
  if (input.trim() === '') throw invalid('The filter is empty.');
  return new Parser(input, tokenize(input)).parse();
}

function invalid(detail: string): GraphException {
  return GraphErrors.unsupportedQuery(`Invalid filter clause: ${detail}`);
}

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(input)?.[0];
  };
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) i++;
    else if ('(),/:'.includes(c)) out.push({ t: c as '(', pos: i++ });
    else if (c === "'") {
      const start = i;
      let v = '';
      for (i++; ; i++) {
        if (i >= input.length) throw invalid(`Syntax error at position ${start}: unterminated string literal.`);
        if (input[i] !== "'") v += input[i];
        else if (input[i + 1] === "'") v += input[i++];
        else break;
      }
      i++;
      if (v.includes('\u0000')) throw invalid('String literals must not contain NUL.');
      out.push({ t: 'lit', value: v, pos: start });
    } else {
      let text: string | undefined;
      if ((text = at(BARE))) out.push({ t: 'lit', value: text, pos: i });
      else if ((text = at(NUMBER))) out.push({ t: 'lit', value: Number(text), pos: i });
      else if ((text = at(WORD))) {
        const lower = text.toLowerCase();
        if (lower === 'true' || lower === 'false') out.push({ t: 'lit', value: lower === 'true', pos: i });
        else if (lower === 'null') out.push({ t: 'lit', value: null, pos: i });
        else out.push({ t: 'word', text, pos: i });
      } else throw invalid(`Syntax error at position ${i}: unexpected character '${c}'.`);
      i += text.length;
    }
  }
  out.push({ t: 'end', pos: input.length });
  return out;
}

class Parser {
  private at = 0;
  private nodes = 0;
  private depth = 0;
  /** The lambda variable in scope (one level: Graph's CA filters never nest lambdas). */
  private variable?: string;

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  parse(): DocFilterNode {
    const n = this.or();
    if (this.peek().t !== 'end') throw this.error("expected 'and', 'or' or the end");
    return n;
  }

  private or(): DocFilterNode {
    let left = this.and();
    while (this.keyword('or')) left = this.count({ kind: 'or', left, right: this.and() });
    return left;
  }

  private and(): DocFilterNode {
    let left = this.unary();
    while (this.keyword('and')) left = this.count({ kind: 'and', left, right: this.unary() });
    return left;
  }

  private unary(): DocFilterNode {
    if (++this.depth > FILTER_LIMITS.maxDepth) throw invalid(`The filter is nested deeper than ${FILTER_LIMITS.maxDepth} levels.`);
    const n: DocFilterNode = this.keyword('not') ? this.count({ kind: 'not', operand: this.unary() }) : this.primary();
    this.depth--;
    return n;
  }

  private primary(): DocFilterNode {
    const t = this.next();
    if (t.t === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.t !== 'word') throw this.error('expected a property, a function or (', t);
    const lower = t.text.toLowerCase();
    if (lower === 'isof' && this.peek().t === '(') {
      this.next();
      const type = this.literal();
      this.expect(')');
      if (typeof type !== 'string') throw this.error('isof takes a type name in quotes');
      return this.count({ kind: 'isof', type: type.replace(/^#/, '') });
    }
    if (lower === 'startswith' && this.peek().t === '(') {
      this.next();
      const path = this.path(this.word());
      this.expect(',');
      const value = this.literal();
      this.expect(')');
      if (typeof value !== 'string') throw this.error('startswith takes a string');
      return this.count({ kind: 'startswith', path, value });
    }
    const path = this.path(t.text);
    if (path[path.length - 1] === 'any' && this.peek().t === '(') return this.lambda(path.slice(0, -1));
    if (this.variable !== undefined && path[0] !== this.variable) {
      throw this.error(`only the lambda variable '${this.variable}' can be used inside any()`, t);
    }
    const op = this.next();
    const name = op.t === 'word' ? op.text.toLowerCase() : '';
    if (name === 'in') {
      this.expect('(');
      const values = [this.literal()];
      while (this.peek().t === ',') {
        this.next();
        values.push(this.literal());
      }
      this.expect(')');
      this.nodes += values.length;
      return this.count({ kind: 'in', path, values });
    }
    if (!OPS.has(name)) throw this.error(`expected an operator after '${path.join('/')}'`, op);
    return this.count({ kind: 'compare', path, op: name as CompareOp, value: this.literal() });
  }

  private lambda(path: string[]): DocFilterNode {
    if (this.variable !== undefined) throw this.error('nested lambdas are not supported');
    this.expect('(');
    if (this.peek().t === ')') {
      this.next();
      return this.count({ kind: 'any', path });
    }
    this.variable = this.word();
    this.expect(':');
    const predicate = this.or();
    this.variable = undefined;
    this.expect(')');
    return this.count({ kind: 'any', path, predicate });
  }

  private path(first: string): string[] {
    const path = [first];
    while (this.peek().t === '/') {
      this.next();
      path.push(this.word());
    }
    return path;
  }

  private word(): string {
    const t = this.next();
    if (t.t !== 'word') throw this.error('expected a name', t);
    return t.text;
  }

  private literal(): DocLiteral {
    const t = this.next();
    if (t.t !== 'lit') throw this.error('expected a literal value', t);
    return t.value;
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t.t === 'word' && t.text.toLowerCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(kind: '(' | ')' | ',' | ':'): void {
    const t = this.next();
    if (t.t !== kind) throw this.error(`expected '${kind}'`, t);
  }

  private count<N extends DocFilterNode>(n: N): N {
    if (++this.nodes > FILTER_LIMITS.maxNodes) throw invalid(`The filter has more than ${FILTER_LIMITS.maxNodes} terms.`);
    return n;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    const t = this.tokens[this.at];
    if (t.t !== 'end') this.at++;
    return t;
  }

  private error(detail: string, t: Token = this.peek()): GraphException {
    const shown = this.input.length > 200 ? `${this.input.slice(0, 200)}…` : this.input;
    return invalid(`Syntax error at position ${t.pos} in '${shown}': ${detail}.`);
  }
}

export { documentFilterSql } from './document-filter.sql.js';
export { evaluateDocumentFilter } from './document-filter.eval.js';
