import { fitToGraphType } from '../directory/shared/graph-shape.js';
import type { GraphVersion } from '../graph/http/base-url.js';
import type { SignInRow } from './sign-in-logs.repository.js';

const NONE_RISK = { riskDetail: 'none', riskLevelAggregated: 'none', riskLevelDuringSignIn: 'none', riskState: 'none' };

/** A sign-in in Graph's shape for the version: every property of its `signIn` type (beta has more), in Graph's order. */
export function signInToGraph(version: GraphVersion, r: SignInRow): Record<string, unknown> {
  const d = r.details ?? {};
  const fit = (type: string, json: Record<string, unknown>) => fitToGraphType(version, type, json);
  const base: Record<string, unknown> = {
    id: r.id,
    createdDateTime: new Date(r.createdAt).toISOString(),
    userDisplayName: r.userDisplayName,
    userPrincipalName: r.userPrincipalName,
    // Graph's userId is never null: a sign-in with an unknown user name carries an empty one.
    userId: r.userId ?? '',
    appId: r.appId,
    appDisplayName: r.appDisplayName,
    ipAddress: r.ipAddress,
    clientAppUsed: r.clientAppUsed,
    userAgent: r.userAgent,
    correlationId: r.correlationId,
    conditionalAccessStatus: r.conditionalAccessStatus,
    isInteractive: r.isInteractive,
    ...NONE_RISK,
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: r.resourceDisplayName,
    resourceId: r.resourceId,
    resourceTenantId: null,
    homeTenantId: null,
    servicePrincipalId: version === 'beta' ? (r.servicePrincipalId ?? '') : null,
    status: fit('signInStatus', r.status),
    deviceDetail: fit('deviceDetail', {
      deviceId: '',
      displayName: null,
      operatingSystem: null,
      browser: null,
      isCompliant: null,
      isManaged: null,
      trustType: null,
    }),
    location: fit('signInLocation', { city: null, state: null, countryOrRegion: null, geoCoordinates: fit('geoCoordinates', {}) }),
    appliedConditionalAccessPolicies: (r.appliedPolicies ?? []).map((p) => fit('appliedConditionalAccessPolicy', p)),
  };
  if (version === 'beta') {
    Object.assign(base, {
      authenticationRequirement: r.authenticationRequirement,
      authenticationDetails: (Array.isArray(d.authenticationDetails) ? d.authenticationDetails : []).map((a) =>
        fit('authenticationDetail', a as Record<string, unknown>),
      ),
      authenticationMethodsUsed: Array.isArray(d.authenticationMethodsUsed) ? d.authenticationMethodsUsed : [],
      authenticationProtocol: typeof d.authenticationProtocol === 'string' ? d.authenticationProtocol : 'none',
      signInEventTypes: Array.isArray(d.signInEventTypes) ? d.signInEventTypes : [r.isInteractive ? 'interactiveUser' : 'nonInteractiveUser'],
      signInIdentifier: typeof d.signInIdentifier === 'string' ? d.signInIdentifier : r.userPrincipalName,
      signInIdentifierType: 'userPrincipalName',
      userType: 'member',
      tokenIssuerType: 'AzureAD',
      tokenIssuerName: '',
      crossTenantAccessType: 'none',
      isTenantRestricted: false,
      flaggedForReview: false,
      isThroughGlobalSecureAccess: false,
      originalTransferMethod: 'none',
      appTokenProtectionStatus: 'none',
      signInTokenProtectionStatus: 'none',
      authenticationProcessingDetails: [],
      authenticationRequirementPolicies: [],
      authenticationAppPolicyEvaluationDetails: [],
      networkLocationDetails: [],
      conditionalAccessAudiences: [],
    });
  }
  return fitToGraphType(version, 'signIn', base);
}
