import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { SessionStateCache } from '../../auth/sessions/session-state.cache.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersRepository } from '../../users/users.repository.js';
import { sha256Hex } from '../authorization-codes/authorization-codes.service.js';
import { readCookie, setSessionCookie } from '../sign-in-page/cookies.js';
import { SsoSessionsRepository } from './sso-sessions.repository.js';

/**
 * How long a session lasts after the interactive sign-in (fixed, not sliding): Entra keeps its session "until
 * revoked" under a 90-day rolling sign-in frequency; a development service keeps one day (docs/choices.md).
 */
export const SSO_SESSION_LIFETIME_SECONDS = 24 * 3600;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The tenant's session cookie (one per tenant, as a browser may be signed in to several). */
export const ssoCookieName = (tenantId: string) => `graphdev_sso_${tenantId}`;

/** A live session: the user (found again, enabled) and how they signed in. */
export interface SsoSession {
  idHash: string;
  user: UserEntity;
  methods: string[];
  authTime: Date;
}

/**
 * Single sign-on sessions (Entra's ESTSAUTH cookie): set after an interactive sign-in completed on the page, read by
 * the authorize endpoint. The cookie is 256 random bits, stored only as SHA-256 with the tenant first. A session ends
 * with `/logout`, on expiry, and when its user is deleted (cascade), disabled, or has had its sign-in sessions revoked
 * since (`user_session_revocations`, whole seconds: a session begun in the revocation's second counts as before it).
 */
@Injectable()
export class SsoSessions {
  constructor(
    private readonly repo: SsoSessionsRepository,
    private readonly users: UsersRepository,
    private readonly revocations: SessionStateCache,
  ) {}

  /** Starts a session for `userId` (replacing the browser's current one of this tenant) and sets its cookie. */
  async start(tenantId: string, userId: string, methods: readonly string[], authTime: Date, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const previous = this.cookieHash(tenantId, request);
    if (previous) await this.repo.delete(tenantId, previous);
    const value = randomBytes(32).toString('base64url');
    await this.repo.insert(tenantId, sha256Hex(value), userId, methods, authTime, SSO_SESSION_LIFETIME_SECONDS);
    setSessionCookie(request, reply, ssoCookieName(tenantId), value);
  }

  /** The browser's live session in this tenant, or null (no cookie, unknown, expired, revoked, user disabled or gone). */
  async current(tenantId: string, request: FastifyRequest): Promise<SsoSession | null> {
    const idHash = this.cookieHash(tenantId, request);
    if (!idHash) return null;
    const row = await this.repo.findLive(tenantId, idHash);
    if (!row) return null;
    const user = await this.users.findByKey(tenantId, row.userId);
    const state = await this.revocations.current(tenantId, row.userId);
    if (!user || user.accountEnabled === false || state.disabled || state.validFrom >= Math.floor(row.authTime.getTime() / 1000)) {
      await this.repo.delete(tenantId, idHash);
      return null;
    }
    return { idHash, user, methods: row.methods, authTime: row.authTime };
  }

  /** `/logout`: deletes the browser's session of this tenant and clears its cookie. */
  async end(tenantId: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const idHash = this.cookieHash(tenantId, request);
    if (idHash) await this.repo.delete(tenantId, idHash);
    setSessionCookie(request, reply, ssoCookieName(tenantId), '', 0);
  }

  private cookieHash(tenantId: string, request: FastifyRequest): string | undefined {
    const value = readCookie(request, ssoCookieName(tenantId));
    return value && TOKEN.test(value) ? sha256Hex(value) : undefined;
  }
}
