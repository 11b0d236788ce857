/**
 * Runs before every test file. Nest calls `process.exit(1)` when an import fails, which happens when a
 * late import lands after Jest tore the file's environment down; Jest's own process.exit then ends the
 * whole run (no summary, later suites never run, temporary folders left). Inside a test file an exit is
 * a bug of that file: throw instead, so only that file fails.
 */
process.exit = ((code?: number | string | null) => {
  throw new Error(`process.exit(${code ?? ''}) called inside a test file; failing this file instead of ending the run`);
}) as typeof process.exit;
