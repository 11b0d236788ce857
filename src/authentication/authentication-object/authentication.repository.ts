import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UsersRepository } from '../../users/users.repository.js';
import { AuthenticationEntity } from './authentication.entity.js';

export type AuthenticationStates = Partial<Pick<AuthenticationEntity, 'systemPreferredEnabled' | 'userPreferredMethod' | 'perUserMfaState'>>;

/**
 * Every TypeORM call on the `authentication` objects. Writes hold the
 * user's row (UsersRepository.writeForUser): a user deleted meanwhile is 404.
 */
@Injectable()
export class AuthenticationRepository {
  constructor(
    @InjectRepository(AuthenticationEntity) private readonly repo: Repository<AuthenticationEntity>,
    private readonly users: UsersRepository,
  ) {}

  find(tenantId: string, userId: string): Promise<AuthenticationEntity | null> {
    return this.repo.findOneBy({ tenantId, userId });
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
    return this.users.writeForUser(tenantId, userId, async (m) => {
      const result = await m
        .createQueryBuilder()
        .insert()
        .into(AuthenticationEntity)
        .values({ tenantId, userId, id, ...states })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = (result.raw as unknown[]).length > 0;
      const row = await m.findOneBy(AuthenticationEntity, { tenantId, userId });
      return { row: row ?? undefined, created };
    });
  }

  async updateStates(tenantId: string, userId: string, states: AuthenticationStates): Promise<void> {
    if (Object.keys(states).length === 0) return;
    await this.users.writeForUser(tenantId, userId, (m) => m.update(AuthenticationEntity, { tenantId, userId }, states));
  }
}
