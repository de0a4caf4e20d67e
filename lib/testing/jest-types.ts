/**
 * The matchers' types merged into Jest's global `expect` (the `jest` namespace of
 * `@types/jest`). Importing anything from `express-httpresponse/testing`, or the set-up
 * module, brings this in; without `@types/jest` it declares a namespace nobody reads.
 */
import type { HttpResponseMatchers } from './matcher-types.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how @types/jest declares its matchers
  namespace jest {
    // The type parameters must be exactly @types/jest's for the declarations to merge.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends HttpResponseMatchers<R> {}
  }
}
