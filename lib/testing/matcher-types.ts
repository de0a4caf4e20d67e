/**
 * The types the matchers are written against: the part of Jest's matcher context they use
 * (declared here so that the package's declarations need neither `@types/jest` nor
 * `expect`), their options, and {@link HttpResponseMatchers}, which the set-up modules merge
 * into Jest's `Matchers`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options of Jest's `matcherHint`. */
export interface MatcherHintOptions {
  /** Whether the assertion is negated (`.not`). */
  isNot?: boolean;
  /** `'resolves'` or `'rejects'` when the received value was a promise. */
  promise?: string;
  /** A label for a second argument, e.g. `'options'`. */
  secondArgument?: string;
  /** A comment printed after the hint. */
  comment?: string;
}

/** The helpers Jest gives a matcher as `this.utils` (from `jest-matcher-utils`). */
export interface MatcherUtils {
  /** The grey `expect(received).matcher(expected)` line that starts a failure message. */
  matcherHint: (matcherName: string, received?: string, expected?: string, options?: MatcherHintOptions) => string;
  /** `value`, formatted and coloured as the expected value. */
  printExpected: (value: unknown) => string;
  /** `value`, formatted and coloured as the received value. */
  printReceived: (value: unknown) => string;
  /** A diff of `expected` and `received` when it helps, else both values. */
  printDiffOrStringify: (
    expected: unknown,
    received: unknown,
    expectedLabel: string,
    receivedLabel: string,
    expand: boolean,
  ) => string;
}

/** The part of Jest's matcher context (`this` in a matcher) these matchers use. */
export interface MatcherContext {
  /** Whether the assertion is negated (`.not`). */
  isNot?: boolean | undefined;
  /** `'resolves'` or `'rejects'` when the received value was a promise, else `''`. */
  promise?: string | undefined;
  /** Whether to print full diffs (`--expand`). */
  expand?: boolean | undefined;
  /** Jest's formatting helpers. */
  utils: MatcherUtils;
  /** Jest's recursive equality (what `toEqual` uses). */
  equals(a: unknown, b: unknown): boolean;
}

/** What a Jest matcher returns. */
export interface MatcherResult {
  /** Whether the assertion holds (Jest inverts it for `.not`). */
  pass: boolean;
  /** The failure message, for either direction. */
  message: () => string;
}

/** Options of {@link HttpResponseMatchers.toContainText} (Django's `assertContains`). */
export interface ContainTextOptions {
  /** How many times the text must occur; unset: at least once (or, with `.not`, never). */
  count?: number;
  /** The status the response must have before its content is looked at. @defaultValue 200 */
  status?: number;
  /**
   * Compare as HTML, as Django's `html=True`: both sides are parsed, so attribute order,
   * quoting, class order and whitespace don't matter, and `text` must match whole elements.
   * @defaultValue false
   */
  html?: boolean;
}

/** Options of {@link HttpResponseMatchers.toUseTemplate} (Django's `assertTemplateUsed`). */
export interface UseTemplateOptions {
  /** How many times the template must have been rendered; unset: at least once (or, with `.not`, never). */
  count?: number;
}

/** Options of {@link HttpResponseMatchers.toContainHTML} (Django's `assertInHTML`). */
export interface ContainHTMLOptions {
  /** How many times the HTML must occur; unset: at least once (or, with `.not`, never). */
  count?: number;
}

/** A Node `http.Server` (what supertest's `res.request.app` is): its request listener is the app. */
export interface ServerLike {
  /** The server's listeners for `event`; the first `'request'` listener is the app. */
  listeners(event: 'request'): unknown[];
}

/** What an app can be fetched through: an Express app (a request listener), or an `http.Server`. */
export type RequestListenerLike = ((req: IncomingMessage, res: ServerResponse) => void) | ServerLike;

/** Options of {@link HttpResponseMatchers.toRedirectTo} (Django's `assertRedirects`). */
export interface RedirectToOptions {
  /** The redirect's status. @defaultValue 302 */
  status?: number;
  /** The status the redirect's target must answer with, when it is fetched. @defaultValue 200 */
  targetStatus?: number;
  /**
   * Fetch the target (a GET, through the same app, no server or port) and check it answers
   * `targetStatus`, as Django's `fetch_redirect_response`. On a supertest response the app
   * is the one the request went to; otherwise pass `app`.
   * @defaultValue false, or true when `app` is given
   */
  fetchRedirectResponse?: boolean;
  /** The app to fetch the target from (an Express app or an `http.Server`); implies `fetchRedirectResponse`. */
  app?: RequestListenerLike;
  /** Positional arguments, when the expected URL is given as a URL pattern name. */
  args?: readonly unknown[];
  /** Keyword arguments, when the expected URL is given as a URL pattern name. */
  kwargs?: Record<string, unknown>;
}

/**
 * The matchers, as they appear on `expect(response)`. `toHaveStatus` and `toHaveHeader` are
 * synchronous, and so is `toUseTemplate`; `toContainText`, `toRedirectTo`, `toEqualJSON`,
 * `toEqualHTML` and `toContainHTML` read a body (a streaming
 * response is read to its end) or fetch a page, so they return promises: `await` them.
 *
 * @typeParam R - what Jest's matcher returns (`void`, or a promise under `.resolves`).
 */
export interface HttpResponseMatchers<R = unknown> {
  /** The response's status code is `code`. */
  toHaveStatus(code: number): R;
  /** Header `name` (any casing) is set and, when `value` is given, equals it (or matches it, for a RegExp). */
  toHaveHeader(name: string, value?: string | RegExp): R;
  /**
   * The response has status `options.status` (200) and its body contains `text`, or
   * contains it `options.count` times (Django's `assertContains`; with `.not`,
   * `assertNotContains`).
   */
  toContainText(text: string, options?: ContainTextOptions): Promise<R>;
  /**
   * The response redirects (status `options.status`, 302) to `url`, relative URLs resolved
   * against the request's; query parameter order doesn't matter (Django's `assertRedirects`).
   * `url` may be a URL pattern name, reversed with `options.args` / `kwargs`.
   */
  toRedirectTo(url: string, options?: RedirectToOptions): Promise<R>;
  /** The body, parsed as JSON, equals `value` recursively (Django's `assertJSONEqual`). */
  toEqualJSON(value: unknown): Promise<R>;
  /**
   * Rendering the response (of the test `Client`) used template `name`, at least once or
   * `options.count` times (Django's `assertTemplateUsed`; with `.not`, `assertTemplateNotUsed`).
   */
  toUseTemplate(name: string, options?: UseTemplateOptions): R;
  /**
   * The body (or a string) is the same HTML as `html`: whitespace, attribute order and class
   * order ignored (Django's `assertHTMLEqual`).
   */
  toEqualHTML(html: string): Promise<R>;
  /** The body (or a string) contains the HTML `html`, at least once or `options.count` times (Django's `assertInHTML`). */
  toContainHTML(html: string, options?: ContainHTMLOptions): Promise<R>;
  /**
   * The messages of the request the (test `Client`) response answered, or of an iterable of
   * messages, are `expected` by level and text, in order unless `ordered: false` (Django's
   * `assertMessages`).
   */
  toHaveMessages(expected: ReadonlyArray<{ level: number; message: string }>, options?: { ordered?: boolean }): R;
}
