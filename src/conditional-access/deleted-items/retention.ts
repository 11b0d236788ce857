/** Soft-deleted policies and named locations stay restorable this long (DECISIONS §7), then are gone. */
export const RETENTION_DAYS = 30;

export function isExpired(deletedAt: Date, now = new Date()): boolean {
  return now.getTime() - deletedAt.getTime() >= RETENTION_DAYS * 24 * 60 * 60 * 1000;
}
