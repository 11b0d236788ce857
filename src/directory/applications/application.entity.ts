import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A stored password credential: Graph's properties plus the SHA-256 of the secret (never the secret). */
export interface StoredPasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string | null;
  startDateTime: string;
  endDateTime: string;
  /** Hex SHA-256 of the secret text; see docs/choices.md (issue #14). */
  secretHash: string;
}

/** A stored key credential (a certificate's public part), as Graph returns it (`key` is not returned). */
export interface StoredKeyCredential {
  keyId: string;
  displayName: string | null;
  type: string;
  usage: string;
  /** Base64 DER of the X.509 certificate. */
  key: string;
  /** Base64 of the certificate's SHA-1 thumbprint, as Entra sets it. */
  customKeyIdentifier: string;
  startDateTime: string;
  endDateTime: string;
}

export interface StoredWeb {
  redirectUris?: string[];
  homePageUrl?: string | null;
  logoutUrl?: string | null;
  enableIdTokenIssuance?: boolean;
  enableAccessTokenIssuance?: boolean;
}

export interface StoredAppRole {
  id: string;
  allowedMemberTypes: string[];
  description: string | null;
  displayName: string | null;
  isEnabled: boolean;
  value: string | null;
}

export interface StoredRequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: { id: string; type: string }[];
}

/** An app registration (issue #14). Tenant id leads the key; `appId` is unique per tenant. */
@Entity({ name: 'directory_applications' })
export class ApplicationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  notes: string | null;

  @Column({ name: 'sign_in_audience', type: 'varchar', length: 64 })
  signInAudience: string;

  @Column({ name: 'identifier_uris', type: 'text', array: true })
  identifierUris: string[];

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'is_fallback_public_client', type: 'boolean', nullable: true })
  isFallbackPublicClient: boolean | null;

  @Column({ type: 'jsonb' })
  web: StoredWeb;

  @Column({ name: 'spa_redirect_uris', type: 'text', array: true })
  spaRedirectUris: string[];

  @Column({ name: 'public_client_redirect_uris', type: 'text', array: true })
  publicClientRedirectUris: string[];

  @Column({ name: 'app_roles', type: 'jsonb' })
  appRoles: StoredAppRole[];

  @Column({ name: 'required_resource_access', type: 'jsonb' })
  requiredResourceAccess: StoredRequiredResourceAccess[];

  @Column({ name: 'key_credentials', type: 'jsonb' })
  keyCredentials: StoredKeyCredential[];

  @Column({ name: 'password_credentials', type: 'jsonb' })
  passwordCredentials: StoredPasswordCredential[];

  @Column({ name: 'created_by_app_id', type: 'uuid', nullable: true })
  createdByAppId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
