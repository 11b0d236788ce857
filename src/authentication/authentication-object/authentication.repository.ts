import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UsersRepository } from '../../users/users.repository.js';
import type { AuthenticationEntity } from './authentication.entity.js';

export type AuthenticationStates = Partial<Pick<AuthenticationEntity, 'systemPreferredEnabled' | 'userPreferredMethod' | 'perUserMfaState'>>;

const COLUMNS = `tenant_id AS "tenantId", user_id AS "userId", id, system_preferred_enabled AS "systemPreferredEnabled",
  user_preferred_method AS "userPreferredMethod", per_user_mfa_state AS "perUserMfaState", created_at AS "createdAt"`;
/** The settable states and their columns. */
const STATE_COLUMNS: Record<keyof AuthenticationStates, string> = {
  systemPreferredEnabled: 'system_preferred_enabled',
  userPreferredMethod: 'user_preferred_method',
  perUserMfaState: 'per_user_mfa_state',
};

/**
 * Every query on the `authentication` objects, tenant first. Writes hold the user's row
 * (UsersRepository.writeForUser): a user deleted meanwhile is 404.
 */
@Injectable()
export class AuthenticationRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async find(tenantId: string, userId: string): Promise<AuthenticationEntity | null> {
    const rows: AuthenticationEntity[] = await this.db.query(`SELECT ${COLUMNS} FROM authentications WHERE tenant_id = $1 AND user_id = $2`, [
      tenantId,
      userId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Creates the user's object unless one exists (two first calls at once: one creates). `created`
   * is false when it existed; `row` is undefined only when `id` belongs to another user's object.
   */
  async ensure(
    tenantId: string,
    userId: string,
    id: string,
    states: AuthenticationStates = {},
  ): Promise<{ row: AuthenticationEntity | undefined; created: boolean }> {
    const keys = Object.keys(states) as (keyof AuthenticationStates)[];
    const columns = ['tenant_id', 'user_id', 'id', ...keys.map((k) => STATE_COLUMNS[k])];
    const values = [tenantId, userId, id, ...keys.map((k) => states[k])];
    return this.users.writeForUser(tenantId, userId, async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO authentications (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT DO NOTHING RETURNING id`,
        values,
      );
      const rows: AuthenticationEntity[] = await m.query(`SELECT ${COLUMNS} FROM authentications WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
      return { row: rows[0], created: inserted.length > 0 };
    });
  }

  async updateStates(tenantId: string, userId: string, states: AuthenticationStates): Promise<void> {
    const keys = (Object.keys(states) as (keyof AuthenticationStates)[]).filter((k) => states[k] !== undefined);
    if (keys.length === 0) return;
    const set = keys.map((k, i) => `${STATE_COLUMNS[k]} = $${i + 3}`).join(', ');
    await this.users.writeForUser(tenantId, userId, (m) =>
      m.query(`UPDATE authentications SET ${set} WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId, ...keys.map((k) => states[k])]),
    );
  }
}
