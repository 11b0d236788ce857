import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { hasNul, isDateTime, normalizeDateTime } from './literals.js';
import type { ComparisonOp, FilterNode, Literal, StringFunction } from './odata.types.js';

/** Limits against hostile input: each bounds the work done per request. */
export const FILTER_LIMITS = { maxLength: 2048, maxDepth: 32, maxNodes: 128 } as const;

const COMPARISON_OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'endswith', 'contains']);
/** Words that cannot start a comparison (`not` is handled as a prefix). */
const RESERVED: ReadonlySet<string> = new Set(['and', 'or', 'in', ...COMPARISON_OPS]);
/** `x gt 5` is `5 lt x`. */
const MIRRORED: Record<ComparisonOp, ComparisonOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

type Token = { kind: '(' | ')' | ',' | 'end'; pos: number } | { kind: 'word'; text: string; pos: number } | { kind: 'literal'; literal: Literal; pos: number };

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/iy;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/iy;
const INT = /-?\d+/y;
/** A bare literal must end here; `1.5`, `12ab` or `2024-01-01` are not literals we support. */
const LITERAL_CONTINUES = /[A-Za-z0-9_.:+-]/;

/** Parses a `$filter` value into an AST. Checks syntax only; see filter.validator.ts for the resource's rules. */
export function parseFilter(input: string): FilterNode {
  if (input.length > FILTER_LIMITS.maxLength) {
    throw invalidFilter(`The filter is longer than ${FILTER_LIMITS.maxLength} characters.`);
  }
  if (input.trim() === '') throw invalidFilter('The filter is empty.');
  return new Parser(input, tokenize(input)).parse();
}

export function invalidFilter(detail: string): GraphException {
  return GraphErrors.unsupportedQuery(`Invalid filter clause: ${detail}`);
}

function syntaxError(input: string, pos: number, detail: string): GraphException {
  const shown = input.length > 200 ? `${input.slice(0, 200)}…` : input;
  return invalidFilter(`Syntax error at position ${pos} in '${shown}': ${detail}.`);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(input)?.[0];
  };
  const bareLiteral = (text: string, literal: Literal) => {
    if (LITERAL_CONTINUES.test(input.charAt(i + text.length))) throw syntaxError(input, i, 'unsupported literal');
    tokens.push({ kind: 'literal', literal, pos: i });
    i += text.length;
  };
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, pos: i++ });
    } else if (c === "'") {
      const start = i;
      let value = '';
      for (i++; ; i++) {
        if (i >= input.length) throw syntaxError(input, start, 'unterminated string literal');
        if (input[i] !== "'") value += input[i];
        else if (input[i + 1] === "'") value += input[i++];
        else break;
      }
      i++;
      if (hasNul(value)) throw syntaxError(input, start, 'string literals must not contain NUL');
      tokens.push({ kind: 'literal', literal: { type: 'string', value }, pos: start });
    } else {
      let text: string | undefined;
      if ((text = match(DATETIME))) {
        if (!isDateTime(text)) throw syntaxError(input, i, `'${text}' is not a valid date-time`);
        bareLiteral(text, { type: 'datetime', value: normalizeDateTime(text) });
      } else if ((text = match(GUID))) {
        bareLiteral(text, { type: 'guid', value: text.toLowerCase() });
      } else if ((text = match(INT))) {
        // Digits beyond what a safe integer holds still parse; the validator rejects the range.
        bareLiteral(text, { type: 'int', value: text.length > 16 ? Number.NaN : Number(text) });
      } else if ((text = match(WORD))) {
        const lower = text.toLowerCase();
        if (lower === 'true' || lower === 'false') bareLiteral(text, { type: 'boolean', value: lower === 'true' });
        else if (lower === 'null') bareLiteral(text, { type: 'null', value: null });
        else {
          tokens.push({ kind: 'word', text, pos: i });
          i += text.length;
        }
      } else {
        throw syntaxError(input, i, `unexpected character '${c}'`);
      }
    }
  }
  tokens.push({ kind: 'end', pos: input.length });
  return tokens;
}

