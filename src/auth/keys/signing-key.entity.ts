import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A development-issuer signing key. Service-wide (not tenant data). Kept in the database so every
 * instance signs and verifies with the same keys; a retired key stays published until its tokens expire.
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ name: 'private_key_pem', type: 'text' })
  privateKeyPem: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When it stopped signing (rotation). Null: the active key. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
