import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { publishChange } from '../../database/change-feed.js';
import { Transactions } from '../../database/transactions.js';

type Json = Record<string, unknown>;

export interface PolicyRow {
  document: Json;
  version: string;
  lastModifiedAt: Date;
}

export interface ConfigurationRow {
  id: string;
  kind: string;
  document: Json;
}

/** ChangeFeed topic of policy changes: the key is the tenant id. */
export const POLICY_TOPIC = 'authentication-methods-policy';

const POLICY_COLUMNS = `document, version::text AS version, last_modified_at AS "lastModifiedAt"`;

/** Every query on the authentication methods policy tables, tenant first. */
@Injectable()
export class AuthenticationMethodsPolicyRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
  ) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  /** Reads go to the pool, or to the caller's transaction (`m`) to see its own writes. */
  async findPolicy(tenantId: string, m?: EntityManager): Promise<PolicyRow | null> {
    const rows: PolicyRow[] = await (m ?? this.db).query(`SELECT ${POLICY_COLUMNS} FROM authentication_methods_policies WHERE tenant_id = $1`, [tenantId]);
    return rows[0] ?? null;
  }

  /** Built-in overrides and external methods, externals in creation order. */
  listConfigurations(tenantId: string, m?: EntityManager): Promise<ConfigurationRow[]> {
    return (m ?? this.db).query(`SELECT id, kind, document FROM authentication_method_configurations WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
  }

  /** The tenant's policy with Graph's defaults, created on first need (DECISIONS §8); two first calls at once: one creates. */
  async ensurePolicy(tenantId: string, defaults: Json): Promise<void> {
    await this.tx.run((m) =>
      m.query(`INSERT INTO authentication_methods_policies (tenant_id, document) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`, [
        tenantId,
        JSON.stringify(defaults),
      ]),
    );
  }

  /** The writes of a transaction (`transaction`'s manager, or the fixture loader's). */
  writes(m: EntityManager): PolicyWrites {
    return new PolicyWrites(m);
  }
}

/** Every write on the policy tables, on one transaction's EntityManager. */
export class PolicyWrites {
  constructor(private readonly m: EntityManager) {}

  /** Holds the tenant's policy row for the transaction: every policy write of a tenant goes one at a time. */
  async lockPolicy(tenantId: string, defaults: Json): Promise<PolicyRow> {
    await this.m.query(`INSERT INTO authentication_methods_policies (tenant_id, document) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`, [
      tenantId,
      JSON.stringify(defaults),
    ]);
    const rows: PolicyRow[] = await this.m.query(`SELECT ${POLICY_COLUMNS} FROM authentication_methods_policies WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
    return rows[0];
  }

  /**
   * Records a change: the policy's document (when given), a new version and modification time, and a
   * notification that Postgres delivers to every instance's listener when the transaction commits.
   */
  async touch(tenantId: string, document?: Json): Promise<void> {
    await this.m.query(
      `UPDATE authentication_methods_policies
       SET document = COALESCE($2::jsonb, document), version = version + 1, last_modified_at = now()
       WHERE tenant_id = $1`,
      [tenantId, document === undefined ? null : JSON.stringify(document)],
    );
    await publishChange(this.m, POLICY_TOPIC, tenantId);
  }

  async saveConfiguration(tenantId: string, key: string, kind: string, document: Json): Promise<void> {
    await this.m.query(
      `INSERT INTO authentication_method_configurations (tenant_id, id, kind, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, id) DO UPDATE SET document = EXCLUDED.document`,
      [tenantId, key, kind, JSON.stringify(document)],
    );
  }

  async deleteConfiguration(tenantId: string, key: string): Promise<boolean> {
    const [, count] = (await this.m.query(`DELETE FROM authentication_method_configurations WHERE tenant_id = $1 AND id = $2`, [tenantId, key])) as [
      unknown,
      number,
    ];
    return count > 0;
  }
}
