import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { pgCode, Transactions } from '../database/transactions.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import { applyODataFilterOnly, readODataPage, type ODataQuery } from '../graph/odata/index.js';
import { UserEntity } from './user.entity.js';
import { selects, USERS_ODATA } from './users.odata.js';
import { GUID_PATTERN as GUID } from '../graph/odata/literals.js';

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
> &
  /** Read only when `$select` names `createdDateTime` / `signInSessionsValidFromDateTime` (`selectedColumns`). */
  Partial<Pick<UserEntity, 'createdAt'>> & { signInSessionsValidFrom?: Date };
const USER_COLUMNS = `u.id, u.display_name AS "displayName", u.user_principal_name AS "userPrincipalName", u.mail,
  u.mail_nickname AS "mailNickname", u.given_name AS "givenName", u.surname, u.account_enabled AS "accountEnabled",
  u.business_phones AS "businessPhones", u.job_title AS "jobTitle", u.mobile_phone AS "mobilePhone",
  u.office_location AS "officeLocation", u.preferred_language AS "preferredLanguage"`;

/**
 * `signInSessionsValidFromDateTime`: the last revocation (revokeSignInSessions, disabling), else the user's creation.
 * `greatest`, not `coalesce`: a revocation row outlives its user, and a user created again with the same id (the
 * seed file's ids) starts from its new creation time. `r` is `user_session_revocations`, joined by `SESSIONS_JOIN`.
 */
const VALID_FROM = 'greatest(u.created_at, r.valid_from)';
const SESSIONS_JOIN = 'r.tenant_id = u.tenant_id AND r.user_id = u.id';

/** The "returned only on $select" columns this `$select` names, as more of a select list (empty when none). */
function selectedColumns(select: readonly string[] | undefined): string {
  let columns = '';
  if (selects(select, 'createdDateTime')) columns += `, u.created_at AS "createdAt"`;
  if (selects(select, 'signInSessionsValidFromDateTime')) columns += `, ${VALID_FROM} AS "signInSessionsValidFrom"`;
  return columns;
}

/** Every column of the entity, aliased to its property (findByKey). */
const ENTITY_COLUMNS = `u.tenant_id AS "tenantId", ${USER_COLUMNS}, u.password_changed_at AS "passwordChangedAt",
  u.force_change_password AS "forceChangePassword", u.created_at AS "createdAt"`;

