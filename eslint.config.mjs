import nx from '@nx/eslint-plugin';

/** What domain code (libs/<service>/src/domain) may not import: frameworks, adapters, the platform barrel. */
const domainFrameworkImports = [
  {
    regex: '^(@nestjs|@eventstore)/',
    message: 'Domain code is framework-free: keep Nest and the event store in application/ or http/.',
  },
  {
    regex: '^(mongoose|mongodb|kafkajs|express|better-sqlite3|exceljs|docx|pino)(/|$)',
    message: 'Domain code does no I/O: databases, the bus, HTTP, documents and logs belong in application/, http/ or infrastructure.',
  },
  {
    regex: '^(node:)?(net|http|https)(/|$)',
    message: 'Domain code does no I/O: sockets belong in application/ or infrastructure.',
  },
  {
    regex: '^@gongkai/platform(?!/domain$|/decider-spec$)(/|$)',
    message: "Domain code imports '@gongkai/platform/domain' (specs also '@gongkai/platform/decider-spec'), never the platform barrel.",
  },
];
/** Files: not in domain code (its specs may write fixtures). */
const domainIoImports = [
  { regex: '^(node:)?fs(/|$)', message: 'Domain code does no I/O: files belong in application/ or infrastructure.' },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', 'apps/web/dist/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Service boundaries are a build rule, not a convention (ARCHITECTURE.md "Layout").
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:catalogue', onlyDependOnLibsWithTags: ['scope:catalogue', 'scope:shared'] },
            { sourceTag: 'scope:document-attributes', onlyDependOnLibsWithTags: ['scope:document-attributes', 'scope:shared'] },
            { sourceTag: 'scope:requests', onlyDependOnLibsWithTags: ['scope:requests', 'scope:shared'] },
            { sourceTag: 'scope:interpretation', onlyDependOnLibsWithTags: ['scope:interpretation', 'scope:shared'] },
            { sourceTag: 'scope:assessment', onlyDependOnLibsWithTags: ['scope:assessment', 'scope:shared'] },
            // The shapes compose every service into runnable applications.
            { sourceTag: 'scope:composition', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Domain code is pure (docs/CONTRIBUTING.md "Domain purity"): no framework, no I/O, no platform
    // barrel. Deciders get time, the actor and the calendar as values; other services' libraries
    // are already refused by the boundaries rule above.
    files: ['libs/*/src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...domainFrameworkImports, ...domainIoImports] }] },
  },
  {
    // A domain spec may write a fixture file (e.g. a holiday calendar) in its setup; the rest holds.
    files: ['libs/*/src/domain/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: domainFrameworkImports }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
