import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message of the development outbox (`identity_platform_outbox`); queries are in `OutboxRepository`. */
@Entity({ name: 'identity_platform_outbox' })
export class OutboxMessageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 8 })
  channel: string;

  @Column({ type: 'varchar', length: 1024 })
  text: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A pending one-time code (`identity_platform_one_time_codes`), hashed; queries are in `OneTimeCodesRepository`. */
@Entity({ name: 'identity_platform_one_time_codes' })
export class OneTimeCodeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'method_id', type: 'uuid' })
  methodId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'attempts_left', type: 'integer' })
  attemptsLeft: number;
}
