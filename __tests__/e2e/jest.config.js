/**
 * The browser suite (`npm run test:e2e`): the example app driven by Debian's Chromium through
 * playwright-core. Its files end in `.e2e.ts`, so `npm test` does not run them.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/__tests__/e2e/require-chromium.js',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // One browser, one server: the steps of a visit run in order.
  maxWorkers: 1,
  testTimeout: 60_000,
};
