import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in in progress (the page's steps), by the SHA-256 of its random id only; bound to a browser cookie. */
@Entity({ name: 'identity_platform_sign_ins' })
export class SignInTransactionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'id_hash', type: 'char', length: 64 })
  idHash: string;

  /** SHA-256 of the browser cookie the transaction was started with (the form post must carry both). */
  @Column({ name: 'binding_hash', type: 'char', length: 64 })
  bindingHash: string;

  /** What the client asked for (the validated authorize request or the device code's). */
  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  /** `credentials`, `choose`, `otc:<method id>`, `done`. */
  @Column({ type: 'varchar', length: 64 })
  step: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  amr: string[];

  /** The sign-in's methods (authentication-strength mode names: `password`, `sms`, `temporaryAccessPassOneTime`...). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  methods: string[];

  /** Wrong second-factor codes in this sign-in. */
  @Column({ name: 'second_factor_failures', type: 'integer', default: 0 })
  secondFactorFailures: number;

  @Column({ name: 'auth_time', type: 'timestamptz', nullable: true })
  authTime: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
