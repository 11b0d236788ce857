import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An authorization code, by the SHA-256 of its value only; ten minutes, single-use. */
@Entity({ name: 'identity_platform_authorization_codes' })
export class AuthorizationCodeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ name: 'redirect_uri', type: 'varchar', length: 2048 })
  redirectUri: string;

  /** The platform the redirect URI is registered under: `web` (confidential), `spa` or `publicClient`. */
  @Column({ type: 'varchar', length: 16 })
  platform: string;

  @Column({ name: 'code_challenge', type: 'varchar', length: 128, nullable: true })
  codeChallenge: string | null;

  @Column({ type: 'varchar', length: 2048 })
  scope: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  nonce: string | null;

  @Column({ type: 'text', nullable: true })
  claims: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'jsonb' })
  amr: string[];

  /** The sign-in's methods (authentication-strength mode names). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  methods: string[];

  @Column({ name: 'auth_time', type: 'timestamptz' })
  authTime: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
