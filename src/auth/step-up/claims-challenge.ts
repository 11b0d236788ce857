import { GraphException } from '../../graph/errors/graph.exception.js';
import { WWW_AUTHENTICATE } from '../tokens/token-errors.js';

/** graph-spec-ca-root §7.2 [obs]: the body Graph sends with a claims challenge. */
const CHALLENGE_MESSAGE = "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.";
/**
 * [obs] The body Graph sends with a continuous-access-evaluation `nbf` challenge after a revocation
 * (msgraph-sdk-powershell#1741; the SDKs' CAE test fixtures): clients match its code in their error handling.
 */
const REVOKED_MESSAGE = 'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp';

/** Whether the client declared it can handle claims challenges (`xms_cc` contains `cp1`, any case; kept lowercased). */
export const handlesChallenges = (clientCapabilities: ReadonlySet<string>) => clientCapabilities.has('cp1');

/**
 * 401 with the single `WWW-Authenticate` challenge of graph-spec-ca-root §7.3: Graph's usual Bearer parameters
 * plus `error="insufficient_claims"` and `claims`, standard base64 (padded) of the minified claims request.
 */
export function claimsChallenge(claims: Record<string, unknown>, message = CHALLENGE_MESSAGE): GraphException {
  const encoded = Buffer.from(JSON.stringify({ access_token: claims }), 'utf8').toString('base64');
  return new GraphException(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `${WWW_AUTHENTICATE}, error="insufficient_claims", claims="${encoded}"`,
  });
}

/** §7.1(a)/(b): the token must carry the authentication context `contextId` in `acrs`. */
export const acrsChallenge = (contextId: string) => claimsChallenge({ acrs: { essential: true, value: contextId } });

/** §7.1(c): continuous access evaluation; a token issued at or after `notBefore` (epoch seconds) is needed. */
export const nbfChallenge = (notBefore: number) => claimsChallenge({ nbf: { essential: true, value: String(notBefore) } }, REVOKED_MESSAGE);

/** §7.3 [obs]: a client that cannot step up is refused outright, without a challenge. */
export function conditionalAccessUnsupported(): GraphException {
  return new GraphException(
    403,
    'AccessDenied',
    'Operation requires conditional access and client does not support it. Client must be configured to support conditional access.',
  );
}
