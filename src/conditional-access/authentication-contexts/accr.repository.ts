import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { readODataPage, type ODataQuery } from '../../graph/odata/index.js';
import { AccrEntity } from './accr.entity.js';
import { ACCR_LIST_QUERY } from './accr.odata.js';

/** The writable properties of a context; `undefined` = not sent (keep), `null` = clear. */
export interface AccrChanges {
  displayName?: string | null;
  description?: string | null;
  isAvailable?: boolean;
}

export type AccrRow = Pick<AccrEntity, 'id' | 'displayName' | 'description' | 'isAvailable'>;

const TABLE = 'authentication_context_class_references';
/** Graph property → column, for the SET list of an update. Never built from request text. */
const COLUMNS = { displayName: 'display_name', description: 'description', isAvailable: 'is_available' } as const;
const RETURNING = `a.id, a.display_name AS "displayName", a.description, a.is_available AS "isAvailable"`;

/**
 * Every TypeORM call on contexts, always scoped by tenant. Writes are single statements, so
 * concurrent creates of one id can neither fail nor make two rows; each runs in a `Transactions`
 * transaction, so a 503 means it was not applied.
 */
@Injectable()
export class AccrRepository {
  constructor(
    @InjectRepository(AccrEntity) private readonly repo: Repository<AccrEntity>,
    private readonly tx: Transactions,
  ) {}

  /** The hot read: one statement, only the returned columns, no entity hydration. */
  async findOne(tenantId: string, id: string): Promise<AccrRow | null> {
    const rows: AccrRow[] = await this.repo.query(`SELECT ${RETURNING} FROM ${TABLE} AS a WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /** One page of the list (no paging: at most 25 rows), plus the count when `$count=true`. */
  async list(tenantId: string, query: ODataQuery): Promise<{ rows: AccrRow[]; count?: number }> {
    const qb = this.repo.createQueryBuilder('a').where('a.tenantId = :tenantId', { tenantId });
    return readODataPage<AccrRow>(qb, 'a', ACCR_LIST_QUERY, query, RETURNING);
  }

  /** Inserts the context unless the id is taken; null when it was (the caller answers 409). */
  async insertIfAbsent(tenantId: string, id: string, values: AccrChanges): Promise<AccrRow | null> {
    const rows: AccrRow[] = await this.tx.run((m) =>
      m.query(
        `INSERT INTO ${TABLE} AS a (tenant_id, id, display_name, description, is_available)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, id) DO NOTHING
         RETURNING ${RETURNING}`,
        [tenantId, id, ...insertValues(values)],
      ),
    );
    return rows[0] ?? null;
  }

  /**
   * Creates the context, or merges `changes` into the existing one (omitted properties keep their
   * values). `inserted` tells which happened: `xmax = 0` only on a freshly inserted row version. A `guard`
   * runs first, in the same transaction, with the context's row locked (it may throw to refuse the write).
   */
  async upsert(tenantId: string, id: string, changes: AccrChanges, guard?: (m: EntityManager) => Promise<void>): Promise<{ row: AccrRow; inserted: boolean }> {
    const set = (Object.keys(COLUMNS) as (keyof AccrChanges)[]).filter((k) => changes[k] !== undefined).map((k) => `${COLUMNS[k]} = EXCLUDED.${COLUMNS[k]}`);
    const rows: (AccrRow & { inserted: boolean })[] = await this.tx.run(async (m) => {
      if (guard) {
        // The row is locked before the guard looks (a binding locks it FOR SHARE): no bind can slip in between.
        await m.query(`SELECT 1 FROM ${TABLE} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
        await guard(m);
      }
      return m.query(
        `INSERT INTO ${TABLE} AS a (tenant_id, id, display_name, description, is_available)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, id) DO UPDATE SET ${[...set, 'updated_at = now()'].join(', ')}
         RETURNING ${RETURNING}, (a.xmax = 0) AS inserted`,
        [tenantId, id, ...insertValues(changes)],
      );
    });
    const { inserted, ...row } = rows[0];
    return { row, inserted };
  }

  /** Deletes the context only while it is unpublished; false when nothing was deleted. */
  async deleteUnpublished(tenantId: string, id: string): Promise<boolean> {
    const result = await this.tx.run((m) =>
      m.createQueryBuilder().delete().from(AccrEntity).where('tenant_id = :tenantId AND id = :id AND is_available = false', { tenantId, id }).execute(),
    );
    return (result.affected ?? 0) > 0;
  }
}

/** A new row: what was sent, defaults for the rest (`isAvailable` false, graph-spec §1.1). */
function insertValues(v: AccrChanges): [string | null, string | null, boolean] {
  return [v.displayName ?? null, v.description ?? null, v.isAvailable ?? false];
}
