import { HttpException } from '@nestjs/common';

/**
 * An error the service means to send, in Graph's words: the HTTP status, Graph's `error.code`
 * and a developer message. The global filter renders it as Graph's envelope.
 */
export class GraphException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (WWW-Authenticate, Retry-After, Allow, ...). */
    readonly headers: Record<string, string> = {},
    /** Extra members of `innerError` (the throttling variant carries code/status). */
    readonly innerError: Record<string, string> = {},
    /** OData `error.details`: one entry per failed target (validateProperties). */
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message, status);
  }
}

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** Graph's standard errors, one factory each, so codes and messages are spelled once. */
export const GraphErrors = {
  badRequest: (message: string) => new GraphException(400, 'BadRequest', message),
  /** A request target the service refuses to interpret (bad escapes, control characters). */
  badUri: (reason: string) => new GraphException(400, 'BadRequest', `The request URI is not valid: ${reason}.`),
  invalidRequest: (message: string) => new GraphException(400, 'invalidRequest', message),
  /** Directory-style validation failure of a property value. */
  invalidProperty: (message: string) => new GraphException(400, 'Request_BadRequest', message),
  unsupportedQuery: (message: string) => new GraphException(400, 'Request_UnsupportedQuery', message),
  unauthorized: (message: string, wwwAuthenticate: string) =>
    new GraphException(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': wwwAuthenticate }),
  forbidden: (message = 'Insufficient privileges to complete the operation.') => new GraphException(403, 'Authorization_RequestDenied', message),
  accessDenied: (message: string) => new GraphException(403, 'accessDenied', message),
  /** The Conditional Access workload's 403 for a missing scope or role (graph-spec-ca-root §A.3, observed). */
  scopesMissing: () => new GraphException(403, 'AccessDenied', 'You cannot perform the requested operation, required scopes are missing in the token.'),
  /** A directory object (user) that does not exist, or is not visible to the caller. */
  resourceNotFound: (key: string) =>
    new GraphException(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`),
  /** A child item (method, context, operation) that does not exist. */
  itemNotFound: (message = 'The requested resource does not exist.') => new GraphException(404, 'itemNotFound', message),
  /** No route matches. Graph says 400 here; DECISIONS asks for 404, with Graph's message. */
  noRoute: (path: string) => new GraphException(404, 'ResourceNotFound', `Resource not found for the segment '${lastSegment(path)}'.`),
  methodNotAllowed: (allow: string[]) =>
    new GraphException(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', {
      Allow: allow.join(', '),
    }),
  /** A `$batch` request not run because a request it depends on failed (json-batching.md). */
  failedDependency: (dependencyId: string) =>
    new GraphException(424, 'FailedDependency', `The request was not run: request '${dependencyId}', which it depends on, failed.`),
  conflict: (message: string) => new GraphException(409, 'conflict', message),
  /** Values that are well-formed but break a directory rule, each named in `details`. */
  unprocessableEntity: (details: ErrorDetail[]) =>
    new GraphException(422, 'Request_UnprocessableEntity', 'The values provided contain one or more validation errors.', {}, {}, details),
  payloadTooLarge: (limit: number) => new GraphException(413, 'RequestEntityTooLarge', `The request body exceeds the limit of ${limit} bytes.`),
  unsupportedMediaType: (message = "The request's Content-Type is not supported; use application/json.") =>
    new GraphException(415, 'UnsupportedMediaType', message),
  tooManyRequests: (retryAfterSeconds: number) =>
    new GraphException(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfterSeconds) }, { code: '429', status: '429' }),
  serviceNotAvailable: (retryAfterSeconds = 5) =>
    new GraphException(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', {
      'Retry-After': String(retryAfterSeconds),
    }),
  generalException: () => new GraphException(500, 'generalException', 'An unexpected error occurred.'),
};

function lastSegment(path: string): string {
  const p = path.split('?')[0].replace(/\/+$/, '');
  const raw = p.slice(p.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(raw) || '/';
  } catch {
    return raw;
  }
}
