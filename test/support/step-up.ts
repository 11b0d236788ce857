import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { TestApp } from './app.js';
import { call } from './http.js';
import { application } from './tokens.js';

export const RESOURCE_ACTIONS = '/beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions';
export const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

/** The seven settable actions (DECISIONS §9), restated here independently of src/. */
export const PROTECTABLE_ACTIONS = [
  'microsoft.directory-conditionalAccessPolicies-create-post',
  'microsoft.directory-conditionalAccessPolicies-basic-update-patch',
  'microsoft.directory-conditionalAccessPolicies-delete-delete',
  'microsoft.directory-namedLocations-create-post',
  'microsoft.directory-namedLocations-basic-update-patch',
  'microsoft.directory-namedLocations-delete-delete',
  'microsoft.directory-deletedItems-delete-delete',
];

/** graph-spec-ca-root §7.3, spelled out by hand. */
export const GRAPH_BEARER =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
export const CHALLENGE_MESSAGE = "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.";
/** The body of Graph's continuous-access-evaluation challenge after a revocation (observed: msgraph-sdk-powershell#1741). */
export const REVOKED_MESSAGE =
  'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp';
export const expectedChallenge = (claims: unknown) =>
  `${GRAPH_BEARER}, error="insufficient_claims", claims="${Buffer.from(JSON.stringify(claims)).toString('base64')}"`;

/** A fresh tenant with an application that manages contexts, policies and bindings. */
export function tenantAdmin(t: TestApp): { tenantId: string; token: string } {
  const tenantId = randomUUID();
  return { tenantId, token: application(t, ['Policy.ReadWrite.ConditionalAccess', 'RoleManagement.ReadWrite.Directory'], { tenantId }) };
}

/** Publishes `contextId` and binds it to `actions` (all seven by default). */
export async function protect(t: TestApp, token: string, contextId = 'c1', actions = PROTECTABLE_ACTIONS): Promise<void> {
  expect((await call(t, 'PATCH', `${ACCR}/${contextId}`, { token, body: { isAvailable: true } })).status).toBe(204);
  for (const action of actions) {
    const res = await call(t, 'PATCH', `${RESOURCE_ACTIONS}/${action}`, { token, body: { authenticationContextId: contextId } });
    expect({ action, status: res.status }).toEqual({ action, status: 204 });
  }
}

/** The raw header lines of a response (fetch merges repeated headers; toolchain.md). */
export function rawHeaders(t: TestApp, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; raw: string[] }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${t.url}${path}`,
      { method, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
