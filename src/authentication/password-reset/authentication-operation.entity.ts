import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A `longRunningOperation` under a user's `authentication/operations` (password resets). */
@Entity({ name: 'authentication_operations' })
export class AuthenticationOperationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** notStarted | running | succeeded | failed */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'status_detail', type: 'varchar', length: 1024, nullable: true })
  statusDetail: string | null;

  /** Relative to the version base (`users/{id}/authentication/...`): links follow the caller's origin. */
  @Column({ name: 'resource_location', type: 'varchar', length: 512, nullable: true })
  resourceLocation: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_action_at', type: 'timestamptz' })
  lastActionAt: Date;
}
