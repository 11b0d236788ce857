/** The line `bench/load.ts` prints when its measured load starts: `bench/run.ts` starts its CPU window there. */
export const STARTED = '{"started":true}';
