import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { StsErrors } from '../errors/sts-error.js';
import { OutboxRepository, type OutboxChannel, type OutboxMessage } from './outbox.repository.js';

/** At most this many messages per recipient are listed, newest first. */
export const OUTBOX_LIST_LIMIT = 50;
/** Messages are kept this long. */
export const OUTBOX_RETENTION_HOURS = 24;

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The development outbox (DECISIONS §10): the SMS and email messages the identity platform would send (one-time codes),
 * kept per tenant for a day and listed per recipient, so tests and developers read the code instead of a phone.
 */
@Injectable()
export class Outbox {
  private readonly production: boolean;

  constructor(
    config: AppConfig,
    private readonly repo: OutboxRepository,
  ) {
    this.production = config.env === 'production';
  }

  /** Writes one message (and prunes the tenant's expired ones). */
  async send(tenantId: string, to: string, channel: OutboxChannel, text: string, code: string | null): Promise<void> {
    await this.repo.insert(tenantId, to, channel, text, code);
    await this.repo.pruneOlderThan(tenantId, new Date(Date.now() - OUTBOX_RETENTION_HOURS * 3_600_000));
  }

  /** `GET /{tenant}/dev/outbox?to=…`: the recipient's messages, newest first (never in production). */
  async list(tenant: string, to: unknown): Promise<{ value: OutboxMessage[] }> {
    if (this.production || !TENANT_ID.test(tenant)) throw StsErrors.tenantNotFound(tenant.slice(0, 64));
    if (typeof to !== 'string' || to.trim() === '') throw StsErrors.missingParameter('to');
    if (to.length > 320) throw StsErrors.malformedParameter('to');
    return { value: await this.repo.list(tenant.toLowerCase(), to, OUTBOX_LIST_LIMIT) };
  }
}
