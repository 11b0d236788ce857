import { GraphErrors } from '../errors/graph.exception.js';
import type { DocFilterNode, DocLiteral } from './document-filter.js';

type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has';

/**
 * Evaluates the filter on a JSON object as Graph returns it (static sets: templates, built-in strengths).
 * `filterable(path)` says which paths the resource allows; unknown ones are 400 like in SQL.
 */
export function evaluateDocumentFilter(node: DocFilterNode, item: Record<string, unknown>, resource: string, filterable: (path: string[]) => boolean): boolean {
  const unsupported = (path: string[]) =>
    GraphErrors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${resource}'.`);
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
        const value = variable
          ? scope
          : (() => {
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
