import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { FilterNode, KeysetValue, Literal, ODataPropertySpec, ODataQuery, ODataResourceSpec } from './odata.types.js';
import { keysetColumns } from './skiptoken.js';

const SQL_OPERATOR = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/**
 * Adds `$filter`, the skiptoken keyset, ORDER BY (requested order, then the key), `$skip` and
 * LIMIT pageSize + 1 to a query builder that already carries the caller's own WHERE (tenant).
 * Ordering treats NULL as the smallest value (OData): NULLS FIRST ascending, NULLS LAST descending.
 */
export function applyODataQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
): SelectQueryBuilder<T> {
  const sql = new SqlWriter(qb, alias, spec);
  sql.where(query.filter ? sql.filter(query.filter) : undefined);
  const columns = keysetColumns(spec, query.orderby);
  if (query.skiptoken) sql.where(sql.keyset(columns, query.skiptoken.values));
  columns.forEach((c, i) => {
    const prop = spec.properties[c.property];
    const order = c.direction === 'asc' ? 'ASC' : 'DESC';
    const nulls = prop.nullable ? (c.direction === 'asc' ? 'NULLS FIRST' : 'NULLS LAST') : undefined;
    if (i === 0) qb.orderBy(sql.column(prop), order, nulls);
    else qb.addOrderBy(sql.column(prop), order, nulls);
  });
  if (query.skip) qb.offset(query.skip);
  return qb.limit(query.pageSize + 1);
}

/** Only the `$filter`, for `$count` / `@odata.count` queries (no keyset, order or limit). */
export function applyODataFilterOnly<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
): SelectQueryBuilder<T> {
  const sql = new SqlWriter(qb, alias, spec);
  sql.where(query.filter ? sql.filter(query.filter) : undefined);
  return qb;
}

/**
 * One list read: the page (`columns` of up to pageSize + 1 raw rows, for `collectionBody`'s nextLink check)
 * and, when `$count=true`, the filtered count. A later keyset page does not count again (directory
 * objects send `@odata.count` on the first page only). `qb` carries the caller's WHERE (tenant) only.
 */
export async function readODataPage<R, T extends ObjectLiteral = ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
  columns: string,
): Promise<{ rows: R[]; count?: number }> {
  const count = query.count && !query.skiptoken ? await applyODataFilterOnly(qb.clone(), alias, spec, query).getCount() : undefined;
  // Raw rows of only the returned columns: entity hydration was most of a page's cost.
  const rows = await applyODataQuery(qb.select(columns), alias, spec, query).getRawMany<R>();
  return { rows, count };
}

/** Escapes LIKE wildcards so a value matches literally (used with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Builds SQL text from the AST. Values only ever become named parameters; identifiers only come from
 * the spec and are quoted by the driver. Every predicate is two-valued (never SQL NULL), so `not`
 * and `ne` follow OData: `null ne 'x'` is true, `null eq 'x'` is false.
 */
class SqlWriter {
  private params: Record<string, KeysetValue> = {};
  private readonly prefix: string;
  private n = 0;

  constructor(
    private readonly qb: SelectQueryBuilder<ObjectLiteral>,
    private readonly alias: string,
    private readonly spec: ODataResourceSpec,
  ) {
    this.prefix = freePrefix(Object.keys(qb.getParameters()));
  }

  where(condition: string | undefined): void {
    if (!condition) return;
    const params = this.params;
    this.params = {};
    this.qb.andWhere(new Brackets((w) => w.where(condition, params)));
  }

  column(prop: ODataPropertySpec): string {
    const escape = (s: string) => this.qb.dataSource.driver.escape(s);
    return `${escape(this.alias)}.${escape(prop.column)}`;
  }

