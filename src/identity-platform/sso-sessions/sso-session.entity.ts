import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single sign-on session (Entra's ESTSAUTH), by the SHA-256 of its cookie's random value only. */
@Entity({ name: 'identity_platform_sso_sessions' })
export class SsoSessionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'id_hash', type: 'char', length: 64 })
  idHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The interactive sign-in's methods (authentication-strength mode names: `password`, `sms`...). */
  @Column({ type: 'jsonb' })
  methods: string[];

  /** When the user signed in interactively (the tokens' `auth_time` on a silent sign-in). */
  @Column({ name: 'auth_time', type: 'timestamptz' })
  authTime: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
