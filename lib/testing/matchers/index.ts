/** All matchers, for `expect.extend(matchers)`. */
import { toContainText } from './to-contain-text.js';
import { toEqualJSON } from './to-equal-json.js';
import { toHaveHeader } from './to-have-header.js';
import { toHaveStatus } from './to-have-status.js';
import { toRedirectTo } from './to-redirect-to.js';

export { toContainText, toEqualJSON, toHaveHeader, toHaveStatus, toRedirectTo };

/**
 * Every matcher, for `expect.extend(matchers)` (which the set-up module
 * `express-httpresponse/testing/jest-setup` does for you).
 */
export const matchers: {
  /** See {@link toHaveStatus}. */
  toHaveStatus: typeof toHaveStatus;
  /** See {@link toHaveHeader}. */
  toHaveHeader: typeof toHaveHeader;
  /** See {@link toContainText}. */
  toContainText: typeof toContainText;
  /** See {@link toRedirectTo}. */
  toRedirectTo: typeof toRedirectTo;
  /** See {@link toEqualJSON}. */
  toEqualJSON: typeof toEqualJSON;
} = { toHaveStatus, toHaveHeader, toContainText, toRedirectTo, toEqualJSON };
