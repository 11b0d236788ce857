/**
 * Instructions per call of building one list statement (the users page shape), with and without
 * readODataPage's statement cache: run under callgrind, it zeroes the counters after a warm-up and dumps
 * them after M calls (total Ir of the dump / M).
 * Usage: USER=bench HOST=127.0.0.1 valgrind --tool=callgrind node dist/bench/statement-build.js <typeorm|cache|builder> [M]
 *   typeorm: applyODataQuery(...).getQueryAndParameters() (before the cache); cache: pageStatement (a hit);
 *   builder: the caller's tenant builder alone (in both).
 * Without valgrind (CG=0) it prints CPU µs per call instead.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { applyODataQuery, pageStatement, parseODataQuery, type ODataResourceSpec } from '../src/graph/odata/index.js';

const [variant, m] = process.argv.slice(2);
const M = Number(m ?? 20000);
const ds = new DataSource({ type: 'postgres' }); // renders SQL; never connects
const SPEC: ODataResourceSpec = {
  resource: 'user',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'string', filter: ['eq'], orderby: true },
    accountEnabled: { column: 'account_enabled', type: 'boolean', filter: ['eq'] },
  },
  options: { filter: true, top: { default: 100, max: 999 }, skip: false, orderby: true, skiptoken: true },
};
const COLUMNS = 'u.id, u.display_name AS "displayName", u.user_principal_name AS "userPrincipalName", u.mail';
const query = parseODataQuery({ $top: '100', $filter: 'accountEnabled eq true' }, SPEC);
const base = () => ds.createQueryBuilder().from('users', 'u').where('u.tenant_id = :tenantId', { tenantId: 'T' });
const calls: Record<string, () => unknown> = {
  typeorm: () => applyODataQuery(base().select(COLUMNS), 'u', SPEC, query).getQueryAndParameters(),
  cache: () => pageStatement(base(), 'u', SPEC, query, COLUMNS),
  builder: () => base(),
};
const f = calls[variant];
if (!f) throw new Error(`variant: ${Object.keys(calls).join('|')}`);
for (let i = 0; i < 20000; i++) f();
const underValgrind = process.env.CG !== '0';
const control = (flag: string) => execFileSync('callgrind_control', [flag, String(process.pid)], { stdio: 'ignore' });
if (underValgrind) control('-z');
const c0 = process.cpuUsage();
for (let i = 0; i < M; i++) f();
const c = process.cpuUsage(c0);
if (underValgrind) control('-d');
else process.stdout.write(`${variant}\t${((c.user + c.system) / M).toFixed(2)} µs CPU/call\n`);
