/** Every migration, in order. `npm run migration:generate -- src/database/migrations/<Name>` adds one; list it here. */
export const MIGRATIONS: Function[] = [];
