import { Brackets, type ObjectLiteral, type QueryRunner, type SelectQueryBuilder } from 'typeorm';
import type { FilterNode, KeysetValue, Literal, ODataPropertySpec, ODataQuery, ODataResourceSpec } from './odata.types.js';
import { keysetColumns } from './skiptoken.js';

const SQL_OPERATOR = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/** The OData part of one list statement, as text and named parameters, before it goes onto a query builder. */
interface ODataPlan {
  wheres: { sql: string; params: Record<string, KeysetValue> }[];
  order: { column: string; direction: 'ASC' | 'DESC'; nulls?: 'NULLS FIRST' | 'NULLS LAST' }[];
  offset?: number;
  limit?: number;
}

/**
 * `$filter`, the skiptoken keyset, ORDER BY (requested order, then the key), `$skip` and LIMIT pageSize + 1,
 * written against the caller's builder (its alias, driver and parameter names) but not yet applied to it.
 * Ordering treats NULL as the smallest value (OData): NULLS FIRST ascending, NULLS LAST descending.
 */
function planODataQuery(qb: SelectQueryBuilder<ObjectLiteral>, alias: string, spec: ODataResourceSpec, query: ODataQuery, filterOnly: boolean): ODataPlan {
  const sql = new SqlWriter(qb, alias, spec);
  const plan: ODataPlan = { wheres: [], order: [] };
  if (query.filter) plan.wheres.push(sql.take(sql.filter(query.filter)));
  if (filterOnly) return plan;
  const columns = keysetColumns(spec, query.orderby);
  if (query.skiptoken) plan.wheres.push(sql.take(sql.keyset(columns, query.skiptoken.values)));
  for (const c of columns) {
    const prop = spec.properties[c.property];
    const direction = c.direction === 'asc' ? 'ASC' : 'DESC';
    const nulls = prop.nullable ? (c.direction === 'asc' ? 'NULLS FIRST' : 'NULLS LAST') : undefined;
    plan.order.push({ column: sql.column(prop), direction, nulls });
  }
  if (query.skip) plan.offset = query.skip;
  plan.limit = query.pageSize + 1;
  return plan;
}

function applyPlan<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, plan: ODataPlan): SelectQueryBuilder<T> {
  for (const w of plan.wheres) qb.andWhere(new Brackets((b) => b.where(w.sql, w.params)));
  plan.order.forEach((o, i) => (i === 0 ? qb.orderBy(o.column, o.direction, o.nulls) : qb.addOrderBy(o.column, o.direction, o.nulls)));
  if (plan.offset) qb.offset(plan.offset);
  if (plan.limit !== undefined) qb.limit(plan.limit);
  return qb;
}

/**
 * Adds `$filter`, the skiptoken keyset, ORDER BY (requested order, then the key), `$skip` and
 * LIMIT pageSize + 1 to a query builder that already carries the caller's own WHERE (tenant).
 */
export function applyODataQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
): SelectQueryBuilder<T> {
  return applyPlan(qb, planODataQuery(qb, alias, spec, query, false));
}

/** Only the `$filter`, for `$count` / `@odata.count` queries (no keyset, order or limit). */
export function applyODataFilterOnly<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
): SelectQueryBuilder<T> {
  return applyPlan(qb, planODataQuery(qb, alias, spec, query, true));
}

/**
 * One list read: the page (`columns` of up to pageSize + 1 raw rows, for `collectionBody`'s nextLink check)
 * and, when `$count=true`, the filtered count. A later keyset page does not count again (directory
 * objects send `@odata.count` on the first page only). `qb` carries the caller's WHERE (tenant) only.
 * The page's SQL text comes from the statement cache when this shape was built before (see pageStatement).
 */
export async function readODataPage<R, T extends ObjectLiteral = ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
  columns: string,
): Promise<{ rows: R[]; count?: number }> {
  const count = query.count && !query.skiptoken ? await applyODataFilterOnly(qb.clone(), alias, spec, query).getCount() : undefined;
  const statement = pageStatement(qb, alias, spec, query, columns);
  // Raw rows of only the returned columns: entity hydration was most of a page's cost.
  if (!statement) return { rows: await applyODataQuery(qb.select(columns), alias, spec, query).getRawMany<R>(), count };
  // The builder's own runner when it has one (a transaction), otherwise a pooled connection, as getRawMany does.
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const rows = (await (runner ? runner.query(statement[0], statement[1]) : qb.connection.query(statement[0], statement[1]))) as R[];
  return { rows, count };
}

/** Statement texts by shape; bounded, since a caller's `$filter` shapes are unbounded (oldest entry goes first). */
const STATEMENTS = new Map<string, { sql: string; names: string[] }>();
const MAX_STATEMENTS = 500;

