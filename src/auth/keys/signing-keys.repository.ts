import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity.js';

/** Any constant: names "signing key creation" among advisory locks. */
const KEY_LOCK = 727_002;

@Injectable()
export class SigningKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active key and the retired ones still inside their publication window. */
  findPublished(retiredAfter: Date): Promise<SigningKeyEntity[]> {
    return this.dataSource.getRepository(SigningKeyEntity).find({
      where: [{ retiredAt: IsNull() }, { retiredAt: MoreThan(retiredAfter) }],
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Runs `fn` holding a transaction-scoped advisory lock, so two instances that boot (or rotate)
   * at once do not both create a key.
   */
  withKeyLock<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      return fn(m);
    });
  }

  findActive(m: EntityManager): Promise<SigningKeyEntity | null> {
    return m.getRepository(SigningKeyEntity).findOneBy({ retiredAt: IsNull() });
  }

  async retireActive(m: EntityManager, at: Date): Promise<void> {
    await m.getRepository(SigningKeyEntity).update({ retiredAt: IsNull() }, { retiredAt: at });
  }

  async insert(m: EntityManager, key: Omit<SigningKeyEntity, 'createdAt'>): Promise<void> {
    await m.getRepository(SigningKeyEntity).insert(key);
  }
}
