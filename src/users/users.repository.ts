import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { UserEntity } from './user.entity.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every TypeORM call on users. All reads and writes are scoped by tenant. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  /** By object id or userPrincipalName (case-insensitive), as `/users/{id | userPrincipalName}`. */
  findByKey(tenantId: string, key: string): Promise<UserEntity | null> {
    if (GUID.test(key)) return this.repo.findOneBy({ tenantId, id: key.toLowerCase() });
    return this.repo
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId', { tenantId })
      .andWhere('lower(u.user_principal_name) = lower(:key)', { key })
      .getOne();
  }

  /**
   * Inserts the user unless one with that id already exists (two first `/me` calls at once both
   * succeed, and one row results). Returns the stored row.
   */
  async insertIfAbsent(user: Partial<UserEntity> & Pick<UserEntity, 'tenantId' | 'id'>): Promise<UserEntity | null> {
    await this.repo.createQueryBuilder().insert().into(UserEntity).values(user).orIgnore().execute();
    // Null when another user already holds this userPrincipalName.
    return this.repo.findOneBy({ tenantId: user.tenantId, id: user.id });
  }

  manager(): EntityManager {
    return this.repo.manager;
  }
}
