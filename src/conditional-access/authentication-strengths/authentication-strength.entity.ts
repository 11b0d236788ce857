import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A custom authentication strength (built-ins are static data, authentication-strengths.data.ts). */
@Entity({ name: 'ca_authentication_strengths' })
export class CaAuthenticationStrengthEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'display_name', type: 'varchar', length: 256 }) displayName: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description: string | null;
  @Column({ name: 'allowed_combinations', type: 'text', array: true }) allowedCombinations: string[];
  @Column({ name: 'combination_configurations', type: 'jsonb', default: () => `'[]'` }) combinationConfigurations: unknown[];
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ name: 'modified_at', type: 'timestamptz', precision: 3 }) modifiedAt: Date;
}
