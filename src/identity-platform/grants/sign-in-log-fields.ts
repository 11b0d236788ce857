import type { SignInRecord } from '../../audit-logs/sign-in-log.js';
import type { SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import type { AuthenticatedClient } from '../client-authentication/client-authentication.service.js';
import type { SignInContext } from '../token/sign-in-context.js';

/** What every token-endpoint sign-in log says of the request: the client, where it came from, its correlation id. */
export function tokenEndpointFields(
  client: AuthenticatedClient,
  context: SignInContext,
): Pick<SignInRecord, 'app' | 'ipAddress' | 'userAgent' | 'correlationId' | 'clientAppUsed'> {
  return {
    app: { appId: client.app.appId, displayName: client.app.displayName, servicePrincipalId: client.principal.id },
    ipAddress: context.ipAddress,
    userAgent: context.userAgent,
    correlationId: context.correlationId,
    // The token endpoint's user grants come from native and daemon clients (Entra's name for them).
    clientAppUsed: 'Mobile Apps and Desktop clients',
  };
}

/** A sign-in log's Conditional Access fields from the evaluation of the sign-in (none when it was not evaluated). */
export function caFields(evaluation: SignInEvaluation | undefined): Pick<SignInRecord, 'conditionalAccessStatus' | 'appliedConditionalAccessPolicies'> {
  return evaluation
    ? {
        conditionalAccessStatus: evaluation.conditionalAccessStatus,
        appliedConditionalAccessPolicies: evaluation.appliedConditionalAccessPolicies as unknown as Record<string, unknown>[],
      }
    : {};
}
