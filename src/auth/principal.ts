/**
 * The verified caller of a request, derived once from its access token (request.user).
 * Scope and role names are kept lowercased: Graph compares them case-insensitively.
 */
export interface Principal {
  readonly kind: 'delegated' | 'application';
  /** `tid`: every row read or written belongs to this tenant. */
  readonly tenantId: string;
  /** `oid`: the signed-in user (delegated) or the service principal (application). */
  readonly objectId: string;
  /** `upn` or `preferred_username` (delegated). */
  readonly userPrincipalName?: string;
  readonly displayName?: string;
  /** `appid`/`azp`: the calling client. */
  readonly appId?: string;
  /** Delegated permissions from `scp`, lowercased. */
  readonly scopes: ReadonlySet<string>;
  /** Application permissions from `roles`, lowercased. */
  readonly appRoles: ReadonlySet<string>;
  /** Directory role template ids from `wids`, lowercased. */
  readonly directoryRoles: ReadonlySet<string>;
  /** Satisfied authentication contexts (`acrs`). */
  readonly acrs: readonly string[];
  /** Client capabilities (`xms_cc`), lowercased. */
  readonly clientCapabilities: ReadonlySet<string>;
  /** A personal Microsoft account (`tid` is the MSA tenant). */
  readonly isPersonalAccount: boolean;
  /** `exp`, epoch seconds: how long a verified token may be remembered. */
  readonly expiresAt: number;
  /** `iat`, epoch seconds (0 when absent): a token issued before its user's sessions were revoked is refused. */
  readonly issuedAt?: number;
}
