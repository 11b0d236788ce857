/** The rows of an `UPDATE`/`DELETE … RETURNING` sent through `query()`: the pg driver answers `[rows, affected]`. */
export function returnedRows(result: unknown[]): unknown[] {
  return Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
}
