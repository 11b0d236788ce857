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
  return /^\/me(\/|$)/.test(pathAfterVersion) && id.startsWith('users.') ? `me.${id.slice('users.'.length)}` : id;
}
