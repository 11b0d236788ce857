import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ChangeFeed } from '../../database/change-feed.js';
import { BINDINGS_TOPIC, ResourceActionsRepository } from './resource-actions.repository.js';

type Bindings = ReadonlyMap<string, string>;

/**
 * Each tenant's protected-action bindings, for the step-up stage of every request: read once per tenant, then
 * kept until a binding of that tenant changes on any instance (ChangeFeed). No database round trip per request.
 * A load that raced a change is not kept: each tenant's generation moves on every change, and a load only
 * stores its result if the generation it started under is still current.
 */
@Injectable()
export class ResourceActionBindingsCache {
  private readonly byTenant = new LRUCache<string, Bindings>({ max: 10_000 });
  private readonly generation = new Map<string, number>();
  private epoch = 0;

  constructor(
    private readonly repo: ResourceActionsRepository,
    private readonly feed: ChangeFeed,
  ) {
    feed.subscribe(BINDINGS_TOPIC, {
      onChange: (tenantId) => this.forget(tenantId),
      onResync: () => {
        this.epoch++;
        this.byTenant.clear();
        this.generation.clear();
      },
    });
  }

  /** The context bound to the action in this tenant, if any. */
  async contextFor(tenantId: string, actionId: string): Promise<string | undefined> {
    return (this.byTenant.get(tenantId) ?? (await this.load(tenantId))).get(actionId);
  }

  /** Called after a local write too: the next request of this instance must not wait for the notification. */
  forget(tenantId: string): void {
    this.generation.set(tenantId, (this.generation.get(tenantId) ?? 0) + 1);
    this.byTenant.delete(tenantId);
  }

  private async load(tenantId: string): Promise<Bindings> {
    const started = `${this.epoch}:${this.generation.get(tenantId) ?? 0}`;
    const live = this.feed.live;
    const bindings = await this.repo.bindings(tenantId);
    if (live && this.feed.live && started === `${this.epoch}:${this.generation.get(tenantId) ?? 0}`) {
      this.byTenant.set(tenantId, bindings);
    }
    return bindings;
  }
}
