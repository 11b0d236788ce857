import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../shared/graph-shape.js';
import type { OAuth2PermissionGrantRow } from './oauth2-permission-grant.repository.js';

export const OAUTH2_GRANTS_PATH = 'oauth2PermissionGrants';

/** Graph's order; beta's `startTime`/`expiryTime` are not kept (Graph ignores them), so `null`. */
export function oauth2GrantJson(version: GraphVersion, r: OAuth2PermissionGrantRow): Record<string, unknown> {
  return fitToGraphType(version, 'oAuth2PermissionGrant', {
    id: r.id,
    clientId: r.clientId,
    consentType: r.consentType,
    principalId: r.principalId,
    resourceId: r.resourceId,
    scope: r.scope,
  });
}
