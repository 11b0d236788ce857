// `npm run lint`. typescript-eslint's recommended rules (no type information: fast, and `tsc` already
// type-checks in `npm test`), with the few exceptions this code base has reasons for.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The generated Graph metadata is data, written by scripts/extract-graph-metadata.mjs.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/graph/openapi/graph-metadata.data.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      // Graph's JSON is untyped at the edges (request bodies, test responses); validation decides there.
      '@typescript-eslint/no-explicit-any': 'off',
      // Decorator targets and class registries are `Function` in TypeScript's own decorator typings.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Code that runs in the browser page (Swagger UI screenshots).
  { files: ['scripts/swagger-screenshot.mjs'], languageOptions: { globals: { ...globals.browser } } },
);
