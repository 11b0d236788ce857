import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Conditional Access policy: scalar columns for $filter/$orderby, nested parts as jsonb documents. */
@Entity({ name: 'ca_policies' })
export class CaPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'display_name', type: 'varchar', length: 256 }) displayName: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description: string | null;
  @Column({ type: 'varchar', length: 40 }) state: string;
  @Column({ type: 'jsonb' }) conditions: Record<string, unknown>;
  @Column({ name: 'grant_controls', type: 'jsonb', nullable: true }) grantControls: Record<string, unknown> | null;
  @Column({ name: 'session_controls', type: 'jsonb', nullable: true }) sessionControls: Record<string, unknown> | null;
  @Column({ name: 'template_id', type: 'uuid', nullable: true }) templateId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ name: 'modified_at', type: 'timestamptz', precision: 3, nullable: true }) modifiedAt: Date | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true }) deletedAt: Date | null;
}
