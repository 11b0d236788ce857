import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A built-in role held by a user or a service principal at the tenant scope (issue #14). */
@Entity({ name: 'directory_role_assignments' })
export class RoleAssignmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Graph's assignment ids are opaque strings. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'role_definition_id', type: 'uuid' })
  roleDefinitionId: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'service_principal_id', type: 'uuid', nullable: true })
  servicePrincipalId: string | null;

  /** Generated: the user or the service principal. */
  @Column({ name: 'principal_id', type: 'uuid', insert: false, update: false })
  principalId: string;

  @Column({ name: 'directory_scope_id', type: 'varchar', length: 256 })
  directoryScopeId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
