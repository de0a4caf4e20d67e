/**
 * express-httpresponse/testing: Django's test assertions as Jest matchers, reading the same
 * on a response object and on a supertest response, and `RequestFactory` to call a view
 * without a server.
 *
 * Set-up, one line in a file listed in Jest's `setupFilesAfterEnv`:
 * `import 'express-httpresponse/testing/jest-setup';` (or
 * `express-httpresponse/testing/jest-globals` with `@jest/globals`).
 *
 * @example
 * ```ts
 * const req = new RequestFactory().get('/');
 * const response = await home(req, req.res);
 * expect(response).toHaveStatus(200);
 * await expect(response).toContainText('Welcome');
 * await expect(await request(app).get('/old')).toRedirectTo('/new', { status: 301 });
 * ```
 *
 * @module express-httpresponse/testing
 */
export type {} from './jest-types.js';
export {
  type ContainHTMLOptions,
  type ContainTextOptions,
  type HttpResponseMatchers,
  type MatcherContext,
  type MatcherHintOptions,
  type MatcherResult,
  type MatcherUtils,
  type RedirectToOptions,
  type RequestListenerLike,
  type ServerLike,
  type UseTemplateOptions,
} from './matcher-types.js';
export {
  matchers,
  toContainHTML,
  toContainText,
  toEqualHTML,
  toEqualJSON,
  toHaveHeader,
  toHaveStatus,
  toRedirectTo,
  toUseTemplate,
} from './matchers/index.js';
export { toHaveMessages, type ExpectedMessage, type HaveMessagesOptions } from './matchers/to-have-messages.js';
export type { ClientAuthOptions, ForceLoginOptions } from './client-auth.js';
export { ClientSession, type ClientSessionOptions } from './client-session.js';
export {
  headerOf,
  isTestedResponse,
  statusOf,
  textOf,
  type ClientResponse,
  type TestedResponse,
} from './response-access.js';
export { HtmlElement, HtmlParseError, HtmlRoot, parseHtml, type HtmlAttribute, type HtmlNode } from './html.js';
export { parse5Ready } from './html-ready.js';
export {
  RequestFactory,
  type FactoryRequest,
  type QueryData,
  type RequestData,
  type RequestFactoryOptions,
  type RequestOptions,
} from './request-factory.js';
export {
  Client,
  type ClientApp,
  RedirectCycleError,
  type ClientData,
  type ClientOptions,
  type ClientRequestOptions,
} from './client.js';
export { TestResponse, type ClientRequestInfo, type RedirectHop, type TestResponseInit } from './test-response.js';
export type { RenderedTemplate } from './template-recorder.js';
export { ClientTimeoutError } from './client-timeout.js';
