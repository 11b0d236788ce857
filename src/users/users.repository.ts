import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { applyODataFilterOnly, applyODataQuery, type ODataQuery } from '../graph/odata/index.js';
import { UserEntity } from './user.entity.js';
import { USERS_ODATA } from './users.odata.js';

/** What a user looks like to Graph: the columns a list reads, aliased to entity names. */
export type UserRow = Pick<
  UserEntity,
  | 'id'
  | 'displayName'
  | 'userPrincipalName'
  | 'mail'
  | 'mailNickname'
  | 'givenName'
  | 'surname'
  | 'accountEnabled'
  | 'businessPhones'
  | 'jobTitle'
  | 'mobilePhone'
  | 'officeLocation'
  | 'preferredLanguage'
>;
const USER_COLUMNS = `u.id, u.display_name AS "displayName", u.user_principal_name AS "userPrincipalName", u.mail,
  u.mail_nickname AS "mailNickname", u.given_name AS "givenName", u.surname, u.account_enabled AS "accountEnabled",
  u.business_phones AS "businessPhones", u.job_title AS "jobTitle", u.mobile_phone AS "mobilePhone",
  u.office_location AS "officeLocation", u.preferred_language AS "preferredLanguage"`;

/** One entry of a delta round: a user as it is now, or the id of a deleted one. */
export type UserChange = { seq: bigint; user: UserRow; deletedId?: undefined } | { seq: bigint; deletedId: string; user?: undefined };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

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

  /** One page (pageSize + 1 rows, for the next-link check) and, when asked, the filtered count. */
  async list(tenantId: string, query: ODataQuery): Promise<{ rows: UserRow[]; count?: number }> {
    const base = this.repo.createQueryBuilder('u').where('u.tenant_id = :tenantId', { tenantId });
    const count = query.count && !query.skiptoken ? await applyODataFilterOnly(base.clone(), 'u', USERS_ODATA, query).getCount() : undefined;
    // Raw rows of only the returned columns: entity hydration was most of a page's cost.
    const rows = await applyODataQuery(base.select(USER_COLUMNS), 'u', USERS_ODATA, query).getRawMany<UserRow>();
    return { rows, count };
  }

  /** `users/$count`: the size of the filtered set. */
  count(tenantId: string, query: ODataQuery): Promise<number> {
    const base = this.repo.createQueryBuilder('u').where('u.tenant_id = :tenantId', { tenantId });
    return applyODataFilterOnly(base, 'u', USERS_ODATA, query).getCount();
  }

  /** `getByIds`: the users among these (lower-case GUID) ids; unknown ids are simply absent. */
  findByIds(tenantId: string, ids: string[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('u')
      .select(USER_COLUMNS)
      .where('u.tenant_id = :tenantId', { tenantId })
      .andWhere('u.id IN (:...ids)', { ids })
      .orderBy('u.id')
      .getRawMany<UserRow>();
  }

  /** Whether any directory object (here: a user) of the tenant has this mail alias, case-insensitively. */
  async mailNicknameTaken(tenantId: string, mailNickname: string): Promise<boolean> {
    return this.repo
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId AND lower(u.mail_nickname) = lower(:mailNickname)', { tenantId, mailNickname })
      .getExists();
  }

  /**
   * `users/delta`: users written, and (unless `withDeletions` is false) users deleted, after change
   * number `after`, oldest change first, at most `limit` of each kind (the caller merges and trims).
   */
  async changesSince(tenantId: string, after: string, limit: number, withDeletions: boolean): Promise<UserChange[]> {
    const changed = await this.repo
      .createQueryBuilder('u')
      .select(`${USER_COLUMNS}, u.change_seq::text AS "changeSeq"`)
      .where('u.tenant_id = :tenantId AND u.change_seq > :after', { tenantId, after })
      .orderBy('u.change_seq')
      .limit(limit)
      .getRawMany<UserRow & { changeSeq: string }>();
    const deleted: { id: string; changeSeq: string }[] = withDeletions
      ? await this.repo.manager.query(
          `SELECT id, change_seq::text AS "changeSeq" FROM user_deletions
            WHERE tenant_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3`,
          [tenantId, after, limit],
        )
      : [];
    return [
      ...changed.map(({ changeSeq, ...user }) => ({ seq: BigInt(changeSeq), user })),
      ...deleted.map((d) => ({ seq: BigInt(d.changeSeq), deletedId: d.id })),
    ].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  }

  /**
   * Inserts the user unless one with that id already exists (two first `/me` calls at once both
   * succeed, and one row results). Null when another user already holds the userPrincipalName.
   */
  async insertIfAbsent(user: Partial<UserEntity> & Pick<UserEntity, 'tenantId' | 'id'>): Promise<UserEntity | null> {
    await this.repo.createQueryBuilder().insert().into(UserEntity).values(user).orIgnore().execute();
    return this.repo.findOneBy({ tenantId: user.tenantId, id: user.id });
  }

  /** Inserts a new user; 'duplicate' when the userPrincipalName (or id) is taken. */
  async insert(user: Partial<UserEntity> & Pick<UserEntity, 'tenantId' | 'id'>): Promise<UserEntity | 'duplicate'> {
    try {
      await this.repo.insert(user);
    } catch (e) {
      if (isUniqueViolation(e)) return 'duplicate';
      throw e;
    }
    return (await this.repo.findOneBy({ tenantId: user.tenantId, id: user.id }))!;
  }

  /** Applies a partial update; 'duplicate' when the new userPrincipalName is taken. */
  async update(tenantId: string, id: string, changes: Partial<UserEntity>): Promise<'ok' | 'duplicate'> {
    if (Object.keys(changes).length === 0) return 'ok';
    try {
      await this.repo.update({ tenantId, id }, changes);
      return 'ok';
    } catch (e) {
      if (isUniqueViolation(e)) return 'duplicate';
      throw e;
    }
  }

  /** Deletes the user; their authentication data goes with them (ON DELETE CASCADE). */
  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ tenantId, id });
    return (result.affected ?? 0) > 0;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.code === UNIQUE_VIOLATION || err.driverError?.code === UNIQUE_VIOLATION;
}
