/**
 * The set-up for tests that `import { expect } from '@jest/globals'`:
 * `import 'express-httpresponse/testing/jest-globals';` in a `setupFilesAfterEnv` file.
 * Registers every matcher and adds them to the `Matchers` of the `expect` package, which
 * `@jest/globals`'s `expect` is typed with.
 *
 * @packageDocumentation
 */
import { expect } from '@jest/globals';
import type { HttpResponseMatchers } from './matcher-types.js';
import { matchers } from './matchers/index.js';
export type { HttpResponseMatchers } from './matcher-types.js';

declare module 'expect' {
  // The type parameters must be exactly those of `expect`'s own Matchers for the declarations to merge.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends HttpResponseMatchers<R> {}
}

expect.extend(matchers);
