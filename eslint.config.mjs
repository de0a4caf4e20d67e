// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'site/',
      // Django 5.2 for the interop tests (scripts/django-venv.sh): its admin's own JavaScript.
      '.venv-django/',
      'coverage/',
      'node_modules/',
      'bench/*.bin',
      // A user's project: it imports the packed tarball, which exists only once .ci/pack-smoke.sh
      // has installed it; that script type-checks these files with tsc --strict.
      'test-pack/**/*.ts',
      'test-pack/**/*.mts',
    ],
  },
  eslint.configs.recommended,
  // Type-aware rules for the TypeScript sources, tests, example app and benchmarks.
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `Array<[name: string, value: string]>` reads better than `[name: string, value: string][]`.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // Header maps are read as `headers['content-type']`, whatever the name looks like.
      '@typescript-eslint/dot-notation': 'off',
      // `x as Buffer` after a checked index is preferred to `x!`.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // Getters such as `get streaming()` are overridden by subclasses; a field could not be.
      '@typescript-eslint/class-literal-property-style': 'off',
      // Django's file-like API has documented no-op methods (`flush()`), and `.catch(() => {})` /
      // `close(fd, () => {})` deliberately ignore a best-effort cleanup's failure.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['methods', 'arrowFunctions'] }],
      // `||` is deliberate for strings: an empty content type or reason means "the default".
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // `import express = require('express')` is how a .d.ts re-exports an `export =` module.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      // Header and cookie validation matches control characters on purpose (RFC 9110 field-value).
      'no-control-regex': 'off',
    },
  },
  // The layers of lib/, lowest first: http (responses) < utils, middleware, views < express
  // (the adapter) < the entry points; testing sits beside them and nothing in lib uses it.
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/testing/*', '**/testing'], message: 'Only lib/testing may import lib/testing.' }] },
      ],
    },
  },
  {
    files: ['lib/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../utils', '../utils/*', '!../utils/browser-url.js', '!../utils/url-scheme.js'],
              message:
                'lib/http is the lowest layer: it imports only lib/http and the leaf modules utils/browser-url and utils/url-scheme.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/views/**/*.ts', 'lib/middleware/**/*.ts', 'lib/utils/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/express/*', '**/testing/*'],
              message: 'Views, middleware and utils must not import the Express adapter (lib/express) or lib/testing.',
            },
          ],
        },
      ],
    },
  },
  // Tests assert on what they just built, and mock freely.
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `view(async () => response)` checks the adapter's promise path on purpose.
      '@typescript-eslint/require-await': 'off',
      // Empty and yield-less generators are test fixtures (an empty body, a source that fails).
      '@typescript-eslint/no-empty-function': 'off',
      'require-yield': 'off',
    },
  },
  // Plain JavaScript: config files and build scripts, run by Node.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
