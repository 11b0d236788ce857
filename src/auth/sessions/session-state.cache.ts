import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../../database/change-feed.js';
import { FeedCache } from '../../database/feed-cache.js';
import { SESSIONS_TOPIC, SessionRevocationsRepository, sessionKey, type SessionState } from './session-revocations.repository.js';

/**
 * Each user's sessions state for the token stage: read once per user, then kept until it changes on any
 * instance (FeedCache over LISTEN/NOTIFY), so the hot path makes no database round trip.
 */
@Injectable()
export class SessionStateCache {
  private readonly byUser: FeedCache<SessionState>;

  constructor(
    private readonly repo: SessionRevocationsRepository,
    feed: ChangeFeed,
  ) {
    this.byUser = new FeedCache(feed, SESSIONS_TOPIC, 100_000);
  }

  /** The cached state, if any (the hot path: synchronous). */
  known(tenantId: string, userId: string): SessionState | undefined {
    return this.byUser.get(sessionKey(tenantId, userId));
  }

  /** Reads the state, and keeps it unless a change raced the read. */
  load(tenantId: string, userId: string): Promise<SessionState> {
    return this.byUser.load(sessionKey(tenantId, userId), () => this.repo.find(tenantId, userId.toLowerCase()));
  }

  /** The state, from the cache when it holds it (token stage, refresh-token redemption, single sign-on sessions). */
  current(tenantId: string, userId: string): Promise<SessionState> {
    return this.byUser.getOrLoad(sessionKey(tenantId, userId), () => this.repo.find(tenantId, userId.toLowerCase()));
  }

  /** Also called right after a local commit: this instance's next request must not wait for the notification. */
  forget(key: string): void {
    this.byUser.forget(key);
  }

  forgetUser(tenantId: string, userId: string): void {
    this.forget(sessionKey(tenantId, userId));
  }
}
