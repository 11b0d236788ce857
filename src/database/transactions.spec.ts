import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { GraphErrors, GraphException } from '../graph/errors/graph.exception.js';
import { MAX_ATTEMPTS, Transactions } from './transactions.js';

/** A QueryRunner double that records what was sent and how the connection was given back. */
function fakeDataSource(options: { failOn?: (sql: string) => unknown } = {}) {
  const log: string[] = [];
  const released: unknown[] = [];
  const dataSource = {
    createQueryRunner: () => {
      const runner = {
        isTransactionActive: false,
        manager: {} as EntityManager,
        async startTransaction() {
          await runner.query('START TRANSACTION');
          runner.isTransactionActive = true;
        },
        async commitTransaction() {
          await runner.query('COMMIT');
          runner.isTransactionActive = false;
        },
        async rollbackTransaction() {
          await runner.query('ROLLBACK');
          runner.isTransactionActive = false;
        },
        async query(sql: string) {
          log.push(sql);
          const failure = options.failOn?.(sql);
          if (failure) throw failure;
        },
        async releasePostgresConnection(err?: unknown) {
          released.push(err);
        },
      };
      return runner;
    },
  } as unknown as DataSource;
  return { dataSource, log, released };
}

const config = (statementTimeoutMs = 10_000) => ({ db: { statementTimeoutMs } }) as AppConfig;
const commits = (log: string[]) => log.filter((s) => s.endsWith('COMMIT'));
const pgError = (code: string) => ({ name: 'QueryFailedError', message: code, driverError: { code } });

describe('Transactions', () => {
  it('commits once, with the deadline set on the transaction, and returns what fn returned', async () => {
    const { dataSource, log, released } = fakeDataSource();
    await expect(new Transactions(dataSource, config(5000)).run(async () => 42)).resolves.toBe(42);
    expect(log[0]).toBe('START TRANSACTION');
    expect(log[1]).toMatch(/^SET LOCAL statement_timeout = \d+; SET LOCAL idle_in_transaction_session_timeout = \d+$/);
    expect(log[2]).toMatch(
      /^DO \$\$BEGIN IF clock_timestamp\(\) > to_timestamp\(\d+\.\d{3}\) THEN RAISE EXCEPTION .* USING ERRCODE = '57014'; END IF; END\$\$; COMMIT$/,
    );
    expect(released).toEqual([undefined]);
  });

  it.each(['40P01', '40001'])('retries %s (rolled back each time) until it passes', async (code) => {
    const { dataSource, log } = fakeDataSource();
    let calls = 0;
    const result = await new Transactions(dataSource, config()).run(async () => {
      if (++calls < 3) throw pgError(code);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(log.filter((s) => s === 'ROLLBACK')).toHaveLength(2);
    expect(commits(log)).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts with 503 (nothing was applied)`, async () => {
    const { dataSource, log } = fakeDataSource();
    let calls = 0;
    const failure = await new Transactions(dataSource, config())
      .run(async () => {
        calls++;
        throw pgError('40P01');
      })
      .catch((e: unknown) => e);
    expect(calls).toBe(MAX_ATTEMPTS);
    expect((failure as GraphException).getStatus()).toBe(503);
    expect(commits(log)).toEqual([]);
  });

  it('does not retry other errors (a unique violation is the caller’s answer)', async () => {
    const { dataSource } = fakeDataSource();
    let calls = 0;
    const failure = await new Transactions(dataSource, config())
      .run(async () => {
        calls++;
        throw pgError('23505');
      })
      .catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(failure).toEqual(pgError('23505'));
  });

  it('a connection that stopped answering is destroyed, never rolled back or committed', async () => {
    const timeout = new Error('Query read timeout'); // pg's client-side read timeout: Postgres stalled
    const { dataSource, log, released } = fakeDataSource();
    const run = new Transactions(dataSource, config()).run(async () => Promise.reject(timeout));
    await expect(run).rejects.toBe(timeout);
    expect(log).not.toContain('ROLLBACK');
    expect(commits(log)).toEqual([]);
    expect(released).toEqual([timeout]);
  });

  it('past the deadline, COMMIT is not sent: 503 and the connection is dropped', async () => {
    const { dataSource, log, released } = fakeDataSource();
    const failure = await new Transactions(dataSource, config(1)).run(() => new Promise((r) => setTimeout(r, 20))).catch((e: unknown) => e);
    expect((failure as GraphException).getStatus()).toBe(503);
    expect(commits(log)).toEqual([]);
    expect(released[0]).toBeInstanceOf(GraphException);
  });

  it('a Graph error from fn rolls back and keeps the connection', async () => {
    const { dataSource, log, released } = fakeDataSource();
    const notFound = GraphErrors.resourceNotFound('x');
    await expect(new Transactions(dataSource, config()).run(async () => Promise.reject(notFound))).rejects.toBe(notFound);
    expect(log).toContain('ROLLBACK');
    expect(released).toEqual([undefined]);
  });
});
