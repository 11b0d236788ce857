import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { FILTER_LIMITS } from './filter.parser.js';
import { isDateTime } from './literals.js';
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
export function parseDocumentQuery(
  raw: Record<string, unknown>,
  spec: ODataResourceSpec,
): { query: ODataQuery; filter?: DocFilterNode } {
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
  const query = parseODataQuery(rest, { ...spec, options: { ...spec.options, filter: false } });
  return { query, filter: filter === undefined ? undefined : parseDocumentFilter(filter) };
}

// ---------------------------------------------------------------- parsing

type Token =
  | { t: '(' | ')' | ',' | '/' | ':' | 'end'; pos: number }
  | { t: 'word'; text: string; pos: number }
  | { t: 'lit'; value: DocLiteral; pos: number };

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

// ---------------------------------------------------------------- SQL

const SQL_OP: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * Compiles to a parameterised condition on `alias`. Values only become named parameters; column names and
 * jsonb paths come from the spec (paths are checked against it first). A lambda over a document collection
 * becomes jsonb containment (`@>`), which a `jsonb_path_ops` GIN index serves.
 */
export function documentFilterSql(node: DocFilterNode, spec: DocumentFilterSpec, alias: string): SqlFragment {
  const params: Record<string, unknown> = {};
  let n = 0;
  const bind = (v: unknown) => {
    const name = `docf_${n++}`;
    params[name] = v;
    return `:${name}`;
  };
  const unsupported = (path: string[]) =>
    GraphErrors.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${spec.resource}'.`,
    );
  const resolve = (path: string[]) => {
    const r = spec.resolve(path);
    if (!r) throw unsupported(path);
    return r;
  };
  const jsonPath = (p: string[]) => `'{${p.map((s) => `"${s}"`).join(',')}}'`;
  const containment = (column: string, path: string[], value: DocLiteral, guard?: string) => {
    let doc: unknown = [value];
    for (const seg of [...path].reverse()) doc = { [seg]: doc };
    const test = `${alias}.${column} @> ${bind(JSON.stringify(doc))}::jsonb`;
    return guard ? `(${guard} AND ${test})` : test;
  };

  const walk = (node: DocFilterNode): string => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${walk(node.left)} ${node.kind.toUpperCase()} ${walk(node.right)})`;
      case 'not':
        return `NOT (${walk(node.operand)})`;
      case 'isof': {
        const sql = spec.isof?.(node.type.replace(/^microsoft\.graph\./, ''));
        if (!sql) throw GraphErrors.unsupportedQuery(`'${node.type}' is not a type of resource '${spec.resource}'.`);
        return sql;
      }
      case 'any': {
        const r = resolve(node.path);
        if (r.kind !== 'document' || !r.collection) throw unsupported(node.path);
        const target = `${alias}.${r.column} #> ${jsonPath(r.path)}`;
        if (!node.predicate) {
          const test = `(jsonb_typeof(${target}) = 'array' AND jsonb_array_length(${target}) > 0)`;
          return r.guard ? `(${r.guard} AND ${test})` : test;
        }
        return lambdaSql(node.predicate, (v) => containment(r.column, r.path, v, r.guard), node.path);
      }
      case 'compare':
      case 'in':
      case 'startswith': {
        const r = resolve(node.path);
        if (r.kind === 'document') {
          if (r.collection || node.kind !== 'compare' || !['eq', 'ne'].includes(node.op)) throw unsupported(node.path);
          const target = `COALESCE(${alias}.${r.column} #> ${jsonPath(r.path)}, 'null'::jsonb)`;
          const test = `${target} = ${bind(JSON.stringify(node.value))}::jsonb`;
          const guarded = r.guard ? `(${r.guard} AND ${test})` : test;
          return node.op === 'eq' ? guarded : `NOT ${guarded}`;
        }
        const col = `${alias}.${r.column}`;
        const type = r.type ?? 'string';
        const operand = (sql: string) => (r.caseInsensitive ? `lower(${sql})` : type === 'string' ? sql : `${sql}::${type}`);
        const value = (v: DocLiteral) => {
          if (!literalFits(type, v)) throw incompatible(node.path, type);
          return operand(bind(type === 'uuid' ? (v as string).toLowerCase() : v));
        };
        if (node.kind === 'startswith') {
          if (type !== 'string') throw unsupported(node.path);
          return `(${col} IS NOT NULL AND ${operand(col)} LIKE ${operand(bind(`${node.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))} ESCAPE '\\')`;
        }
        if (node.kind === 'in') {
          const vals = node.values.filter((v) => v !== null);
          const parts = vals.length ? [`(${col} IS NOT NULL AND ${operand(col)} IN (${vals.map(value).join(', ')}))`] : [];
          if (vals.length < node.values.length) parts.push(`${col} IS NULL`);
          return `(${parts.join(' OR ')})`;
        }
        if (node.op === 'has') throw unsupported(node.path);
        if (node.value === null) {
          if (node.op !== 'eq' && node.op !== 'ne') throw unsupported(node.path);
          return node.op === 'eq' ? `${col} IS NULL` : `${col} IS NOT NULL`;
        }
        const test = `${operand(col)} ${SQL_OP[node.op]} ${value(node.value)}`;
        return node.op === 'ne' ? `(${col} IS NULL OR ${test})` : `(${col} IS NOT NULL AND ${test})`;
      }
    }
  };

  /** Inside any(): only `v eq x`, `v in (...)`, combined with and/or (not, ne and has do not map to containment). */
  const lambdaSql = (node: DocFilterNode, member: (v: DocLiteral) => string, path: string[]): string => {
    switch (node.kind) {
      case 'or':
        return `(${lambdaSql(node.left, member, path)} OR ${lambdaSql(node.right, member, path)})`;
      case 'and':
        return `(${lambdaSql(node.left, member, path)} AND ${lambdaSql(node.right, member, path)})`;
      case 'compare':
        if (node.op !== 'eq' || node.path.length !== 1) throw unsupported(path);
        return member(node.value);
      case 'in':
        if (node.path.length !== 1) throw unsupported(path);
        return `(${node.values.map(member).join(' OR ')})`;
      default:
        throw unsupported(path);
    }
  };

  return { sql: walk(node), params };
}

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a literal can be compared with a column of this type (null is handled before). */
function literalFits(type: 'string' | 'uuid' | 'timestamptz' | 'boolean', v: DocLiteral): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'uuid':
      return typeof v === 'string' && GUID_TEXT.test(v);
    case 'timestamptz':
      return typeof v === 'string' && isDateTime(v);
  }
}

function incompatible(path: string[], type: string): GraphException {
  return GraphErrors.unsupportedQuery(`The value compared with '${path.join('/')}' is not a valid ${type === 'timestamptz' ? 'date-time' : type} literal.`);
}

// ---------------------------------------------------------------- in memory

/**
 * Evaluates the filter on a JSON object as Graph returns it (static sets: templates, built-in strengths).
 * `filterable(path)` says which paths the resource allows; unknown ones are 400 like in SQL.
 */
export function evaluateDocumentFilter(
  node: DocFilterNode,
  item: Record<string, unknown>,
  resource: string,
  filterable: (path: string[]) => boolean,
): boolean {
  const unsupported = (path: string[]) =>
    GraphErrors.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${resource}'.`,
    );
  const get = (obj: unknown, path: string[]): unknown => {
    let cur = obj;
    for (const seg of path) {
      if (seg.startsWith('microsoft.graph.')) {
        const type = (cur as Record<string, unknown>)?.['@odata.type'];
        if (type !== `#${seg}`) return undefined;
        continue;
      }
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
    return cur;
  };
  const cmp = (a: unknown, op: CompareOp, b: DocLiteral): boolean => {
    if (op === 'has') {
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const have = new Set(a.split(',').map((s) => s.trim()));
      return b.split(',').every((s) => have.has(s.trim()));
    }
    const x = typeof a === 'string' ? a.toLowerCase() : (a ?? null);
    const y = typeof b === 'string' ? b.toLowerCase() : b;
    switch (op) {
      case 'eq':
        return x === y;
      case 'ne':
        return x !== y;
      default:
        if (x === null || y === null) return false;
        return op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
    }
  };
  const walk = (n: DocFilterNode, scope: unknown, variable?: string): boolean => {
    switch (n.kind) {
      case 'and':
        return walk(n.left, scope, variable) && walk(n.right, scope, variable);
      case 'or':
        return walk(n.left, scope, variable) || walk(n.right, scope, variable);
      case 'not':
        return !walk(n.operand, scope, variable);
      case 'isof':
        return item['@odata.type'] === `#${n.type.startsWith('microsoft.graph.') ? n.type : `microsoft.graph.${n.type}`}`;
      case 'any': {
        if (!filterable(n.path)) throw unsupported(n.path);
        const list = get(item, n.path);
        if (!Array.isArray(list)) return false;
        if (!n.predicate) return list.length > 0;
        const predicate = n.predicate;
        return list.some((v) => walk(predicate, v, '$lambda'));
      }
      default: {
        const value = variable ? scope : (() => {
          if (!filterable(n.path)) throw unsupported(n.path);
          return get(item, n.path);
        })();
        if (n.kind === 'in') return n.values.some((v) => cmp(value, 'eq', v));
        if (n.kind === 'startswith') return typeof value === 'string' && value.toLowerCase().startsWith(n.value.toLowerCase());
        return cmp(value, n.op, n.value);
      }
    }
  };
  return walk(node, item);
}
