import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type OutboxChannel = 'sms' | 'email';

export interface OutboxMessage {
  to: string;
  channel: OutboxChannel;
  text: string;
  code: string | null;
  createdDateTime: string;
}

/** How a recipient is matched: phone numbers without spaces, addresses lower-cased. */
export const recipientKey = (to: string) => to.replace(/\s+/g, '').toLowerCase();

/** Every query on `identity_platform_outbox`, tenant first. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(tenantId: string, to: string, channel: OutboxChannel, text: string, code: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO identity_platform_outbox (tenant_id, id, recipient, recipient_key, channel, text, code, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, randomUUID(), to.slice(0, 320), recipientKey(to).slice(0, 320), channel, text.slice(0, 1024), code, new Date()],
    );
  }

  async list(tenantId: string, to: string, limit: number): Promise<OutboxMessage[]> {
    const rows: { to: string; channel: OutboxChannel; text: string; code: string | null; createdAt: Date }[] = await this.db.query(
      `SELECT recipient AS "to", channel, text, code, created_at AS "createdAt" FROM identity_platform_outbox
        WHERE tenant_id = $1 AND recipient_key = $2 ORDER BY created_at DESC, id LIMIT $3`,
      [tenantId, recipientKey(to), limit],
    );
    return rows.map((r) => ({ to: r.to, channel: r.channel, text: r.text, code: r.code, createdDateTime: new Date(r.createdAt).toISOString() }));
  }

  /** Messages older than `before` go (the outbox is a development aid, not an archive). */
  async pruneOlderThan(tenantId: string, before: Date): Promise<void> {
    await this.db.query(`DELETE FROM identity_platform_outbox WHERE tenant_id = $1 AND created_at < $2`, [tenantId, before]);
  }
}