  filter(node: FilterNode): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${this.filter(node.left)} ${node.kind.toUpperCase()} ${this.filter(node.right)})`;
      case 'not':
        return `NOT (${this.filter(node.operand)})`;
      case 'compare': {
        const prop = this.spec.properties[node.property];
        const col = this.column(prop);
        if (node.value.type === 'null') return node.op === 'eq' ? `${col} IS NULL` : `${col} IS NOT NULL`;
        const test = `${this.operand(prop, col)} ${SQL_OPERATOR[node.op]} ${this.operand(prop, this.param(prop, node.value))}`;
        if (!prop.nullable) return test;
        return node.op === 'ne' ? `(${col} IS NULL OR ${test})` : `(${col} IS NOT NULL AND ${test})`;
      }
      case 'in': {
        const prop = this.spec.properties[node.property];
        const col = this.column(prop);
        const values = node.values.filter((v) => v.type !== 'null');
        const parts: string[] = [];
        if (values.length > 0) {
          const list = values.map((v) => this.operand(prop, this.param(prop, v))).join(', ');
          const test = `${this.operand(prop, col)} IN (${list})`;
          parts.push(prop.nullable ? `(${col} IS NOT NULL AND ${test})` : test);
        }
        if (values.length < node.values.length) parts.push(`${col} IS NULL`);
        return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
      }
      case 'function': {
        const prop = this.spec.properties[node.property];
        const col = this.column(prop);
        const v = escapeLike(node.value.value as string);
        const pattern = node.name === 'startswith' ? `${v}%` : node.name === 'endswith' ? `%${v}` : `%${v}%`;
        const param = this.param(prop, { type: 'string', value: pattern });
        const test = `${this.operand(prop, col)} LIKE ${this.operand(prop, param)} ESCAPE '\\'`;
        return prop.nullable ? `(${col} IS NOT NULL AND ${test})` : test;
      }
    }
  }

  /**
   * Rows strictly after the cursor in the page order: OR over i of (c0 = v0 AND … AND c(i-1) = v(i-1) AND ci after vi).
   * "After" follows the ORDER BY above: NULL first ascending, last descending.
   */
  keyset(columns: { property: string; direction: 'asc' | 'desc' }[], values: KeysetValue[]): string {
    const equal: string[] = [];
    const disjuncts: string[] = [];
    columns.forEach((c, i) => {
      const prop = this.spec.properties[c.property];
      const col = this.column(prop);
      const v = values[i];
      const p = v === null ? '' : this.bind(v);
      let after: string | undefined;
      if (c.direction === 'asc') after = v === null ? `${col} IS NOT NULL` : `${col} > ${p}`;
      else if (v !== null) after = prop.nullable ? `(${col} < ${p} OR ${col} IS NULL)` : `${col} < ${p}`;
      if (after) disjuncts.push(equal.length ? `(${[...equal, after].join(' AND ')})` : after);
      equal.push(v === null ? `${col} IS NULL` : `${col} = ${p}`);
    });
    return disjuncts.length === 1 ? disjuncts[0] : `(${disjuncts.join(' OR ')})`;
  }

  private operand(prop: ODataPropertySpec, sql: string): string {
    return prop.caseInsensitive && prop.type === 'string' ? `lower(${sql})` : sql;
  }

  private param(prop: ODataPropertySpec, lit: Literal): string {
    // A guid given as a quoted string is still a guid; a text column of GUIDs stores them lower-case.
    const value = prop.type === 'guid' && typeof lit.value === 'string' ? lit.value.toLowerCase() : lit.value;
    return this.bind(value);
  }

  private bind(value: KeysetValue): string {
    const name = `${this.prefix}${this.n++}`;
    this.params[name] = value;
    return `:${name}`;
  }
}

/** `odata_p` unless that is already used on this builder (e.g. a second call on a clone). */
function freePrefix(existing: string[]): string {
  for (let i = 0; ; i++) {
    const prefix = i === 0 ? 'odata_p' : `odata${i}_p`;
    if (!existing.some((k) => k.startsWith(prefix))) return prefix;
  }
}
