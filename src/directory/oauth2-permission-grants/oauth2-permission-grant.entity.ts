import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Delegated consent: `clientId` may use `scope` of `resourceId` for one user or for all (issue #14). */
@Entity({ name: 'directory_oauth2_permission_grants' })
export class OAuth2PermissionGrantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Graph's grant ids are opaque strings (base64url). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @Column({ name: 'consent_type', type: 'varchar', length: 16 })
  consentType: string;

  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId: string | null;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  /** Space-separated scope values. */
  @Column({ type: 'varchar', length: 4000 })
  scope: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
