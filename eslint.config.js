import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'tests/output/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Enums are not erasable syntax; use a union of literals.' },
        { selector: 'TSModuleDeclaration[declare!=true]', message: 'Namespaces are not erasable syntax.' },
        { selector: 'TSParameterProperty', message: 'Parameter properties are not erasable syntax.' },
      ],
    },
  },
  {
    // Small single-purpose files: past 400 lines (formatted) a module is doing two jobs.
    files: ['src/**/*.ts', 'src/**/*.js'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // The Node version check runs as plain CommonJS on whatever Node is on the PATH.
    files: ['src/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The officer page runs in the browser.
    files: ['src/review/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'document',
          'window',
          'location',
          'fetch',
          'FormData',
          'URLSearchParams',
          'Node',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'console',
          'history',
          'Event',
          'CSS',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    // The domain is pure: no web framework, database or Node I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', 'fastify-*', '@fastify/*', 'piscina', 'pino'],
              message: 'domain code imports no framework',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'net', 'http'],
              message: 'domain code does no I/O',
            },
            {
              group: ['**/store/**', '**/http/**', '**/screening/**', '**/ingest/**', '**/cli/**'],
              message: 'imports point one way: outer layers depend on the domain',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts', 'src/ingest/**/*.ts', 'src/screening/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/cli/**'],
              message: 'imports point one way: http/cli depend on these, not the reverse',
            },
          ],
        },
      ],
    },
  },
);
