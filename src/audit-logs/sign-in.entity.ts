import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sign-in attempt (`audit_sign_ins`); every query is hand-written SQL in `SignInLogsRepository`. */
@Entity({ name: 'audit_sign_ins' })
export class SignInEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'error_code', type: 'integer' })
  errorCode: number;

  @Column({ type: 'jsonb' })
  status: Record<string, unknown>;

  @Column({ name: 'applied_policies', type: 'jsonb' })
  appliedPolicies: unknown[];

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
