// @ts-check
import tseslint from 'typescript-eslint';
import restrictedPaths from './eslint-rules/restricted-paths.js';

/**
 * The layering described in the README, checked on resolved paths (see eslint-rules/restricted-paths.js):
 * `'../background'`, `'../../background/vault/db.ts'` and `'/src/background'` are the same import.
 */
const layers = {
  root: import.meta.dirname,
  zones: [
    {
      target: ['src/popup', 'src/content', 'src/manage'],
      from: ['src/background', 'src/core/vault'],
      message: 'the popup and content scripts reach the vault only through messages (shared/client).',
    },
    { target: ['src/popup'], from: ['src/content'], message: 'the popup never imports content-script code.' },
    { target: ['src/popup'], from: ['src/manage'], message: 'the full page’s code (importers, QR, backups) stays out of the popup’s bundle.' },
    { target: ['src/manage'], from: ['src/content'], message: 'the full page never imports content-script code.' },
    { target: ['src/content'], from: ['src/popup', 'src/manage', 'pkg:preact'], message: 'content scripts stay tiny and never import other contexts.' },
    {
      target: ['src/core'],
      from: ['src/background', 'src/popup', 'src/content', 'src/manage', 'src/shared', 'pkg:webextension-polyfill', 'pkg:idb'],
      message: 'core/ is pure: no extension APIs, no storage, no other context.',
    },
    { target: ['src/background'], from: ['src/popup', 'src/content', 'src/manage'], message: 'the background never imports UI or content code.' },
    { target: ['src/offscreen'], from: ['src/background', 'src/popup', 'src/content', 'src/manage'], message: 'the offscreen document talks to the worker only through messages.' },
    {
      target: ['src/shared'],
      from: ['src/background', 'src/popup', 'src/content', 'src/manage'],
      message: 'shared/ is imported by every context and imports none of them.',
    },
    { target: ['src', 'vite.config.ts'], from: ['test'], message: 'the product and its build never depend on test code.' },
  ],
};

/** Node's own globals: core's tsconfig needs node's types for WebCrypto and TextDecoder, not for these. */
const nodeOnlyGlobals = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'].map((name) => ({
  name,
  message: 'core/ runs in the browser too; pass what it needs in as a parameter.',
}));

export default tseslint.config(
  { ignores: ['dist/', 'dist-firefox/', 'node_modules/', '.test-profiles/', 'coverage/'] },
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
  {
    plugins: { twostep: restrictedPaths },
    rules: { 'twostep/restricted-paths': ['error', layers] },
  },
  { files: ['src/core/**'], rules: { 'no-restricted-globals': ['error', ...nodeOnlyGlobals] } },
);
