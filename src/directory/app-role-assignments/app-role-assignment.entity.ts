import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An application permission granted: `principalId` holds app role `appRoleId` of `resourceId` (issue #14). */
@Entity({ name: 'directory_app_role_assignments' })
export class AppRoleAssignmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Graph's ids of assignments are opaque strings (base64url), not GUIDs. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @Column({ name: 'principal_type', type: 'varchar', length: 32 })
  principalType: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @Column({ name: 'app_role_id', type: 'uuid' })
  appRoleId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
