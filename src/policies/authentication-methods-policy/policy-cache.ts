import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { POLICY_CHANNEL } from './authentication-methods-policy.repository.js';

/** Tenants kept at most; the oldest entry goes first. */
const MAX_TENANTS = 10_000;
/** Wait before reconnecting the listener: doubled after each failed attempt, up to the maximum. */
const RECONNECT_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/**
 * Per-tenant cache of the authentication methods policy for hot paths (TAP create, SMS sign-in, method
 * reads), kept right across instances by Postgres LISTEN/NOTIFY: every write notifies
 * `authentication_methods_policy` with the tenant id inside its transaction, so each instance's listener
 * (one dedicated connection) drops that tenant when the write commits. While the listener is not
 * connected nothing is cached (reads go to the database), and on (re)connecting the cache starts empty,
 * so a missed notification can never leave a stale entry. A load that raced with an invalidation is not
 * stored (per-tenant generation).
 */
@Injectable()
export class PolicyCache<T = unknown> implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuthenticationMethodsPolicy');
  private readonly entries = new Map<string, T>();
  private readonly generations = new Map<string, number>();
  private client: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private retryMs = RECONNECT_MS;
  private down = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  get isListening(): boolean {
    return this.listening;
  }

  get(tenantId: string): T | undefined {
    return this.listening ? this.entries.get(tenantId) : undefined;
  }

  /** The token a load takes before reading; `set` stores only if nothing invalidated the tenant since. */
  token(tenantId: string): number {
    return this.generations.get(tenantId) ?? this.generation;
  }

  set(tenantId: string, token: number, value: T): void {
    if (!this.listening || this.token(tenantId) !== token) return;
    if (this.entries.size >= MAX_TENANTS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tenantId, value);
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
    this.generations.set(tenantId, ++this.generation);
    if (this.generations.size > MAX_TENANTS) this.generations.delete(this.generations.keys().next().value as string);
  }

  private clear(): void {
    this.entries.clear();
    this.generations.clear();
    this.generation++;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const options = this.db.options as { url?: string; extra?: Record<string, unknown> };
    const extra = options.extra ?? {};
    const client = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: extra.connectionTimeoutMillis as number | undefined,
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === POLICY_CHANNEL && msg.payload) this.invalidate(msg.payload);
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${POLICY_CHANNEL}`);
      if (this.client !== client || this.closed) return;
      this.clear();
      this.listening = true;
      this.retryMs = RECONNECT_MS;
      if (this.down) this.logger.log('policy change listener is back: policy reads are cached again');
      this.down = false;
    } catch (e) {
      this.lost(client, e);
    }
  }

  private lost(client: pg.Client, e?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    this.clear();
    client.end().catch(() => undefined);
    if (this.closed) return;
    // One line per outage, not per attempt.
    if (!this.down) {
      this.logger.warn(`policy change listener lost (${e instanceof Error ? e.message : 'connection ended'}): policy reads are uncached until it is back`);
    }
    this.down = true;
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}
