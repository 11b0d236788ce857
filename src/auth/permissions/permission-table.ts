import type { DirectoryRole } from '../directory-roles.js';

/** "Not supported." in a Graph permissions table. */
export const NOT_SUPPORTED = 'notSupported' as const;

/** Any one entry suffices; an entry written `A and B` (Graph's tables print such pairs) needs both permissions. */
type Permissions = readonly string[] | typeof NOT_SUPPORTED;

/**
 * One operation's Graph permission table, as the Graph docs print it (least to most privileged),
 * plus the directory roles a delegated caller needs. It drives both the guard and the Swagger text.
 */
export interface PermissionTable {
  /** Delegated (work or school account): acting on another user, or on a tenant-wide resource. */
  readonly delegated: Permissions;
  /**
   * Delegated, when the target user is the caller (`/me`, or `/users/{key}` naming the caller).
   * Absent: the operation has no self/other distinction (tenant-wide resources).
   */
  readonly delegatedSelf?: Permissions;
  /** Application permissions (`roles` claim). */
  readonly application: Permissions;
  /** Delegated (personal Microsoft account). Always "Not supported" for these APIs. */
  readonly personal: typeof NOT_SUPPORTED;
  /**
   * Directory roles (any one) a delegated caller needs, besides a scope. With `delegatedSelf`
   * they apply only when acting on another user. Absent: no role needed.
   */
  readonly roles?: readonly DirectoryRole[];
  /**
   * How a self-service call that Graph refuses today is answered (e.g. creating one's own phone
   * method): `delegatedSelf: NOT_SUPPORTED` plus this reason gives 403 accessDenied with it.
   */
  readonly selfNotSupportedReason?: string;
  /**
   * The 403 for a missing scope, app role or directory role: `Authorization_RequestDenied` (directory
   * workloads, the default) or `AccessDenied` (the Conditional Access workload, DECISIONS §7).
   */
  readonly deniedCode?: 'AccessDenied';
}
