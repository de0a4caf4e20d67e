// Jest as a user sets it up: ts-jest (type-checking, CommonJS output), and the set-up file
// in setupFilesAfterEnv. JEST_NO_SETUP=1 leaves the set-up out, to see ts-jest refuse the
// matchers' types without it.
const withSetup = process.env.JEST_NO_SETUP !== '1';

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: '@types/jest',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/matchers.test.ts'],
      setupFilesAfterEnv: withSetup ? ['<rootDir>/jest-setup.ts'] : [],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: withSetup ? 'tsconfig.ts-jest.json' : 'tsconfig.ts-jest-nosetup.json' }],
      },
    },
    ...(withSetup
      ? [
          {
            displayName: '@jest/globals',
            testEnvironment: 'node',
            injectGlobals: false,
            testMatch: ['<rootDir>/globals.test.ts'],
            setupFilesAfterEnv: ['<rootDir>/jest-globals-setup.ts'],
            transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.ts-jest-globals.json' }] },
          },
        ]
      : []),
  ],
};
