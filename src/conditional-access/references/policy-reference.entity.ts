import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the reference index: a policy naming exactly one other object (see the migration). */
@Entity({ name: 'ca_policy_references' })
export class CaPolicyReferenceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' }) policyId: string;
  @PrimaryColumn({ type: 'smallint' }) ordinal: number;
  @Column({ name: 'location_id', type: 'uuid', nullable: true }) locationId: string | null;
  @Column({ name: 'strength_id', type: 'uuid', nullable: true }) strengthId: string | null;
  @Column({ name: 'context_id', type: 'varchar', length: 3, nullable: true }) contextId: string | null;
  @Column({ name: 'built_in_strength_id', type: 'uuid', nullable: true }) builtInStrengthId: string | null;
  @Column({ name: 'template_id', type: 'uuid', nullable: true }) templateId: string | null;
}
