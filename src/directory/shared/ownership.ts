import type { Principal } from '../../auth/principal.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { isGuid } from '../../graph/odata/literals.js';

/** The application permissions that reach every app registration and principal, not only those the caller owns. */
const ALL_APPLICATIONS_WRITE = ['application.readwrite.all', 'directory.readwrite.all'];

/**
 * An app token holding only `Application.ReadWrite.OwnedBy` manages only what it created (no owners list is kept:
 * the creating client is the owner, docs/choices.md issue #14); otherwise 403 as Graph answers.
 */
export function assertMayManage(p: Principal, createdByAppId: string | null): void {
  if (p.kind !== 'application' || ALL_APPLICATIONS_WRITE.some((r) => p.appRoles.has(r))) return;
  if (!p.appId || createdByAppId !== p.appId.toLowerCase()) throw GraphErrors.forbidden();
}

/** The calling client's appId when it is a GUID (what `createdByAppId` records). */
export function callerAppId(p: Principal): string | null {
  return p.appId && isGuid(p.appId) ? p.appId.toLowerCase() : null;
}
