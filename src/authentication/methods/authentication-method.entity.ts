import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MethodKind } from './families/method-families.js';

/**
 * One registered authentication method of any family. Phone, email and password methods have
 * Graph's fixed per-type ids, so "one per type" is the primary key's job (a duplicate insert
 * conflicts; nothing is read first). Rows go with their user (FK ON DELETE CASCADE).
 */
@Entity({ name: 'authentication_methods' })
export class AuthenticationMethodEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: MethodKind;

  /** The family's own fields (see families/method-families.ts). */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  properties: Record<string, unknown>;

  /** Null where Graph reports none (e.g. an Authenticator not registered for passwordless). */
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  createdAt: Date | null;
}
