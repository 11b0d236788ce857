import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { UsersRepository } from '../../users/users.repository.js';
import { PHONE_IDS } from './families/method-ids.js';
import type { MethodKind, StoredMethod } from './families/method-families.js';

export interface NewMethod {
  readonly tenantId: string;
  readonly userId: string;
  readonly id: string;
  readonly kind: MethodKind;
  readonly properties: Record<string, unknown>;
  readonly createdAt: Date | null;
}

interface MethodRow {
  id: string;
  kind: MethodKind;
  properties: Record<string, unknown>;
  created_at: Date | null;
}

const toStored = (r: MethodRow): StoredMethod => ({ id: r.id, kind: r.kind, properties: r.properties ?? {}, createdAt: r.created_at });

const COLUMNS = 'id, kind, properties, created_at';

/** Postgres returns [rows, count] for UPDATE/DELETE through TypeORM's query(). */
const rowsOf = (result: unknown): MethodRow[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as MethodRow[]));

/** Every query on `authentication_methods`, always scoped by tenant and user; usable inside a transaction. */
export class MethodQueries {
  constructor(protected readonly manager: EntityManager) {}

  async list(tenantId: string, userId: string, kind?: MethodKind): Promise<StoredMethod[]> {
    const rows: MethodRow[] = await this.manager.query(
      `SELECT ${COLUMNS} FROM authentication_methods
        WHERE tenant_id = $1 AND user_id = $2 AND ($3::varchar IS NULL OR kind = $3)
        ORDER BY created_at ASC NULLS FIRST, id`,
      [tenantId, userId, kind ?? null],
    );
    return rows.map(toStored);
  }

  async find(tenantId: string, userId: string, id: string, kind?: MethodKind): Promise<StoredMethod | undefined> {
    const rows: MethodRow[] = await this.manager.query(
      `SELECT ${COLUMNS} FROM authentication_methods
        WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND ($4::varchar IS NULL OR kind = $4)`,
      [tenantId, userId, id, kind ?? null],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Insert unless the id is taken; undefined on conflict (the caller's 409). Never read-then-write. */
  async insertIfAbsent(m: NewMethod): Promise<StoredMethod | undefined> {
    const rows: MethodRow[] = await this.manager.query(
      `INSERT INTO authentication_methods (tenant_id, user_id, id, kind, properties, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (tenant_id, user_id, id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [m.tenantId, m.userId, m.id, m.kind, JSON.stringify(m.properties), m.createdAt],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Insert or overwrite by id (fixtures). */
  async upsert(m: NewMethod): Promise<void> {
    await this.manager.query(
      `INSERT INTO authentication_methods (tenant_id, user_id, id, kind, properties, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (tenant_id, user_id, id) DO UPDATE SET kind = EXCLUDED.kind, properties = EXCLUDED.properties,
         created_at = EXCLUDED.created_at`,
      [m.tenantId, m.userId, m.id, m.kind, JSON.stringify(m.properties), m.createdAt],
    );
  }

  /** A user's one TAP: a new pass replaces the old one in one statement (graph-spec §2.6.8). */
  async replaceTemporaryAccessPass(m: NewMethod): Promise<StoredMethod> {
    const rows: MethodRow[] = await this.manager.query(
      `INSERT INTO authentication_methods (tenant_id, user_id, id, kind, properties, created_at)
       VALUES ($1, $2, $3, 'temporaryAccessPass', $4::jsonb, $5)
       ON CONFLICT (tenant_id, user_id) WHERE kind = 'temporaryAccessPass'
       DO UPDATE SET id = EXCLUDED.id, properties = EXCLUDED.properties, created_at = EXCLUDED.created_at
       RETURNING ${COLUMNS}`,
      [m.tenantId, m.userId, m.id, JSON.stringify(m.properties), m.createdAt],
    );
    return toStored(rows[0]);
  }

  /** Merges `patch` into the stored properties; undefined when the method is gone. */
  async updateProperties(tenantId: string, userId: string, id: string, kind: MethodKind, patch: Record<string, unknown>): Promise<StoredMethod | undefined> {
    const result = await this.manager.query(
      `UPDATE authentication_methods SET properties = properties || $5::jsonb
        WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND kind = $4
        RETURNING ${COLUMNS}`,
      [tenantId, userId, id, kind, JSON.stringify(patch)],
    );
    const rows = rowsOf(result);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** True when a row was deleted. */
  async delete(tenantId: string, userId: string, id: string, kind: MethodKind): Promise<boolean> {
    const result = await this.manager.query(`DELETE FROM authentication_methods WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND kind = $4 RETURNING id`, [
      tenantId,
      userId,
      id,
      kind,
    ]);
    return rowsOf(result).length > 0;
  }

  /**
   * Another user of the tenant registered this mobile number for SMS sign-in before `enabledAt`
   * (ties broken by user id), so this user's registration is `phoneNumberNotUnique`.
   */
  async smsNumberTakenBefore(tenantId: string, userId: string, phoneNumber: string, enabledAt: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM authentication_methods
        WHERE tenant_id = $1 AND kind = 'phone' AND id = $2 AND properties->>'phoneNumber' = $3 AND user_id <> $4
          AND properties->>'smsSignInEnabledAt' IS NOT NULL
          AND ((properties->>'smsSignInEnabledAt')::timestamptz, user_id) < ($5::timestamptz, $4::uuid)
        LIMIT 1`,
      [tenantId, PHONE_IDS.mobile, phoneNumber, userId, enabledAt],
    );
    return rows.length > 0;
  }
}

/**
 * Every TypeORM call on authentication methods. Reads are single statements; every write runs in
 * a transaction that holds the user's row (a user deleted meanwhile is 404, not a foreign-key error).
 */
@Injectable()
export class AuthenticationMethodsRepository extends MethodQueries {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {
    super(dataSource.manager);
  }

  private write<T>(tenantId: string, userId: string, fn: (q: MethodQueries) => Promise<T>): Promise<T> {
    return this.users.writeForUser(tenantId, userId, (m) => fn(new MethodQueries(m)));
  }

  override insertIfAbsent(m: NewMethod): Promise<StoredMethod | undefined> {
    return this.write(m.tenantId, m.userId, (q) => q.insertIfAbsent(m));
  }

  override upsert(m: NewMethod): Promise<void> {
    return this.write(m.tenantId, m.userId, (q) => q.upsert(m));
  }

  override replaceTemporaryAccessPass(m: NewMethod): Promise<StoredMethod> {
    return this.write(m.tenantId, m.userId, (q) => q.replaceTemporaryAccessPass(m));
  }

  override updateProperties(tenantId: string, userId: string, id: string, kind: MethodKind, patch: Record<string, unknown>): Promise<StoredMethod | undefined> {
    return this.write(tenantId, userId, (q) => q.updateProperties(tenantId, userId, id, kind, patch));
  }

  override delete(tenantId: string, userId: string, id: string, kind: MethodKind): Promise<boolean> {
    return this.write(tenantId, userId, (q) => q.delete(tenantId, userId, id, kind));
  }

  /**
   * Runs `fn` in a transaction holding a per-user lock, for rules that span rows (an alternate
   * mobile needs a mobile; the mobile stays while an alternate exists): concurrent writers on one
   * user's phones take turns, so neither rule can be raced past.
   */
  withUserLock<T>(tenantId: string, userId: string, fn: (q: MethodQueries) => Promise<T>): Promise<T> {
    return this.users.writeForUser(tenantId, userId, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`authentication-methods:${tenantId}:${userId}`]);
      return fn(new MethodQueries(m));
    });
  }
}
