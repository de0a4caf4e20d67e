/**
 * The one-line set-up: `import 'express-httpresponse/testing/jest-setup';` in a file listed
 * in Jest's `setupFilesAfterEnv` (or `setupFilesAfterEnv: ['express-httpresponse/testing/jest-setup']`
 * itself). Registers every matcher on Jest's global `expect` and, for TypeScript, adds them
 * to `@types/jest`'s `expect(...)`. For `import { expect } from '@jest/globals'`, use
 * `express-httpresponse/testing/jest-globals` instead.
 *
 * @packageDocumentation
 */
import { matchers } from './matchers/index.js';
export type { HttpResponseMatchers } from './matcher-types.js';
export type {} from './jest-types.js';

const jestExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof jestExpect?.extend !== 'function') {
  throw new Error(
    "express-httpresponse/testing/jest-setup needs Jest's global expect: load it from setupFilesAfterEnv (not setupFiles), or use express-httpresponse/testing/jest-globals when injectGlobals is false.",
  );
}
jestExpect.extend(matchers);
