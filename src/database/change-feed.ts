import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The one Postgres channel every instance listens on. */
const CHANNEL = 'graph_changes';
const RECONNECT_MS = 1000;

/**
 * Announces a change to every instance's ChangeFeed; call it inside the writing transaction (delivered on
 * commit, never for a rollback). A function as well as `ChangeFeed.publish`: the CLIs write without an app.
 */
export async function publishChange(m: EntityManager, topic: string, key: string): Promise<void> {
  await m.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify([topic, key])]);
}

interface Subscriber {
  /** A change committed by any instance (this one included): `key` names what changed. */
  onChange(key: string): void;
  /** Notifications may have been missed (connection lost or regained): forget everything cached. */
  onResync(): void;
}

/**
 * Cache invalidation across instances through Postgres LISTEN/NOTIFY (docs/choices.md, issue #15). A write
 * calls `publish` inside its transaction, so the notification goes out on commit and never for a rollback;
 * every instance's listener (one dedicated connection each, outside the pool) then tells the topic's
 * subscribers. While the listener is down `live` is false and caches must not be trusted (they read through);
 * when it comes back every subscriber resyncs, so a notification missed in between cannot leave a stale entry.
 */
@Injectable()
export class ChangeFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('ChangeFeed');
  private readonly subscribers = new Map<string, Subscriber[]>();
  private client?: pg.Client;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private listening = false;
  /** Notifications handed to subscribers so far (diagnostics, and tests waiting for one). */
  delivered = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True while this instance is sure to hear every committed change. */
  get live(): boolean {
    return this.listening;
  }

  subscribe(topic: string, subscriber: Subscriber): void {
    this.subscribers.set(topic, [...(this.subscribers.get(topic) ?? []), subscriber]);
  }

  /** Announces a change; call it inside the writing transaction (delivered on commit). */
  publish(m: EntityManager, topic: string, key: string): Promise<void> {
    return publishChange(m, topic, key);
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // A client of its own (not one of the pool's): LISTEN holds its connection for the life of the process.
    const pool = (this.dataSource.driver as unknown as { master: { options: pg.ClientConfig } }).master;
    const { statement_timeout: _s, query_timeout: _q, ...options } = pool.options as pg.ClientConfig & Record<string, unknown>;
    const client = new pg.Client(options);
    client.on('notification', (n) => this.deliver(n.payload));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      this.lost(client, e);
      return;
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    this.client = client;
    this.listening = true;
    this.resyncAll();
  }

  private lost(client: pg.Client, e?: unknown): void {
    if (this.client && this.client !== client) return;
    if (this.listening) this.log.warn(`change notifications lost (${(e as Error)?.message ?? 'connection ended'}); caches read through until they are back`);
    this.client = undefined;
    this.listening = false;
    this.resyncAll();
    client.end().catch(() => undefined);
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.timer.unref();
  }

  private deliver(payload: string | undefined): void {
    let topic: unknown;
    let key: unknown;
    try {
      [topic, key] = JSON.parse(payload ?? '') as unknown[];
    } catch {
      return;
    }
    if (typeof topic !== 'string' || typeof key !== 'string') return;
    for (const s of this.subscribers.get(topic) ?? []) s.onChange(key);
    this.delivered++;
  }

  private resyncAll(): void {
    for (const list of this.subscribers.values()) for (const s of list) s.onResync();
  }
}
