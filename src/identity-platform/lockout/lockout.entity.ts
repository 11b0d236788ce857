import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's smart-lockout state (`identity_platform_lockouts`); queries are in `LockoutRepository`. */
@Entity({ name: 'identity_platform_lockouts' })
export class LockoutEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'integer' })
  lockouts: number;
}
