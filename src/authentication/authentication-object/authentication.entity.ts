import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The per-user `authentication` object (DECISIONS §3): one row per user, made on first need. */
@Entity({ name: 'authentications' })
export class AuthenticationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Graph's `id`: generated, or the creating POST's. Unique in the tenant. */
  @Column({ type: 'uuid' })
  id: string;

  /** beta signInPreferences.isSystemPreferredAuthenticationMethodEnabled */
  @Column({ name: 'system_preferred_enabled', type: 'boolean', nullable: true })
  systemPreferredEnabled: boolean | null;

  /** beta signInPreferences.userPreferredMethodForSecondaryAuthentication */
  @Column({ name: 'user_preferred_method', type: 'varchar', length: 32, nullable: true })
  userPreferredMethod: string | null;

  /** beta requirements.perUserMfaState */
  @Column({ name: 'per_user_mfa_state', type: 'varchar', length: 32, default: 'disabled' })
  perUserMfaState: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
