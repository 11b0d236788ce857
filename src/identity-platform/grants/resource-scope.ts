import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { StsErrors } from '../errors/sts-error.js';

const GRAPH_URL = 'https://graph.microsoft.com';

/**
 * The resource of a client-credentials `scope`: one `<resource>/.default`, and the resource must be Microsoft Graph
 * (its URL or app id; this provider issues Graph tokens only). The token's `aud` is spelled as asked, as Entra does.
 */
export function clientCredentialsAudience(scope: string | undefined, tenantId: string): string {
  if (scope === undefined) throw StsErrors.scopeMissing();
  const scopes = scope.split(' ').filter(Boolean);
  if (scopes.length !== 1) throw StsErrors.scopeInvalid(scope.slice(0, 512));
  const [only] = scopes;
  if (!only.toLowerCase().endsWith('/.default')) throw StsErrors.scopeDefaultRequired(only.slice(0, 512));
  const resource = only.slice(0, -'/.default'.length).replace(/\/+$/, '');
  if (resource.toLowerCase() === GRAPH_URL) return GRAPH_URL;
  if (resource.toLowerCase() === GRAPH_APP_ID) return GRAPH_APP_ID;
  throw StsErrors.resourceNotFound(resource.slice(0, 512), tenantId);
}
