import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { isDatabaseUnavailable } from '../graph/errors/database-errors.js';
import { GraphErrors, GraphException } from '../graph/errors/graph.exception.js';

/** What Postgres asks the client to retry: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Attempts in all (the first included); each retry waits a little longer, with jitter. */
export const MAX_ATTEMPTS = 4;

/** The SQLSTATE of a driver error, through TypeORM's wrapper. */
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Every write runs here: one transaction per attempt, with the request's deadline carried by the
 * transaction itself, so that a `503` always means "not applied":
 * - `SET LOCAL statement_timeout` and `idle_in_transaction_session_timeout` to the time left, so a
 *   stalled transaction is aborted by Postgres, never committed later;
 * - a connection that failed (client-side read timeout, reset) is destroyed, not rolled back: a
 *   `ROLLBACK` (or the next request's statements) would queue behind the stalled ones, and its
 *   socket closing makes Postgres abort whatever it still holds of ours;
 * - `COMMIT` is not sent once the deadline has passed, and the one we send carries its own: Postgres
 *   refuses it if it gets to run it more than `statementTimeoutMs` after we sent it (a stall), which
 *   is before our client stops waiting for it (`query_timeout` is a second longer).
 * What is left: a COMMIT that Postgres ran in time but whose answer took over a second to come
 * back (or a database clock more than that behind ours).
 * Deadlocks and serialization failures are retried here, and only here, up to MAX_ATTEMPTS.
 */
@Injectable()
export class Transactions {
  private readonly budgetMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.budgetMs = config.db.statementTimeoutMs;
  }

  async run<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.budgetMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(fn, deadline);
      } catch (e) {
        if (!RETRYABLE.has(pgCode(e) ?? '')) throw e;
        // Rolled back, so not applied: out of attempts (or time) it is a plain "retry later".
        if (attempt >= MAX_ATTEMPTS || Date.now() >= deadline) throw GraphErrors.serviceNotAvailable(1);
        await sleep(5 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  private async attempt<T>(fn: (m: EntityManager) => Promise<T>, deadline: number): Promise<T> {
    const runner = this.dataSource.createQueryRunner('master');
    let broken: unknown;
    try {
      await runner.startTransaction();
      const left = Math.max(1, Math.floor(deadline - Date.now()));
      await runner.query(`SET LOCAL statement_timeout = ${left}; SET LOCAL idle_in_transaction_session_timeout = ${left}`);
      const result = await fn(runner.manager);
      if (Date.now() >= deadline) throw GraphErrors.serviceNotAvailable();
      await runner.query(commitUnlessLaterThan(Date.now() + this.budgetMs));
      (runner as { isTransactionActive: boolean }).isTransactionActive = false;
      return result;
    } catch (e) {
      broken = await this.abandon(runner, e);
      throw e;
    } finally {
      // An error given back to pg-pool makes it destroy the connection instead of reusing it.
      await (runner as QueryRunner & { releasePostgresConnection(err?: unknown): Promise<void> }).releasePostgresConnection(broken);
    }
  }

  /** Rolls back on a healthy connection; returns an error (meaning: destroy it) when it is not. */
  private async abandon(runner: QueryRunner, cause: unknown): Promise<unknown> {
    const unavailable = cause instanceof GraphException ? cause.getStatus() === 503 : isDatabaseUnavailable(cause);
    if (unavailable) return cause;
    if (!runner.isTransactionActive) return undefined;
    try {
      await runner.rollbackTransaction();
      return undefined;
    } catch (e) {
      return e;
    }
  }
}

/**
 * `COMMIT`, preceded in the same simple-query message by a check of Postgres's own clock: when the
 * check fails, Postgres skips the rest of the message, so the COMMIT never runs and the transaction
 * is rolled back (the error is 57014, query_canceled: a 503).
 */
function commitUnlessLaterThan(epochMs: number): string {
  const at = (Math.ceil(epochMs) / 1000).toFixed(3);
  return `DO $$BEGIN IF clock_timestamp() > to_timestamp(${at}) THEN RAISE EXCEPTION 'commit deadline passed' USING ERRCODE = '57014'; END IF; END$$; COMMIT`;
}
