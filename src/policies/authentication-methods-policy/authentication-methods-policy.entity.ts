import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's policy-level properties, once written (absent: the defaults of policy-defaults.ts). */
@Entity({ name: 'authentication_methods_policies' })
export class AuthenticationMethodsPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  /** Bumped by every write to the policy or a configuration (the caches' key). */
  @Column({ type: 'bigint' }) version: string;
  @Column({ name: 'last_modified_at', type: 'timestamptz', precision: 3 }) lastModifiedAt: Date;
}

/** A configuration that differs from its default, or an external method; `id` is lower-cased. */
@Entity({ name: 'authentication_method_configurations' })
export class AuthenticationMethodConfigurationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 64 }) kind: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
