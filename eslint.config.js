// @ts-check
import tseslint from 'typescript-eslint';

/** Which folders a context may import from: lint enforces the layering described in the README. */
const restrict = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.test-profiles/', 'coverage/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  restrict(
    ['src/core/**'],
    ['**/background/**', '**/popup/**', '**/content/**', '**/shared/**', 'webextension-polyfill', 'idb'],
    'core/ is pure: no extension APIs, no storage, no other context.',
  ),
  restrict(['src/popup/**'], ['**/background/**', '**/content/**'], 'The popup talks to the background only through shared/client.'),
  restrict(['src/content/**'], ['**/background/**', '**/popup/**', 'preact', 'preact/*'], 'Content scripts stay tiny and never import other contexts.'),
  restrict(['src/background/**'], ['**/popup/**', '**/content/**'], 'The background never imports UI or content code.'),
  restrict(['src/shared/**'], ['**/background/**', '**/popup/**', '**/content/**'], 'shared/ is imported by every context and imports none of them.'),
);
