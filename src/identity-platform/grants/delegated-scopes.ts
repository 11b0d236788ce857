import { GRAPH_PERMISSIONS, OIDC_SCOPES } from '../../auth/catalogue/graph-permissions.js';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { StsErrors } from '../errors/sts-error.js';

const GRAPH_PREFIXES = ['https://graph.microsoft.com/', `${GRAPH_APP_ID}/`];
const KNOWN = new Map(GRAPH_PERMISSIONS.map((p) => [p.toLowerCase(), p]));

/** What a delegated request asks for: OpenID scopes, and Graph's permissions (`all` for `/.default` or none named). */
export interface RequestedScopes {
  oidc: Set<string>;
  graph: string[] | 'all';
}

/**
 * Splits a delegated `scope`: OpenID Connect scopes; Graph permissions bare or prefixed with Graph's URL or app id
 * (names compare case-insensitively, DECISIONS §4); `<Graph>/.default` for everything consented. Another resource is
 * 500011 (this provider issues Graph tokens only); a name Graph does not define is 70011.
 */
export function requestedScopes(scope: string | undefined, tenantId: string): RequestedScopes {
  if (scope === undefined) throw StsErrors.scopeMissing();
  const oidc = new Set<string>();
  const graph = new Set<string>();
  let all = false;
  for (const raw of scope.split(' ').filter(Boolean)) {
    const lower = raw.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) {
      oidc.add(lower);
      continue;
    }
    const prefix = GRAPH_PREFIXES.find((p) => lower.startsWith(p));
    const name = prefix ? lower.slice(prefix.length) : lower;
    if (prefix && name === '.default') {
      all = true;
      continue;
    }
    if (!prefix && /[/:]/.test(raw)) throw StsErrors.resourceNotFound(raw.slice(0, raw.lastIndexOf('/')).slice(0, 512) || raw.slice(0, 512), tenantId);
    const known = KNOWN.get(name);
    if (!known) throw StsErrors.scopeInvalid(raw.slice(0, 512));
    graph.add(known);
  }
  return { oidc, graph: all || graph.size === 0 ? 'all' : [...graph] };
}
