import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from './change-feed.js';

/**
 * Values read from Postgres, kept until the ChangeFeed announces that their key changed on any instance:
 * the hot paths (policy reads, step-up bindings, session state) make no database round trip per request.
 * Two rules keep it right: nothing is served or kept while notifications are down (a missed one could leave
 * a stale entry), and a read that raced a change is not kept (the generation moved while it ran).
 */
export class FeedCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;
  private generation = 0;

  constructor(
    private readonly feed: ChangeFeed,
    topic: string,
    max: number,
  ) {
    this.entries = new LRUCache<string, V>({ max });
    feed.subscribe(topic, {
      onChange: (key) => this.forget(key),
      onResync: () => {
        this.generation++;
        this.entries.clear();
      },
    });
  }

  /** The cached value, if any (synchronous: the hot path). */
  get(key: string): V | undefined {
    return this.feed.live ? this.entries.get(key) : undefined;
  }

  /** Reads through `read` and keeps the result, unless a change or an outage raced the read. */
  async load(key: string, read: () => Promise<V>): Promise<V> {
    const started = this.generation;
    const live = this.feed.live;
    const value = await read();
    if (live && this.feed.live && started === this.generation) this.entries.set(key, value);
    return value;
  }

  getOrLoad(key: string, read: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    return cached !== undefined ? Promise.resolve(cached) : this.load(key, read);
  }

  /** Also called right after a local commit: this instance's next request must not wait for the notification. */
  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }
}
