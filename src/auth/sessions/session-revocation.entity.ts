import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's sign-in sessions state (DECISIONS §9): tokens issued before `validFrom` are refused. */
@Entity({ name: 'user_session_revocations' })
export class SessionRevocationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Graph's `signInSessionsValidFromDateTime`. */
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  /** `accountEnabled: false`: every token of the user is refused until it is enabled again. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;
}
