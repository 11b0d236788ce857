/** Every TypeORM entity, listed explicitly (no globs: the same list serves the app, the CLI and jest). */
export const ENTITIES: Function[] = [];
