import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EvaluatedLocation, EvaluatedPolicy, EvaluatedStrength, EvaluationData } from './sign-in-evaluation.js';
import { SignInEvaluationCache } from './sign-in-evaluation.cache.js';

/**
 * What one sign-in evaluation reads, scoped by tenant: the live policies (every state: disabled ones are reported
 * as `notEnabled`), the live named locations and the custom strengths.
 * Served from a per-tenant cache that every policy, named location and strength write invalidates on every instance
 * (SignInEvaluationCache; docs/choices.md, performance round four).
 */
@Injectable()
export class SignInEvaluationRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: SignInEvaluationCache,
  ) {}

  /** The tenant's data as in force; shared between evaluations, so never modified by them. */
  load(tenantId: string): Promise<EvaluationData> {
    return this.cache.getOrLoad(tenantId, () => this.read(tenantId));
  }

  private async read(tenantId: string): Promise<EvaluationData> {
    const [policies, locations, strengths] = await Promise.all([
      this.db.query(
        `SELECT p.id, p.display_name AS "displayName", p.description, p.state, p.conditions, p.grant_controls AS "grantControls",
                p.session_controls AS "sessionControls", p.template_id AS "templateId", p.created_at AS "createdAt",
                p.modified_at AS "modifiedAt", p.deleted_at AS "deletedAt"
           FROM ca_policies p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL ORDER BY p.created_at, p.id`,
        [tenantId],
      ) as Promise<EvaluatedPolicy[]>,
      this.db.query(
        `SELECT n.id, n.kind, n.is_trusted AS "isTrusted", n.document
           FROM ca_named_locations n WHERE n.tenant_id = $1 AND n.deleted_at IS NULL`,
        [tenantId],
      ) as Promise<EvaluatedLocation[]>,
      this.db.query(
        `SELECT s.id, s.display_name AS "displayName", s.allowed_combinations AS "allowedCombinations"
           FROM ca_authentication_strengths s WHERE s.tenant_id = $1`,
        [tenantId],
      ) as Promise<EvaluatedStrength[]>,
    ]);
    return { policies, locations, strengths };
  }
}
