import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A refresh token, by the SHA-256 of its value only; single-use (rotated on every redemption). */
@Entity({ name: 'identity_platform_refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The `scope` the sign-in asked for, as sent (redeeming without `scope` asks for it again). */
  @Column({ type: 'varchar', length: 2048 })
  scope: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Issued to a client that did not authenticate (public): redeemed without a credential. */
  @Column({ name: 'public_client', type: 'boolean', default: false })
  publicClient: boolean;

  /** The methods of the sign-in the token continues (refresh redemptions are evaluated with them). */
  @Column({ type: 'jsonb', default: () => `'["password"]'` })
  methods: string[];

  /** Compared with the user's `signInSessionsValidFrom` (DECISIONS §9): issued before a revocation, refused. */
  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
