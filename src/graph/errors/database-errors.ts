/** Connection-level failures: Postgres is down, restarting or unreachable (not a bad query). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout hit (an overloaded or stalled server)
  '25P03', // idle_in_transaction_session_timeout
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error',
  'Query read timeout', // pg's client-side query_timeout: the server stopped answering
  'Connection is not established', // TypeORM, before its pool reconnects
];

export function isDatabaseUnavailable(e: unknown): boolean {
  let cur: unknown = e;
  // TypeORM wraps driver errors (QueryFailedError.driverError); look one level down too.
  for (let depth = 0; cur && depth < 3; depth++) {
    const err = cur as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && UNAVAILABLE_CODES.has(err.code)) return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => (err.message as string).includes(m))) {
      return true;
    }
    // net's happy-eyeballs connect reports one AggregateError for all addresses tried.
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length && errors.every((x) => isDatabaseUnavailable(x))) return true;
    cur = err.driverError ?? err.cause;
  }
  return false;
}
