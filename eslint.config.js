import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import directions (STYLE.md): `schema/` is shared by everyone and imports
 * only `@rocicorp/zero` and `zod`; `client/` imports `schema/` (and at most
 * types from `api/`), never `migrations/`; across parts, code imports a
 * workspace package by its name, never by a relative path into its folder.
 */
const PACKAGES = '(api|client|schema|migrations|sync-server)';
const acrossPackages = {
  regex: `^(\\.\\./)+${PACKAGES}/`,
  message: 'Import another workspace package by its name (`@chorus/api/…`), not by a path into its folder.',
};
const noApiValues = {
  group: ['@chorus/api', '@chorus/api/*'],
  allowTypeImports: true,
  message: 'The client runs in the browser: only `import type` from the API.',
};
const noMigrations = {
  group: ['@chorus/migrations', '@chorus/migrations/*'],
  message: 'Only the API applies migrations.',
};
const noUpstream = {
  regex: '^@chorus/(api|client|migrations|sync-server)(/|$)',
  message: 'schema/ is shared by the client and the API: it imports neither.',
};
const onlyZeroAndZod = {
  regex: '^(?!\\.|@rocicorp/zero(/|$)|zod(/|$))',
  message: 'schema/ imports only `@rocicorp/zero`, `zod` and its own files.',
};
const restrict = (...patterns) => ({
  rules: {'@typescript-eslint/no-restricted-imports': ['error', {patterns}]},
});

export default tseslint.config(
  {ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'bench/results/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // Later entries replace earlier ones for the files they match, so each repeats what it keeps.
  restrict(acrossPackages),
  {files: ['client/**'], ...restrict(acrossPackages, noApiValues, noMigrations)},
  {files: ['schema/**'], ...restrict(acrossPackages, noUpstream)},
  {files: ['schema/**'], ignores: ['**/*.test.ts'], ...restrict(acrossPackages, noUpstream, onlyZeroAndZod)},
);
