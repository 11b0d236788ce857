import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UsersRepository } from '../../users/users.repository.js';
import type { AuthenticationOperationEntity } from './authentication-operation.entity.js';

const COLUMNS = `tenant_id AS "tenantId", user_id AS "userId", id, status, status_detail AS "statusDetail",
  resource_location AS "resourceLocation", created_at AS "createdAt", last_action_at AS "lastActionAt"`;

/** Every query on `authentication_operations`, tenant first; the user's own row is UsersRepository's. */
@Injectable()
export class AuthenticationOperationsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
  ) {}

  list(tenantId: string, userId: string): Promise<AuthenticationOperationEntity[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM authentication_operations WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, id`, [tenantId, userId]);
  }

  async find(tenantId: string, userId: string, id: string): Promise<AuthenticationOperationEntity | null> {
    const rows: AuthenticationOperationEntity[] = await this.db.query(
      `SELECT ${COLUMNS} FROM authentication_operations WHERE tenant_id = $1 AND user_id = $2 AND id = $3`,
      [tenantId, userId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * Records a finished password reset: the new password's hash, the user must change it at next sign-in, and the
   * operation is kept for `operations/{id}`. One transaction: both or neither; a user deleted
   * meanwhile is 404.
   */
  async recordPasswordReset(passwordHash: string, operation: AuthenticationOperationEntity): Promise<void> {
    const o = operation;
    await this.users.writeForUser(o.tenantId, o.userId, async (m) => {
      await this.users.markPasswordReset(m, o.tenantId, o.userId, passwordHash, o.createdAt);
      await m.query(
        `INSERT INTO authentication_operations (tenant_id, user_id, id, status, status_detail, resource_location, created_at, last_action_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [o.tenantId, o.userId, o.id, o.status, o.statusDetail, o.resourceLocation, o.createdAt, o.lastActionAt],
      );
    });
  }
}
