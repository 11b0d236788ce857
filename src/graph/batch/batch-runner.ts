import type { PlannedRequest } from './batch-plan.js';

/** What the batch answers for one request. */
export interface BatchResponseItem {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/**
 * Inner requests of one batch that run at the same time. Each one is a whole request of the service
 * (a database connection at most, from a pool of DB_POOL_SIZE, 10 by default): four keep a batch
 * from taking the pool from everybody else while still overlapping their database round trips.
 */
export const BATCH_CONCURRENCY = 4;

export interface BatchRunOptions {
  readonly concurrency: number;
  /** Aborted when the client has gone: nothing more is dispatched. */
  readonly signal: AbortSignal;
  /** Runs one request through the service's whole pipeline. */
  dispatch(request: PlannedRequest): Promise<BatchResponseItem>;
  /** The `424` of a request whose dependency failed (not dispatched). */
  failedDependency(request: PlannedRequest, dependency: PlannedRequest): BatchResponseItem;
}

/**
 * Runs a planned batch: requests without `dependsOn` concurrently (at most `concurrency` at a time),
 * each other one once all it depends on has finished, or `424` without running if one of them failed
 * (status 400 or more, or a 424 itself). Answers in request order; once `signal` aborts, requests
 * not yet dispatched never are (their slots stay empty).
 */
export async function runBatch(plan: readonly PlannedRequest[], options: BatchRunOptions): Promise<(BatchResponseItem | undefined)[]> {
  const results: (BatchResponseItem | undefined)[] = plan.map(() => undefined);
  const slots = new Slots(options.concurrency);
  const finished: Promise<void>[] = [];
  plan.forEach((request, index) => {
    finished[index] = (async () => {
      await Promise.all(request.dependsOn.map((d) => finished[d]));
      if (options.signal.aborted) return;
      const failed = request.dependsOn.find((d) => (results[d]?.status ?? 424) >= 400);
      if (failed !== undefined) {
        results[index] = options.failedDependency(request, plan[failed]);
        return;
      }
      await slots.acquire();
      try {
        if (!options.signal.aborted) results[index] = await options.dispatch(request);
      } finally {
        slots.release();
      }
    })();
  });
  await Promise.all(finished);
  return results;
}

/** A counting semaphore: first come, first served. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
