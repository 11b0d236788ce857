import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One authentication context (graph-spec §1.1). Tenant id leads the key: every tenant has its own
 * c1…c25 slots, and no query can forget the tenant.
 */
@Entity({ name: 'authentication_context_class_references' })
export class AccrEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** `c1`…`c25`; the numeric collation sorts c2 before c10 (see the migration). */
  @PrimaryColumn({ type: 'varchar', length: 3, collation: 'accr_id_numeric' })
  id: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description: string | null;

  @Column({ name: 'is_available', type: 'boolean', default: false })
  isAvailable: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
