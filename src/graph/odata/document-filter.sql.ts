import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import type { DocFilterNode, DocLiteral, DocumentFilterSpec, SqlFragment } from './document-filter.js';
import { isDateTime, isGuid } from './literals.js';
import { escapeLike } from './sql.builder.js';

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
    GraphErrors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${spec.resource}'.`);
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
          return `(${col} IS NOT NULL AND ${operand(col)} LIKE ${operand(bind(`${escapeLike(node.value)}%`))} ESCAPE '\\')`;
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

/** Whether a literal can be compared with a column of this type (null is handled before). */
function literalFits(type: 'string' | 'uuid' | 'timestamptz' | 'boolean', v: DocLiteral): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'uuid':
      return typeof v === 'string' && isGuid(v);
    case 'timestamptz':
      return typeof v === 'string' && isDateTime(v);
  }
}

function incompatible(path: string[], type: string): GraphException {
  return GraphErrors.unsupportedQuery(`The value compared with '${path.join('/')}' is not a valid ${type === 'timestamptz' ? 'date-time' : type} literal.`);
}
