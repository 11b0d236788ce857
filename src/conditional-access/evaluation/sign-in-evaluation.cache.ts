import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChangeFeed, publishChange } from '../../database/change-feed.js';
import { FeedCache } from '../../database/feed-cache.js';
import type { Transactions } from '../../database/transactions.js';
import type { EvaluationData } from './sign-in-evaluation.js';

/** ChangeFeed topic: something a tenant's sign-in evaluation reads changed (key: the tenant id). */
export const EVALUATION_TOPIC = 'ca-evaluation';

/**
 * Each tenant's evaluation data (live policies, live named locations, custom strengths), read once and kept until
 * a policy, named location or strength of that tenant is written on any instance (FeedCache over the ChangeFeed).
 * The three CA repositories run their write transactions through `transaction` and call `changed` in every write
 * that can change what the evaluator reads; the entry is dropped on this instance right after the transaction
 * ends, and on every instance when the notification arrives.
 */
@Injectable()
export class SignInEvaluationCache {
  private readonly byTenant: FeedCache<EvaluationData>;
  /** The tenants each running transaction has changed, by its manager (one per attempt). */
  private readonly changes = new WeakMap<EntityManager, Set<string>>();

  constructor(feed: ChangeFeed) {
    this.byTenant = new FeedCache(feed, EVALUATION_TOPIC, 10_000);
  }

  getOrLoad(tenantId: string, read: () => Promise<EvaluationData>): Promise<EvaluationData> {
    return this.byTenant.getOrLoad(tenantId, read);
  }

  /** Runs a write transaction; the tenants it changed are forgotten here as soon as it ends (committed or not). */
  async transaction<T>(tx: Transactions, work: (m: EntityManager) => Promise<T>): Promise<T> {
    const tenants = new Set<string>();
    try {
      return await tx.run((m) => {
        this.changes.set(m, tenants);
        return work(m);
      });
    } finally {
      for (const tenantId of tenants) this.byTenant.forget(tenantId);
    }
  }

  /** Inside the writing transaction: every instance drops the tenant's entry on commit (never for a rollback). */
  async changed(m: EntityManager, tenantId: string): Promise<void> {
    await publishChange(m, EVALUATION_TOPIC, tenantId);
    this.changes.get(m)?.add(tenantId);
  }
}