/**
 * The page's SQL and positional parameters, as `applyODataQuery(qb.select(columns), …).getQueryAndParameters()`
 * would return them, without TypeORM building the text again for a shape it built before. The shape is the
 * caller's builder (table, alias, joins, WHERE texts, parameter names), `columns`, and the OData part's text
 * (which holds only parameter names, never values: the same shape gives the same text). Values are bound by
 * name on every call. `undefined` for a builder using anything the shape does not capture (it then runs uncached).
 */
export function pageStatement(
  qb: SelectQueryBuilder<ObjectLiteral>,
  alias: string,
  spec: ODataResourceSpec,
  query: ODataQuery,
  columns: string,
): [string, unknown[]] | undefined {
  const callerShape = builderShape(qb);
  if (callerShape === undefined) return undefined;
  const plan = planODataQuery(qb, alias, spec, query, false);
  let key = `${callerShape}\u0000${columns}`;
  for (const w of plan.wheres) key += `\u0000${w.sql}`;
  for (const o of plan.order) key += `\u0000${o.column} ${o.direction} ${o.nulls ?? ''}`;
  key += `\u0000${plan.offset ?? ''}\u0000${plan.limit ?? ''}`;
  const params: Record<string, unknown> = qb.getParameters();
  for (const w of plan.wheres) Object.assign(params, w.params);
  let entry = STATEMENTS.get(key);
  if (!entry) {
    entry = templateOf(applyPlan(qb.clone().select(columns), plan), params);
    if (!entry) return undefined;
    if (STATEMENTS.size >= MAX_STATEMENTS) STATEMENTS.delete(STATEMENTS.keys().next().value!);
    STATEMENTS.set(key, entry);
  }
  const values: unknown[] = [];
  for (const name of entry.names) {
    const v = params[name];
    if (typeof v === 'function' || Array.isArray(v)) return undefined; // TypeORM would inline or spread it
    values.push(v);
  }
  return [entry.sql, values];
}

/** The driver's SQL text with each parameter's name in bind order; `undefined` when a value would be inlined or spread. */
function templateOf(qb: SelectQueryBuilder<ObjectLiteral>, params: Record<string, unknown>): { sql: string; names: string[] } | undefined {
  const markers: Record<string, { name: string }> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'function' || Array.isArray(v)) return undefined;
    markers[name] = { name };
  }
  const text = qb.getQuery();
  if (text.includes(':...')) return undefined;
  const [sql, bound] = qb.connection.driver.escapeQueryWithParameters(text, markers);
  return { sql, names: (bound as { name: string }[]).map((m) => m.name) };
}

/**
 * Everything of a caller's builder that goes into its SQL text (values excluded), or `undefined` when it uses
 * a feature this does not capture (subqueries, Brackets or object WHEREs, ordering, grouping, locks, …).
 */
function builderShape(qb: SelectQueryBuilder<ObjectLiteral>): string | undefined {
  const em = qb.expressionMap;
  const main = em.mainAlias;
  if (!main || main.subQuery || em.subQuery || em.selectDistinct || em.selectDistinctOn.length > 0 || em.groupBys.length > 0) return undefined;
  if (em.havings.length > 0 || em.commonTableExpressions.length > 0 || em.lockMode || em.comment || Object.keys(em.orderBys).length > 0) return undefined;
  if (em.offset !== undefined || em.limit !== undefined || em.skip !== undefined || em.take !== undefined || em.useIndex) return undefined;
  if (em.relationIdAttributes.length > 0 || em.extraAppendedAndWhereCondition) return undefined;
  if (em.cache || em.useTransaction || em.timeTravel) return undefined;
  let shape = `${main.hasMetadata ? main.metadata.tablePath : main.tablePath} ${main.name} ${em.withDeleted} ${em.aliasNamePrefixingEnabled} ${em.disableEscaping}`;
  for (const j of em.joinAttributes) {
    if (typeof j.entityOrProperty !== 'string' || typeof j.condition !== 'string' || j.mapToProperty || j.alias.subQuery) return undefined;
    shape += `\u0000${j.direction} ${j.entityOrProperty} ${j.alias.name} ${j.condition}`;
  }
  for (const w of em.wheres) {
    if (typeof w.condition !== 'string') return undefined;
    shape += `\u0000${w.type} ${w.condition}`;
  }
  return `${shape}\u0000${Object.keys(em.parameters).join(',')}`;
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

  /** One condition and the parameters it binds (those bound since the last take). */
  take(sql: string): { sql: string; params: Record<string, KeysetValue> } {
    const params = this.params;
    this.params = {};
    return { sql, params };
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
