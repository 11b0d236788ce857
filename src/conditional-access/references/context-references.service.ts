import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CA_ERROR, caError, listIds } from '../schema/ca-errors.js';
import { ReferenceIndexRepository } from './reference-index.repository.js';

/**
 * DECISIONS §2/§7: an authentication context named by a policy (live or soft-deleted) cannot be deleted.
 * The foreign key from `ca_policy_references.context_id` already refuses the DELETE (so no race can leave a
 * dangling reference); this explains the refusal. AccrService.delete calls `assertDeletable` before deleting
 * and maps a foreign-key violation (23503) to `inUseError`.
 */
@Injectable()
export class ContextReferencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly refs: ReferenceIndexRepository,
  ) {}

  async referrers(tenantId: string, contextId: string): Promise<string[]> {
    return this.refs.referrers(this.db.manager, tenantId, 'context', contextId, false);
  }

  async assertDeletable(tenantId: string, contextId: string): Promise<void> {
    const ids = await this.referrers(tenantId, contextId);
    if (ids.length) throw inUseError(contextId, ids);
  }
}

export function inUseError(contextId: string, policyIds: string[]) {
  return caError(
    CA_ERROR.contextInUse,
    `The authenticationContextClassReference '${contextId}' is referenced by Conditional Access policies: ${listIds(policyIds)}.`,
  );
}

/** A Postgres foreign-key violation (the reference index refused a delete). */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.code === '23503' || err?.driverError?.code === '23503';
}
