import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named location; `kind` picks the derived type, `document` holds that type's own properties. */
@Entity({ name: 'ca_named_locations' })
export class CaNamedLocationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'varchar', length: 10 }) kind: 'ip' | 'country';
  @Column({ name: 'display_name', type: 'varchar', length: 256 }) displayName: string;
  @Column({ name: 'is_trusted', type: 'boolean', default: false }) isTrusted: boolean;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ name: 'modified_at', type: 'timestamptz', precision: 3 }) modifiedAt: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true }) deletedAt: Date | null;
}
