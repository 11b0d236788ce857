import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../../database/change-feed.js';
import { FeedCache } from '../../database/feed-cache.js';
import { BINDINGS_TOPIC, ResourceActionsRepository } from './resource-actions.repository.js';

type Bindings = ReadonlyMap<string, string>;

/**
 * Each tenant's protected-action bindings, for the step-up stage of every request: read once per tenant, then
 * kept until a binding of that tenant changes on any instance (FeedCache). No database round trip per request.
 */
@Injectable()
export class ResourceActionBindingsCache {
  private readonly byTenant: FeedCache<Bindings>;

  constructor(
    private readonly repo: ResourceActionsRepository,
    feed: ChangeFeed,
  ) {
    this.byTenant = new FeedCache(feed, BINDINGS_TOPIC, 10_000);
  }

  /** The context bound to the action in this tenant, if any. */
  async contextFor(tenantId: string, actionId: string): Promise<string | undefined> {
    return (await this.byTenant.getOrLoad(tenantId, () => this.repo.bindings(tenantId))).get(actionId);
  }

  /** Called after a local write too: the next request of this instance must not wait for the notification. */
  forget(tenantId: string): void {
    this.byTenant.forget(tenantId);
  }
}
