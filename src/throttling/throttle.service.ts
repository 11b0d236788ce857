import { createRequire } from 'node:module';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import type { Principal } from '../auth/principal.js';

/** Graph counts requests in short windows; budgets here are "requests per 10 seconds". */
export const THROTTLE_WINDOW_SECONDS = 10;
const KEY_PREFIX = 'graph:throttle';
/** A Redis that answers slower than this is treated as down for that request (per-instance budget). */
const REDIS_COMMAND_TIMEOUT_MS = 250;

export type ThrottleStore = 'off' | 'memory' | 'redis';

/** Which budget ran out, and when the caller may try again. */
export interface ThrottleDecision {
  readonly retryAfterMs: number;
  readonly scope: 'tenant' | 'client';
}

/**
 * Request budgets like Graph's: one per tenant (`tid`) and one per caller in the tenant (the app
 * for app-only tokens, the user for delegated ones). In memory by default; with REDIS_URL every
 * instance spends from the same budget. When Redis is unreachable the service fails open: each
 * instance falls back to its own in-memory budget (rate-limiter-flexible's insurance limiter),
 * logs it once, and never answers 500 because of it.
 */
@Injectable()
export class ThrottleService implements OnApplicationShutdown {
  private readonly logger = new Logger('Throttling');
  private readonly redis?: Redis;
  private readonly tenant?: RateLimiterAbstract;
  private readonly client?: RateLimiterAbstract;
  readonly store: ThrottleStore;
  private redisDown = false;

  constructor(config: AppConfig) {
    const { tenantPer10s, clientPer10s } = config.throttle;
    if (!tenantPer10s && !clientPer10s) {
      this.store = 'off';
      return;
    }
    if (config.redisUrl) {
      // Loaded only when configured: ioredis is ~0.1 s of every start otherwise (issue #17).
      const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
      this.redis = new RedisClient(config.redisUrl, {
        // Commands fail at once while disconnected (the insurance limiter answers) instead of queueing.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectTimeout: 2000,
        // ioredis waits this long for a dead socket's 'close' on disconnect; keep shutdown quick.
        disconnectTimeout: 200,
        retryStrategy: (times) => Math.min(times * 200, 2000),
        lazyConnect: false,
      });
      this.redis.on('error', (e: Error) => {
        if (!this.redisDown) this.logger.warn(`Redis unreachable (${e.message}): throttling uses per-instance budgets until it returns`);
        this.redisDown = true;
      });
      this.redis.on('ready', () => {
        if (this.redisDown) this.logger.log('Redis is back: throttling budgets are shared again');
        this.redisDown = false;
      });
      this.store = 'redis';
    } else {
      this.store = 'memory';
    }
    this.tenant = tenantPer10s ? this.limiter('tenant', tenantPer10s) : undefined;
    this.client = clientPer10s ? this.limiter('client', clientPer10s) : undefined;
  }

  get enabled(): boolean {
    return this.store !== 'off';
  }

  /**
   * Spends one request from the caller's budgets. Returns undefined when it may proceed, else
   * which budget ran out and how long until it refills.
   */
  async consume(principal: Principal): Promise<ThrottleDecision | undefined> {
    const tid = principal.tenantId;
    const [tenant, client] = await Promise.all([this.spend(this.tenant, tid), this.spend(this.client, clientKey(principal))]);
    if (tenant === undefined && client === undefined) return undefined;
    return (tenant ?? -1) >= (client ?? -1) ? { scope: 'tenant', retryAfterMs: tenant! } : { scope: 'client', retryAfterMs: client! };
  }

  /** After the HTTP server has drained (Nest runs module-destroy hooks before that, so not there). */
  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    this.redis.removeAllListeners('error');
    this.redis.on('error', () => undefined);
    try {
      if (this.redis.status === 'ready') await this.redis.quit();
      else this.redis.disconnect();
    } catch {
      this.redis.disconnect();
    }
  }

  /** Undefined when allowed; otherwise milliseconds before the key's window refills. */
  private async spend(limiter: RateLimiterAbstract | undefined, key: string): Promise<number | undefined> {
    if (!limiter) return undefined;
    try {
      await limiter.consume(key);
      return undefined;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(e.msBeforeNext, 1);
      // Neither store could answer (insurance failed too): let the request through.
      this.logger.warn(`throttling check failed, request allowed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private limiter(scope: 'tenant' | 'client', points: number): RateLimiterAbstract {
    const opts = { points, duration: THROTTLE_WINDOW_SECONDS, keyPrefix: `${KEY_PREFIX}:${scope}` };
    if (!this.redis) return new RateLimiterMemory(opts);
    return new RateLimiterRedis({
      ...opts,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      // A key over its budget stays blocked in this process until its window ends: no Redis round trip.
      inMemoryBlockOnConsumed: points,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  }
}

/** The caller inside its tenant: the application for app-only tokens, the user for delegated ones. */
export function clientKey(p: Principal): string {
  return p.kind === 'application' ? `${p.tenantId}:app:${p.appId ?? p.objectId}` : `${p.tenantId}:user:${p.objectId}`;
}
