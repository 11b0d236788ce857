import { GraphException } from '../graph/errors/graph.exception.js';

/**
 * The codes Entra's authentication-method workload uses (graph-spec §2.7); the generic ones
 * (403, 404 for a user, 405) come from GraphErrors.
 */
export const MethodErrors = {
  /** A rule of the family was broken: format, range, policy, a read-only property, a type change. */
  badRequest: (message: string, options: { echoInInnerError?: boolean } = {}) =>
    new GraphException(400, 'badRequest', message, {}, options.echoInInnerError ? { message } : {}),
  /** The tenant's authentication methods policy does not let this user have the method (DECISIONS §8, observed text). */
  notAllowedByPolicy: (authMethodType: string) =>
    new GraphException(
      400,
      'BadRequest',
      `Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [${authMethodType}].`,
    ),
  /** The one-per-type slot (a phone type, the email) is taken. */
  conflict: (message: string) => new GraphException(409, 'conflict', message),
  methodNotFound: (id: string) => new GraphException(404, 'itemNotFound', `Authentication method '${id.slice(0, 64)}' was not found.`),
  operationNotFound: (id: string) => new GraphException(404, 'itemNotFound', `Operation '${id.slice(0, 64)}' was not found.`),
};

/** Validation rules in DTOs name this code, so the global pipe answers like the service would. */
export const BAD_REQUEST_CONTEXT = { context: { graphCode: 'badRequest' } } as const;
