import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'fixtures/', 'node_modules/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // The GitHub Action's step scripts: plain Node ESM run from the action's checkout, not part of the TypeScript build.
    files: ['action/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', fetch: 'readonly', console: 'readonly' } },
  },
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js', 'action/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'typescript', message: 'use the compiler bundled with ts-morph: import { ts } from "ts-morph"' }] }],
    },
  },
  {
    // Architecture (see also .dependency-cruiser.cjs): only cli/ writes to the terminal, only git/ runs git.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/cli.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'only src/cli/ writes to the terminal: return data instead' },
        { object: 'process', property: 'stderr', message: 'only src/cli/ writes to the terminal: return data or take an onNotice callback' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/git/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(run|tryRun)$/]", message: 'only src/git/ runs git: add a named query to src/git/queries.ts' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // Plain scripts are linted without type information (and without the project service).
      parserOptions: { program: null, project: false, projectService: false },
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', module: 'writable' },
    },
  },
);
