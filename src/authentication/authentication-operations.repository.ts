import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthenticationOperationEntity } from './authentication-operation.entity.js';

/** Every TypeORM call on `authentication_operations`, plus the password stamp a reset leaves on the user. */
@Injectable()
export class AuthenticationOperationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(AuthenticationOperationEntity);
  }

  list(tenantId: string, userId: string): Promise<AuthenticationOperationEntity[]> {
    return this.repo.find({ where: { tenantId, userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(tenantId: string, userId: string, id: string): Promise<AuthenticationOperationEntity | null> {
    return this.repo.findOneBy({ tenantId, userId, id });
  }

  /**
   * Records a finished password reset: the new password's hash, the user must change it at next sign-in, and the
   * operation is kept for `operations/{id}`. One transaction: both or neither; a user deleted
   * meanwhile is 404.
   */
  async recordPasswordReset(passwordHash: string, operation: AuthenticationOperationEntity): Promise<void> {
    await this.users.writeForUser(operation.tenantId, operation.userId, async (m) => {
      await m
        .createQueryBuilder()
        .update(UserEntity)
        .set({ passwordHash, passwordChangedAt: operation.createdAt, forceChangePassword: true })
        .where('tenant_id = :tenantId AND id = :userId', { tenantId: operation.tenantId, userId: operation.userId })
        .execute();
      await m.insert(AuthenticationOperationEntity, operation);
    });
  }
}
