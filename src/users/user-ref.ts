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
  const key = (request.params as Record<string, string> | undefined)?.[USER_PARAM];
  if (key === undefined) return undefined;
  const k = key.toLowerCase();
  const isSelf =
    principal?.kind === 'delegated' &&
    (k === principal.objectId.toLowerCase() || (!!principal.userPrincipalName && k === principal.userPrincipalName.toLowerCase()));
  return { isMe: false, key, isSelf };
}
