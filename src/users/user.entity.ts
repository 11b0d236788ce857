import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A directory user (DECISIONS §5). Tenant id leads the key: no query can forget the tenant. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256, nullable: true })
  displayName: string | null;

  /** Unique per tenant, case-insensitively (index on lower(user_principal_name)). */
  @Column({ name: 'user_principal_name', type: 'varchar', length: 113 })
  userPrincipalName: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  mail: string | null;

  @Column({ name: 'mail_nickname', type: 'varchar', length: 64, nullable: true })
  mailNickname: string | null;

  @Column({ name: 'given_name', type: 'varchar', length: 64, nullable: true })
  givenName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  surname: string | null;

  /** Graph's string collection is never null: an empty array when there is none. */
  @Column({ name: 'business_phones', type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  businessPhones: string[];

  @Column({ name: 'job_title', type: 'varchar', length: 128, nullable: true })
  jobTitle: string | null;

  @Column({ name: 'mobile_phone', type: 'varchar', length: 64, nullable: true })
  mobilePhone: string | null;

  @Column({ name: 'office_location', type: 'varchar', length: 128, nullable: true })
  officeLocation: string | null;

  @Column({ name: 'preferred_language', type: 'varchar', length: 64, nullable: true })
  preferredLanguage: string | null;

  @Column({ name: 'account_enabled', type: 'boolean', nullable: true })
  accountEnabled: boolean | null;

  /** scrypt hash of the password (`password-hash.ts`); never selected with the user, never returned. */
  @Column({ name: 'password_hash', type: 'varchar', length: 256, nullable: true, select: false })
  passwordHash: string | null;

  /** When a password was last set (passwordProfile is write-only; only its hash is stored). */
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ name: 'force_change_password', type: 'boolean', default: false })
  forceChangePassword: boolean;

  /** Graph's `createdDateTime`: whole seconds, as Graph returns it (migration 1795360017600). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 0, default: () => "date_trunc('second', now())" })
  createdAt: Date;
}
