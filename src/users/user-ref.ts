import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';

/** Which user a `/me/...` or `/users/{id | userPrincipalName}/...` route targets. */
export interface UserRef {
  /** The path said `/me`. */
  readonly isMe: boolean;
  /** `/users/{key}` as given (decoded), or the caller's object id for `/me`. */
  readonly key: string;
  /** The target is the caller: `/me`, or a key equal to the token's `oid` or `upn` (case-insensitive). */
  readonly isSelf: boolean;
}

/** Route parameter that carries `{id | userPrincipalName}` on user-scoped routes. */
export const USER_PARAM = 'user';

const ME_PATH = /^\/(v1\.0|beta)\/me(\/|$|\?)/;

/** Undefined when the route is not user-scoped. Pure: the guard and handlers share it. */
export function userRefOf(request: FastifyRequest, principal: Principal | undefined): UserRef | undefined {
  if (ME_PATH.test(request.url)) {
    return { isMe: true, key: principal?.objectId ?? '', isSelf: true };
  }
  const raw = (request.params as Record<string, string> | undefined)?.[USER_PARAM];
  if (raw === undefined) return undefined;
  const key = request.routeOptions?.url?.includes(ALTERNATE_KEY_ROUTE) ? (alternateKeyValue(raw) ?? raw) : raw;
  const k = key.toLowerCase();
  const isSelf =
    principal?.kind === 'delegated' &&
    (k === principal.objectId.toLowerCase() || (!!principal.userPrincipalName && k === principal.userPrincipalName.toLowerCase()));
  return { isMe: false, key, isSelf };
}

/** Route prefix of the alternate key: `users(userPrincipalName=:user` (find-my-way ends the name at `'`). */
export const ALTERNATE_KEY_ROUTE = 'users(userPrincipalName=';

/**
 * The alternate-key form `/users(userPrincipalName='a@b.com')` is routed as `users(userPrincipalName=:user`,
 * so the parameter holds `'a@b.com')`: the quoted OData string, with `''` for a quote. Anything else
 * (no quotes) is left as sent, and then names no user.
 */
export function alternateKeyValue(param: string): string | undefined {
  const m = /^'((?:[^']|'')*)'\)$/.exec(param);
  return m ? m[1].replace(/''/g, "'") : undefined;
}
