import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A client assertion's `jti`, remembered until the assertion expires so that it is accepted once only. */
@Entity({ name: 'identity_platform_used_assertions' })
export class UsedAssertionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'app_id', type: 'uuid' })
  appId: string;

  @PrimaryColumn({ type: 'varchar', length: 256 })
  jti: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
