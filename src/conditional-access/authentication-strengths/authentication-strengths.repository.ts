import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaRepository } from '../ca-repository.js';
import { returnedRows } from '../schema/ca-responses.js';
import type { StrengthInput } from './strength-rules.js';

export interface StrengthRow extends StrengthInput {
  id: string;
  createdAt: Date;
  modifiedAt: Date;
}

const COLUMNS = `s.id, s.display_name AS "displayName", s.description, s.allowed_combinations AS "allowedCombinations",
  s.combination_configurations AS "combinationConfigurations", s.created_at AS "createdAt", s.modified_at AS "modifiedAt"`;

/** Every query on custom strengths (`ca_authentication_strengths`), scoped by tenant. */
@Injectable()
export class AuthenticationStrengthsRepository extends CaRepository {
  /** All custom strengths of the tenant (at most 15: lists filter them in memory with the built-ins). */
  async list(tenantId: string): Promise<StrengthRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM ca_authentication_strengths s WHERE s.tenant_id = $1 ORDER BY s.created_at, s.id`, [tenantId]);
  }

  async findMany(tenantId: string, ids: string[]): Promise<StrengthRow[]> {
    if (!ids.length) return [];
    return this.db.query(`SELECT ${COLUMNS} FROM ca_authentication_strengths s WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])`, [tenantId, ids]);
  }

  async lock(m: EntityManager, tenantId: string, id: string): Promise<StrengthRow | null> {
    const rows: StrengthRow[] = await m.query(`SELECT ${COLUMNS} FROM ca_authentication_strengths s WHERE s.tenant_id = $1 AND s.id = $2 FOR UPDATE`, [
      tenantId,
      id,
    ]);
    return rows[0] ?? null;
  }

  /** The per-tenant count under a transaction-scoped advisory lock (the 15-strength limit cannot race). */
  async lockTenantCount(m: EntityManager, tenantId: string): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('ca_authentication_strengths:' || $1, 0))`, [tenantId]);
    const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ca_authentication_strengths WHERE tenant_id = $1`, [tenantId]);
    return rows[0].n;
  }

  async insert(m: EntityManager, tenantId: string, id: string, v: StrengthInput): Promise<StrengthRow> {
    await this.evaluations.changed(m, tenantId);
    const rows: StrengthRow[] = await m.query(
      `INSERT INTO ca_authentication_strengths AS s (tenant_id, id, display_name, description, allowed_combinations,
         combination_configurations)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [tenantId, id, v.displayName, v.description, v.allowedCombinations, JSON.stringify(v.combinationConfigurations)],
    );
    return rows[0];
  }

  async update(m: EntityManager, tenantId: string, id: string, v: StrengthInput): Promise<StrengthRow> {
    await this.evaluations.changed(m, tenantId);
    const rows = returnedRows<StrengthRow>(
      await m.query(
        `UPDATE ca_authentication_strengths AS s SET display_name = $3, description = $4, allowed_combinations = $5,
         combination_configurations = $6, modified_at = now()
       WHERE s.tenant_id = $1 AND s.id = $2 RETURNING ${COLUMNS}`,
        [tenantId, id, v.displayName, v.description, v.allowedCombinations, JSON.stringify(v.combinationConfigurations)],
      ),
    );
    return rows[0];
  }

  async delete(m: EntityManager, tenantId: string, id: string): Promise<void> {
    await this.evaluations.changed(m, tenantId);
    await m.query(`DELETE FROM ca_authentication_strengths WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }
}
