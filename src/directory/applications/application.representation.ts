import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../shared/graph-shape.js';
import type { ApplicationEntity, StoredKeyCredential, StoredPasswordCredential } from './application.entity.js';

export const APPLICATIONS_PATH = 'applications';

/** The row as the repository reads it (raw columns, camelCase). */
export type ApplicationRow = Omit<ApplicationEntity, 'tenantId' | 'createdAt'> & { createdAt: Date | string };

const iso = (d: Date | string) => new Date(d).toISOString();

export function passwordCredentialJson(c: StoredPasswordCredential, secretText: string | null = null): Record<string, unknown> {
  return {
    customKeyIdentifier: null,
    displayName: c.displayName,
    endDateTime: c.endDateTime,
    hint: c.hint,
    keyId: c.keyId,
    secretText,
    startDateTime: c.startDateTime,
  };
}

/** `key` is never returned by a read (Graph returns it only to `$select=keyCredentials` on one app). */
export function keyCredentialJson(c: StoredKeyCredential): Record<string, unknown> {
  return {
    customKeyIdentifier: c.customKeyIdentifier,
    displayName: c.displayName,
    endDateTime: c.endDateTime,
    key: null,
    keyId: c.keyId,
    startDateTime: c.startDateTime,
    type: c.type,
    usage: c.usage,
  };
}

/** One app registration as Graph JSON for the version called: Graph's order, every property of the type. */
export function applicationJson(version: GraphVersion, r: ApplicationRow): Record<string, unknown> {
  const web = r.web ?? {};
  const webRedirectUris = web.redirectUris ?? [];
  return fitToGraphType(version, 'application', {
    id: r.id,
    deletedDateTime: null,
    appId: r.appId,
    createdByAppId: r.createdByAppId,
    createdDateTime: iso(r.createdAt),
    description: r.description,
    displayName: r.displayName,
    identifierUris: r.identifierUris,
    isFallbackPublicClient: r.isFallbackPublicClient,
    notes: r.notes,
    signInAudience: r.signInAudience,
    // beta: non-null; every app here is open to the audience signInAudience names.
    signInAudienceRestrictions: { '@odata.type': '#microsoft.graph.unrestrictedAudience', kind: 'unrestricted' },
    tags: r.tags,
    appRoles: r.appRoles.map((role) => ({ ...role, origin: 'Application' })),
    keyCredentials: r.keyCredentials.map(keyCredentialJson),
    passwordCredentials: r.passwordCredentials.map((c) => passwordCredentialJson(c)),
    publicClient: { redirectUris: r.publicClientRedirectUris },
    requiredResourceAccess: r.requiredResourceAccess,
    spa: { redirectUris: r.spaRedirectUris },
    web: fitToGraphType(version, 'webApplication', {
      homePageUrl: web.homePageUrl ?? null,
      implicitGrantSettings: {
        enableAccessTokenIssuance: web.enableAccessTokenIssuance ?? false,
        enableIdTokenIssuance: web.enableIdTokenIssuance ?? false,
      },
      logoutUrl: web.logoutUrl ?? null,
      redirectUris: webRedirectUris,
      // beta's description does not give redirectUriSettings' type; v1.0 lists each URI with its index.
      redirectUriSettings: version === 'v1.0' ? webRedirectUris.map((uri) => ({ uri, index: null })) : [],
      ...(version === 'beta' ? { oauth2AllowImplicitFlow: web.enableAccessTokenIssuance ?? false } : {}),
    }),
  });
}

export function applicationLocation(baseUrl: string, id: string): string {
  return `${baseUrl}/${APPLICATIONS_PATH}/${id}`;
}