/** One entry of a delta round: a user as it is now, or the id of a deleted one. */
export type UserChange = { seq: bigint; user: UserRow; deletedId?: undefined } | { seq: bigint; deletedId: string; user?: undefined };

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Every TypeORM call on users. All reads and writes are scoped by tenant; every write runs in a
 * `Transactions` transaction (deadline, retry of deadlocks).
 */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>,
    private readonly tx: Transactions,
  ) {}

  /**
   * Runs a write on rows that belong to the user, in a transaction that first locks the user's row
   * against deletion (FOR KEY SHARE: other writers of the user are not blocked). A user deleted
   * before is `404` (never a foreign-key violation); a delete that comes after waits for the commit
   * and then takes the new rows with it (ON DELETE CASCADE).
   */
  async writeForUser<T>(tenantId: string, userId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(async (m) => {
        const live: unknown[] = await m.query('SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2 FOR KEY SHARE', [tenantId, userId]);
        if (live.length === 0) throw GraphErrors.resourceNotFound(userId);
        return fn(m);
      });
    } catch (e) {
      // Belt and braces: the lock above should make this unreachable.
      if (pgCode(e) === FOREIGN_KEY_VIOLATION) throw GraphErrors.resourceNotFound(userId);
      throw e;
    }
  }
  /**
   * A password reset by an administrator (graph-spec §2.6.5), inside `writeForUser`'s transaction: the new
   * password's hash, and the user must change it at next sign-in. Writes to `users` stay here, not in other modules' repositories.
   */
  async markPasswordReset(m: EntityManager, tenantId: string, userId: string, passwordHash: string, at: Date): Promise<void> {
    await m.query(`UPDATE users SET password_hash = $3, password_changed_at = $4, force_change_password = true WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      userId,
      passwordHash,
      at,
    ]);
  }

  /**
   * By object id or userPrincipalName (case-insensitive), as `/users/{id | userPrincipalName}`. One
   * parameterised statement, columns aliased to the entity's names: every `/users/{id}/…` request starts
   * here, and TypeORM's findOneBy (query building, hydration) was ~5% of a methods list's CPU (issue #17).
   */
  async findByKey(tenantId: string, key: string): Promise<UserEntity | null> {
    const rows: UserEntity[] = GUID.test(key)
      ? await this.repo.query(`SELECT ${ENTITY_COLUMNS} FROM users u WHERE u.tenant_id = $1 AND u.id = $2`, [tenantId, key.toLowerCase()])
      : await this.repo.query(`SELECT ${ENTITY_COLUMNS} FROM users u WHERE u.tenant_id = $1 AND lower(u.user_principal_name) = lower($2)`, [tenantId, key]);
    return rows.length ? Object.assign(new UserEntity(), rows[0]) : null;
  }

  /** The sign-in read: a user's password hash and flags, by object id or userPrincipalName (never in a Graph response). */
  findCredentials(tenantId: string, key: string): Promise<Pick<UserEntity, 'id' | 'accountEnabled' | 'passwordHash' | 'forceChangePassword'> | null> {
    const qb = this.repo
      .createQueryBuilder('u')
      .select(['u.id', 'u.accountEnabled', 'u.forceChangePassword'])
      .addSelect('u.passwordHash')
      .where('u.tenant_id = :tenantId', { tenantId });
    if (GUID.test(key)) qb.andWhere('u.id = :id', { id: key.toLowerCase() });
    else qb.andWhere('lower(u.user_principal_name) = lower(:key)', { key });
    return qb.getOne();
  }

  /** One page (pageSize + 1 rows, for the next-link check) and, when asked, the filtered count. */
  async list(tenantId: string, query: ODataQuery): Promise<{ rows: UserRow[]; count?: number }> {
    return readODataPage<UserRow>(this.selecting(tenantId, query.select), 'u', USERS_ODATA, query, USER_COLUMNS + selectedColumns(query.select));
  }

  /**
   * The tenant's users, joined to their sessions state only when `$select` names `signInSessionsValidFromDateTime`
   * (one statement either way; the default read stays a plain scan of `users`).
   */
  private selecting(tenantId: string, select: readonly string[] | undefined) {
    const qb = this.repo.createQueryBuilder('u');
    if (selects(select, 'signInSessionsValidFromDateTime')) qb.leftJoin('user_session_revocations', 'r', SESSIONS_JOIN);
    return qb.where('u.tenant_id = :tenantId', { tenantId });
  }

  /** One user's `signInSessionsValidFromDateTime` (see VALID_FROM); null when the user is gone. */
  async signInSessionsValidFrom(tenantId: string, userId: string): Promise<Date | null> {
    const rows: { validFrom: Date }[] = await this.repo.query(
      `SELECT ${VALID_FROM} AS "validFrom" FROM users u LEFT JOIN user_session_revocations r ON ${SESSIONS_JOIN}
        WHERE u.tenant_id = $1 AND u.id = $2`,
      [tenantId, userId],
    );
    return rows.length ? rows[0].validFrom : null;
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
   * number `after`, oldest change first, at most `limit` of each kind (the caller merges and trims). `select`: the
   * round's `$select`, for the "returned only on $select" columns.
   */
  async changesSince(tenantId: string, after: string, limit: number, withDeletions: boolean, select?: readonly string[]): Promise<UserChange[]> {
    const changed = await this.selecting(tenantId, select)
      .select(`${USER_COLUMNS}${selectedColumns(select)}, u.change_seq::text AS "changeSeq"`)
      .andWhere('u.change_seq > :after', { after })
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
  insertIfAbsent(user: Partial<UserEntity> & Pick<UserEntity, 'tenantId' | 'id'>): Promise<UserEntity | null> {
    return this.tx.run(async (m) => {
      await m.createQueryBuilder().insert().into(UserEntity).values(user).orIgnore().execute();
      return m.findOneBy(UserEntity, { tenantId: user.tenantId, id: user.id });
    });
  }

  /** Inserts a new user; 'duplicate' when the userPrincipalName (or id) is taken. */
  /** `alsoInTransaction` runs after the insert, in its transaction (the sessions state of a user created disabled). */
  async insert(
    user: Partial<UserEntity> & Pick<UserEntity, 'tenantId' | 'id'>,
    alsoInTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<UserEntity | 'duplicate'> {
    try {
      return await this.tx.run(async (m) => {
        await m.insert(UserEntity, user);
        await alsoInTransaction?.(m);
        return (await m.findOneBy(UserEntity, { tenantId: user.tenantId, id: user.id }))!;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return 'duplicate';
      throw e;
    }
  }

  /**
   * Applies a partial update; 'duplicate' when the new userPrincipalName is taken, 'gone' when the
   * user was deleted meanwhile. A rename locks the user's row, then the old and the new name (in one
   * global order): two renames that swap or chain names take turns instead of each waiting for the
   * other's unique-index entry (a deadlock). Renames to unrelated names do not wait for each other.
   */
  /** `alsoInTransaction` runs after the update, in its transaction (the sessions state of a disabled user). */
  async update(
    tenantId: string,
    id: string,
    changes: Partial<UserEntity>,
    alsoInTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<'ok' | 'duplicate' | 'gone'> {
    if (Object.keys(changes).length === 0) return 'ok';
    try {
      return await this.tx.run(async (m) => {
        if (typeof changes.userPrincipalName === 'string') {
          const rows: { upn: string }[] = await m.query('SELECT user_principal_name AS upn FROM users WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE', [
            tenantId,
            id,
          ]);
          if (rows.length === 0) return 'gone';
          const names = [rows[0].upn, changes.userPrincipalName].map((n) => `upn:${tenantId}:${n.toLowerCase()}`);
          await m.query(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest($1::text[]) AS n ORDER BY k) AS keys`, [
            names,
          ]);
        }
        const result = await m.update(UserEntity, { tenantId, id }, changes);
        if ((result.affected ?? 0) === 0) return 'gone';
        await alsoInTransaction?.(m);
        return 'ok';
      });
    } catch (e) {
      if (isUniqueViolation(e)) return 'duplicate';
      throw e;
    }
  }

  /** Deletes the user; their authentication data goes with them (ON DELETE CASCADE). `alsoInTransaction` as for update. */
  async delete(tenantId: string, id: string, alsoInTransaction?: (m: EntityManager) => Promise<void>): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result = await m.delete(UserEntity, { tenantId, id });
      if ((result.affected ?? 0) === 0) return false;
      await alsoInTransaction?.(m);
      return true;
    });
  }
}

function isUniqueViolation(e: unknown): boolean {
  return pgCode(e) === UNIQUE_VIOLATION;
}
