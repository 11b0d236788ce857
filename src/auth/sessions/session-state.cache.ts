import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ChangeFeed } from '../../database/change-feed.js';
import { SESSIONS_TOPIC, SessionRevocationsRepository, sessionKey, type SessionState } from './session-revocations.repository.js';

/**
 * Each user's sessions state for the token stage: read once per user, then kept until it changes on any
 * instance (ChangeFeed, LISTEN/NOTIFY), so the hot path makes no database round trip. A load that raced a
 * change is not kept (the generation moved while it ran); while notifications are down nothing is kept.
 */
@Injectable()
export class SessionStateCache {
  private readonly byUser = new LRUCache<string, SessionState>({ max: 100_000 });
  private generation = 0;

  constructor(
    private readonly repo: SessionRevocationsRepository,
    private readonly feed: ChangeFeed,
  ) {
    feed.subscribe(SESSIONS_TOPIC, {
      onChange: (key) => this.forget(key),
      onResync: () => {
        this.generation++;
        this.byUser.clear();
      },
    });
  }

  /** The cached state, if any (the hot path: synchronous). */
  known(tenantId: string, userId: string): SessionState | undefined {
    return this.byUser.get(sessionKey(tenantId, userId));
  }

  /** Reads the state, and keeps it unless a change raced the read. */
  async load(tenantId: string, userId: string): Promise<SessionState> {
    const key = sessionKey(tenantId, userId);
    const started = this.generation;
    const live = this.feed.live;
    const state = await this.repo.find(tenantId, userId.toLowerCase());
    if (live && this.feed.live && started === this.generation) this.byUser.set(key, state);
    return state;
  }

  /** Also called right after a local commit: this instance's next request must not wait for the notification. */
  forget(key: string): void {
    this.generation++;
    this.byUser.delete(key);
  }

  forgetUser(tenantId: string, userId: string): void {
    this.forget(sessionKey(tenantId, userId));
  }
}
