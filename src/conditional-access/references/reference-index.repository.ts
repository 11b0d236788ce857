import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isGuid } from '../../graph/odata/literals.js';
import type { PolicyReferences } from './policy-references.js';

export interface MissingReferences {
  locations: string[];
  contexts: string[];
  strength: string | null;
}

/**
 * The reference index (`ca_policy_references`) and the locking scheme around it (docs/conditional-access.md):
 * every call runs inside the caller's transaction.
 *
 * - A policy write locks each live object it names `FOR SHARE` before it writes its reference rows. A soft
 *   delete is an UPDATE, which takes `FOR NO KEY UPDATE` and so waits for (or is waited on by) that share lock.
 * - A delete locks its target `FOR UPDATE` first, then looks for referrers. Either the policy committed first
 *   (the delete sees its rows and refuses) or the delete did (the policy's `FOR SHARE ... deleted_at IS NULL`
 *   re-reads the updated row, finds it deleted, and refuses). Hard deletes are also held by the foreign keys.
 */
@Injectable()
export class ReferenceIndexRepository {
  /** Locks the live objects `refs` names; returns those that do not exist (or are soft-deleted). */
  async lockTargets(m: EntityManager, tenantId: string, refs: PolicyReferences): Promise<MissingReferences> {
    const missing: MissingReferences = { locations: [], contexts: [], strength: null };
    if (refs.locations.length) {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM ca_named_locations WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL
         ORDER BY id FOR SHARE`,
        [tenantId, refs.locations],
      );
      const found = new Set(rows.map((r) => r.id));
      missing.locations = refs.locations.filter((l) => !found.has(l));
    }
    if (refs.contexts.length) {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM authentication_context_class_references WHERE tenant_id = $1 AND id = ANY($2::varchar[])
         ORDER BY id FOR SHARE`,
        [tenantId, refs.contexts],
      );
      const found = new Set(rows.map((r) => r.id));
      missing.contexts = refs.contexts.filter((c) => !found.has(c));
    }
    // A strength id that is no GUID names nothing (and must not reach the uuid column).
    if (refs.strength && !isGuid(refs.strength)) missing.strength = refs.strength;
    else if (refs.strength) {
      const rows: unknown[] = await m.query(`SELECT 1 FROM ca_authentication_strengths WHERE tenant_id = $1 AND id = $2 FOR SHARE`, [tenantId, refs.strength]);
      if (!rows.length) missing.strength = refs.strength;
    }
    return missing;
  }

  /** Replaces the policy's rows with `refs` (after lockTargets in the same transaction). */
  async replace(m: EntityManager, tenantId: string, policyId: string, refs: PolicyReferences): Promise<void> {
    await m.query(`DELETE FROM ca_policy_references WHERE tenant_id = $1 AND policy_id = $2`, [tenantId, policyId]);
    const rows: [string | null, string | null, string | null, string | null, string | null][] = [
      ...refs.locations.map((l) => [l, null, null, null, null] as const),
      ...(refs.strength ? [[null, refs.strength, null, null, null] as const] : []),
      ...refs.contexts.map((c) => [null, null, c, null, null] as const),
      ...(refs.builtInStrength ? [[null, null, null, refs.builtInStrength, null] as const] : []),
      ...(refs.template ? [[null, null, null, null, refs.template] as const] : []),
    ].map((r) => [...r]);
    if (!rows.length) return;
    const values = rows.map((_, i) => `($1, $2, ${i}, $${3 + i * 5}::uuid, $${4 + i * 5}::uuid, $${5 + i * 5}, $${6 + i * 5}::uuid, $${7 + i * 5}::uuid)`);
    await m.query(
      `INSERT INTO ca_policy_references
         (tenant_id, policy_id, ordinal, location_id, strength_id, context_id, built_in_strength_id, template_id)
       VALUES ${values.join(', ')}`,
      [tenantId, policyId, ...rows.flat()],
    );
  }

  /** Policies naming a location / custom strength / context / built-in strength; `liveOnly` skips soft-deleted ones. */
  async referrers(
    m: EntityManager,
    tenantId: string,
    kind: 'location' | 'strength' | 'context' | 'builtInStrength',
    id: string,
    liveOnly: boolean,
  ): Promise<string[]> {
    const column = { location: 'location_id', strength: 'strength_id', context: 'context_id', builtInStrength: 'built_in_strength_id' }[kind];
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT p.id FROM ca_policy_references r
         JOIN ca_policies p ON p.tenant_id = r.tenant_id AND p.id = r.policy_id
       WHERE r.tenant_id = $1 AND r.${column} = $2 ${liveOnly ? 'AND p.deleted_at IS NULL' : ''}
       ORDER BY p.id`,
      [tenantId, id],
    );
    return rows.map((r) => r.id);
  }

  /** Drops the rows of soft-deleted policies naming `id`, so the object can go (their restore re-checks). */
  async forgetFromDeletedPolicies(m: EntityManager, tenantId: string, kind: 'location' | 'strength', id: string): Promise<void> {
    const column = kind === 'location' ? 'location_id' : 'strength_id';
    await m.query(
      `DELETE FROM ca_policy_references r USING ca_policies p
       WHERE r.tenant_id = $1 AND r.${column} = $2 AND p.tenant_id = r.tenant_id AND p.id = r.policy_id
         AND p.deleted_at IS NOT NULL`,
      [tenantId, id],
    );
  }
}
