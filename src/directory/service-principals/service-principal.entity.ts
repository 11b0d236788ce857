import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A service principal (issue #14): an app's identity in a tenant. Tenant id leads the key. */
@Entity({ name: 'directory_service_principals' })
export class ServicePrincipalEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  /** The registration in this tenant; NULL for Microsoft Graph's own principal. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 256, nullable: true })
  displayName: string | null;

  @Column({ name: 'account_enabled', type: 'boolean' })
  accountEnabled: boolean;

  @Column({ name: 'app_role_assignment_required', type: 'boolean' })
  appRoleAssignmentRequired: boolean;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  notes: string | null;

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'created_by_app_id', type: 'uuid', nullable: true })
  createdByAppId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