/**
 * Recursive descent, lowest precedence first:
 *   or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | primary
 *   primary := '(' or ')' | fn '(' prop ',' literal ')' | prop 'in' '(' literal (',' literal)* ')'
 *            | prop cmp literal | literal cmp prop
 */
class Parser {
  private at = 0;
  private depth = 0;
  private nodes = 0;

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    const node = this.or();
    const t = this.peek();
    if (t.kind !== 'end') throw this.error(t, t.kind === ')' ? "unbalanced ')'" : "expected 'and', 'or' or the end");
    return node;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isKeyword('or')) {
      this.at++;
      left = this.count({ kind: 'or', left, right: this.and() });
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isKeyword('and')) {
      this.at++;
      left = this.count({ kind: 'and', left, right: this.unary() });
    }
    return left;
  }

  private unary(): FilterNode {
    if (++this.depth > FILTER_LIMITS.maxDepth) {
      throw this.error(this.peek(), `nesting deeper than ${FILTER_LIMITS.maxDepth} levels`);
    }
    let node: FilterNode;
    if (this.isKeyword('not')) {
      this.at++;
      node = this.count({ kind: 'not', operand: this.unary() });
    } else {
      node = this.primary();
    }
    this.depth--;
    return node;
  }

  private primary(): FilterNode {
    const t = this.next();
    if (t.kind === '(') {
      const inner = this.or();
      this.expect(')', "expected ')'");
      return inner;
    }
    if (t.kind === 'word' && FUNCTIONS.has(t.text.toLowerCase()) && this.peek().kind === '(') {
      this.at++;
      const property = this.property();
      this.expect(',', "expected ','");
      const value = this.literal();
      this.expect(')', "expected ')'");
      return this.count({ kind: 'function', name: t.text.toLowerCase() as StringFunction, property, value });
    }
    if (t.kind === 'word' && RESERVED.has(t.text.toLowerCase())) throw this.error(t, `unexpected '${t.text}'`);
    if (t.kind === 'word') {
      const op = this.next();
      const name = op.kind === 'word' ? op.text.toLowerCase() : '';
      if (name === 'in') return this.inList(t.text);
      if (!COMPARISON_OPS.has(name)) throw this.error(op, `expected a comparison operator after '${t.text}'`);
      return this.count({ kind: 'compare', op: name as ComparisonOp, property: t.text, value: this.literal() });
    }
    if (t.kind === 'literal') {
      const op = this.next();
      const name = op.kind === 'word' ? op.text.toLowerCase() : '';
      if (!COMPARISON_OPS.has(name)) throw this.error(op, 'expected a comparison operator after the literal');
      const property = this.property();
      return this.count({ kind: 'compare', op: MIRRORED[name as ComparisonOp], property, value: t.literal });
    }
    throw this.error(t, 'expected a comparison, a function call or (');
  }

  private inList(property: string): FilterNode {
    this.expect('(', "expected '(' after 'in'");
    const values = [this.literal()];
    while (this.peek().kind === ',') {
      this.at++;
      values.push(this.literal());
    }
    this.expect(')', "expected ')' or ','");
    this.nodes += values.length;
    return this.count({ kind: 'in', property, values });
  }

  private property(): string {
    const t = this.next();
    if (t.kind !== 'word') throw this.error(t, 'expected a property name');
    return t.text;
  }

  private literal(): Literal {
    const t = this.next();
    if (t.kind !== 'literal') throw this.error(t, 'expected a literal value');
    return t.literal;
  }

  private count<N extends FilterNode>(node: N): N {
    if (++this.nodes > FILTER_LIMITS.maxNodes) {
      throw invalidFilter(`The filter has more than ${FILTER_LIMITS.maxNodes} terms.`);
    }
    return node;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }

  private expect(kind: '(' | ')' | ',', detail: string): void {
    const t = this.next();
    if (t.kind !== kind) throw this.error(t, detail);
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    const t = this.tokens[this.at];
    if (t.kind !== 'end') this.at++;
    return t;
  }

  private error(t: Token, detail: string): GraphException {
    return syntaxError(this.input, t.pos, t.kind === 'end' ? `${detail}, but the filter ended` : detail);
  }
}
