// Jest runs TypeScript as native ESM (NestJS 12 is ESM-only); see docs/ARCHITECTURE.md "Tests".
/** @type {import('jest').Config} */
const base = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // @fastify/static (CJS) requires content-disposition 2 (ESM-only); jest on Node 20 cannot
    // require ESM, so tests get the API-identical CommonJS 1.x instead.
    '^content-disposition$': 'content-disposition-cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testEnvironment: 'node',
  // process.exit inside a test file (Nest's loadPackage after a failed late import) becomes an error
  // of that file instead of ending the whole run.
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
};

export default {
  // On a loaded 2-core machine app start-up alone can take longer than Jest's 5 s default; a hook that
  // times out tears its environment down under code still running. Hooks inherit this timeout too.
  testTimeout: 120_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      // Every successful Graph response of every e2e suite is checked against Graph's types.
      setupFilesAfterEnv: ['<rootDir>/test/support/graph-metadata-recorder.ts'],
    },
  ],
};
