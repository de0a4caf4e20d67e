/**
 * `npm test`: the suite twice, as two jest projects. "fast" uses the library as shipped;
 * "public-api" switches off every read of Node's private state
 * (EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS=1, lib/express/node-internals.ts), so the public-API
 * fallbacks are proven on every Node: a Node that changes its internals degrades to correct.
 *
 * @type {import('jest').Config}
 */
const project = (name, setupFile) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  setupFiles: [setupFile],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
});

module.exports = {
  projects: [
    project('fast', '<rootDir>/__tests__/setup/node-internals-on.js'),
    project('public-api', '<rootDir>/__tests__/setup/node-internals-off.js'),
  ],
};
