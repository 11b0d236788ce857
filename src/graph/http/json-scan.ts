/**
 * Bounds of a JSON request body, checked in one linear pass BEFORE `JSON.parse` and before anything
 * else looks at the body (docs/choices.md "Hostile bodies"). Graph bodies are shallow (the deepest
 * served today is 2 levels; Conditional Access policies and `$batch` stay under 10), so these bounds
 * only ever stop hostile input: recursion over a deep value overflows the stack, and code that is
 * linear per key becomes slow over hundreds of thousands of keys.
 */
export const JSON_LIMITS = {
  /** Objects and arrays nested inside each other (the body itself is level 1). */
  maxDepth: 32,
  /** Objects + arrays + members/items after the first of each: about the number of values in the body. */
  maxValues: 10_000,
  /**
   * Properties of one object (Graph's largest type, beta's user, has under 200). class-transformer's
   * key handling is quadratic per object: 10,000 keys in one free-form value cost ~50 ms, 1,000 under 1 ms.
   */
  maxMembers: 1_000,
} as const;

type Limits = { maxDepth: number; maxValues: number; maxMembers: number };

export type JsonScanProblem =
  | { kind: 'depth'; limit: number }
  | { kind: 'values'; limit: number }
  | { kind: 'members'; limit: number }
  | { kind: 'surrogate' }
  | { kind: 'duplicate'; key: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Finds the first structural problem of `text` without building anything: nesting deeper than
 * `maxDepth`, more than `maxValues` values or `maxMembers` properties in one object, an escaped lone surrogate (`"\ud800"`: not text, and
 * JSON.parse would keep it as an unpaired UTF-16 unit), or a property repeated in one object
 * (JSON.parse silently keeps the last; OData refuses duplicates). Syntax errors are left to JSON.parse.
 */
export function scanJson(text: string, limits: Limits = JSON_LIMITS): JsonScanProblem | undefined {
  /** One entry per open container: the keys seen so far of an object, `null` for an array. */
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let values = 0;
  const n = text.length;
  // Strings are crossed by jumping between quotes and backslashes natively. The next position of
  // each is kept across strings and searched again only once passed, so the text is read once.
  let quote = -1;
  let backslash = -1; // -2: none left
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; i < n;) {
        if (quote < i) quote = text.indexOf('"', i);
        if (quote < 0) {
          i = n;
          break;
        }
        if (backslash < i && backslash !== -2) backslash = text.indexOf('\\', i);
        if (backslash === -1) backslash = -2;
        if (backslash === -2 || backslash > quote) {
          i = quote;
          break;
        }
        escaped = true;
        i = backslash;
        if (text.charCodeAt(i + 1) !== U) {
          i += 2;
          continue;
        }
        const unit = hex4(text, i + 2);
        if (unit >= 0xdc00 && unit <= 0xdfff) return { kind: 'surrogate' };
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low = text.charCodeAt(i + 6) === BACKSLASH && text.charCodeAt(i + 7) === U ? hex4(text, i + 8) : -1;
          if (low < 0xdc00 || low > 0xdfff) return { kind: 'surrogate' };
          i += 12;
          continue;
        }
        i += 6;
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(start, i);
        const key = escaped ? decodeJsonString(raw) : raw;
        if (key !== undefined) {
          if (keys.has(key)) return { kind: 'duplicate', key };
          keys.add(key);
          if (keys.size > limits.maxMembers) return { kind: 'members', limit: limits.maxMembers };
        }
        expectKey = false;
      }
      continue;
    }
    switch (c) {
      case LBRACE:
      case LBRACKET:
        if (++values > limits.maxValues) return { kind: 'values', limit: limits.maxValues };
        stack.push(c === LBRACE ? new Set() : null);
        if (stack.length > limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
        expectKey = c === LBRACE;
        break;
      case RBRACE:
      case RBRACKET:
        stack.pop();
        expectKey = false;
        break;
      case COMMA:
        if (++values > limits.maxValues) return { kind: 'values', limit: limits.maxValues };
        expectKey = stack[stack.length - 1] != null;
        break;
    }
  }
  return undefined;
}

/** The value of 4 hex digits at `at`, or -1. */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const d = text.charCodeAt(k);
    const digit = d >= 0x30 && d <= 0x39 ? d - 0x30 : d >= 0x41 && d <= 0x46 ? d - 0x37 : d >= 0x61 && d <= 0x66 ? d - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** A key with escapes, decoded; `undefined` when it is not valid JSON (JSON.parse then reports it). */
function decodeJsonString(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}
