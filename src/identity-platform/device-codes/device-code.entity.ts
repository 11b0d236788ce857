import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A device authorization (RFC 8628): `pending` → `approved` (the user signed in on the page) → `redeemed`, or
 * `pending` → `declined` (Cancel on the page) → `declined-spent` (the one poll told `authorization_declined`).
 */
@Entity({ name: 'identity_platform_device_codes' })
export class DeviceCodeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'device_code_hash', type: 'char', length: 64 })
  deviceCodeHash: string;

  @Column({ name: 'user_code_hash', type: 'char', length: 64 })
  userCodeHash: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ type: 'varchar', length: 2048 })
  scope: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  amr: string[];

  /** The sign-in's methods (authentication-strength mode names: `password`, `sms`, `temporaryAccessPassOneTime`...). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  methods: string[];

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
