/** All matchers, for `expect.extend(matchers)`. */
import { toContainText } from './to-contain-text.js';
import { toEqualJSON } from './to-equal-json.js';
import { toHaveHeader } from './to-have-header.js';
import { toHaveStatus } from './to-have-status.js';
import { toRedirectTo } from './to-redirect-to.js';
import { toContainHTML } from './to-contain-html.js';
import { toEqualHTML } from './to-equal-html.js';
import { toUseTemplate } from './to-use-template.js';
import { toHaveMessages } from './to-have-messages.js';

export {
  toContainHTML,
  toContainText,
  toEqualHTML,
  toEqualJSON,
  toHaveHeader,
  toHaveStatus,
  toRedirectTo,
  toUseTemplate,
  toHaveMessages,
};

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
  /** See {@link toUseTemplate}. */
  toUseTemplate: typeof toUseTemplate;
  /** See {@link toEqualHTML}. */
  toEqualHTML: typeof toEqualHTML;
  /** See {@link toContainHTML}. */
  toContainHTML: typeof toContainHTML;
  /** See {@link toHaveMessages}. */
  toHaveMessages: typeof toHaveMessages;
} = {
  toHaveStatus,
  toHaveHeader,
  toContainText,
  toRedirectTo,
  toEqualJSON,
  toUseTemplate,
  toEqualHTML,
  toContainHTML,
  toHaveMessages,
};
