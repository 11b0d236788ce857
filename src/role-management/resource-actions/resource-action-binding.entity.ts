import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's binding of an authentication context to a protected resource action (DECISIONS §9). */
@Entity({ name: 'resource_action_bindings' })
export class ResourceActionBindingEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** A settable action's id, as the catalogue spells it (resource-actions.data.ts). */
  @PrimaryColumn({ name: 'action_id', type: 'varchar', length: 200 })
  actionId: string;

  @Column({ name: 'context_id', type: 'varchar', length: 3, collation: 'accr_id_numeric' })
  contextId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
