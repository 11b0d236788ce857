/**
 * Graph-like operation ids, as in Microsoft's own OpenAPI description (msgraph-metadata):
 * `{root}.{navigation…}.{Verb}{Target}` (`users.user.ListUser`, `users.authentication.ListPhoneMethods`,
 * `identity.conditionalAccess.ListAuthenticationContextClassReferences`) and
 * `{root}.{navigation…}.{action}` for bound actions (`users.authentication.phoneMethods.enableSmsSignIn`).
 * One per handler, declared in `@Permissions`; stable, because protected-action mappings use it.
 */
export type GraphOperationId = `${string}.${string}`;

export const OPERATION_ID_PATTERN = /^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

export function assertGraphOperationId(id: string): asserts id is GraphOperationId {
  if (!OPERATION_ID_PATTERN.test(id)) throw new Error(`"${id}" is not a Graph-like operation id (e.g. users.authentication.ListPhoneMethods)`);
}

const VERB = /^(List|Get|Create|Update|Delete|Upsert)/;

/**
 * The Swagger tag (resource group) of an operation, as Graph's description groups them: the first two
 * segments (`users.authentication`, `identity.conditionalAccess`), or for a two-segment id the root
 * and the target (`users.GetAuthentication` → `users.authentication`).
 */
export function tagOfOperation(id: string): string {
  const [root, second] = id.split('.');
  if (id.split('.').length > 2) return `${root}.${second}`;
  const target = second.replace(VERB, '');
  return `${root}.${target[0].toLowerCase()}${target.slice(1)}`;
}

/**
 * The id of the `/me` form of a handler declared with its `/users/{user}` id: Graph names the
 * two forms `users.…` and `me.…`.
 */
export function operationIdForPath(id: string, pathAfterVersion: string): string {
  if (/^\/me(\/|$)/.test(pathAfterVersion) && id.startsWith('users.')) return `me.${id.slice('users.'.length)}`;
  for (const alias of ALIASES) {
    if (!alias.path.test(pathAfterVersion) || !id.startsWith(`${alias.from}.`)) continue;
    const rest = id.slice(alias.from.length + 1);
    const verb = VERB.exec(rest);
    if (verb && rest.slice(verb[0].length) === alias.fromTarget) return `${alias.to}.${verb[0]}${alias.toTarget}`;
    if (rest.startsWith(`${alias.fromSegment}.`)) return `${alias.to}.${alias.toSegment}.${rest.slice(alias.fromSegment.length + 1)}`;
  }
  return id;
}

/**
 * Graph's aliases of Conditional Access collections: one handler serves every path,
 * named as Microsoft's description names each (`identity.conditionalAccess.ListPolicies` and
 * `policies.ListConditionalAccessPolicies`).
 */
const ALIASES = [
  {
    path: /^\/policies\/conditionalAccessPolicies(\/|$)/,
    from: 'identity.conditionalAccess',
    fromTarget: 'Policies',
    fromSegment: 'policies',
    to: 'policies',
    toTarget: 'ConditionalAccessPolicies',
    toSegment: 'conditionalAccessPolicies',
  },
  {
    path: /^\/policies\/authenticationStrengthPolicies(\/|$)/,
    from: 'identity.conditionalAccess.authenticationStrength',
    fromTarget: 'Policies',
    fromSegment: 'policies',
    to: 'policies',
    toTarget: 'AuthenticationStrengthPolicies',
    toSegment: 'authenticationStrengthPolicies',
  },
  {
    // beta only: the plural navigation of the same strengths.
    path: /^\/identity\/conditionalAccess\/authenticationStrengths\/policies(\/|$)/,
    from: 'identity.conditionalAccess.authenticationStrength',
    fromTarget: 'Policies',
    fromSegment: 'policies',
    to: 'identity.conditionalAccess.authenticationStrengths',
    toTarget: 'Policies',
    toSegment: 'policies',
  },
];
