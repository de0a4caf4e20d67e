/** `toRedirectTo(url, { status?, targetStatus?, fetchRedirectResponse?, app? })`: Django's `assertRedirects`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import lightMyRequest from 'light-my-request';
import type { MatcherContext, MatcherResult, RedirectToOptions } from '../matcher-types.js';
import { headerOf, statusOf, type TestedResponse } from '../response-access.js';
import { bodyLine, hint, testedResponse } from './received.js';
import { resolveUrl } from '../../urls/resolve-url.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** What a superagent (supertest) response knows about its request. */
interface ClientRequestInfo {
  request?: { url?: unknown; app?: unknown };
  redirects?: unknown;
}

// Django's convention for the host of a response that has no request: 'testserver'.
const DEFAULT_BASE = 'http://testserver/';

function requestOf(response: TestedResponse): ClientRequestInfo['request'] {
  const request = (response as ClientRequestInfo).request;
  return typeof request === 'object' && request !== null ? request : undefined;
}

/**
 * The expected URL: a URL pattern name (`'polls:detail'`, with `args` / `kwargs`) reversed, as
 * Django's `resolve_url`; anything that does not reverse is a URL, unless arguments were given.
 */
function expectedLocation(url: string, options: RedirectToOptions | undefined): string {
  const { args, kwargs } = options ?? {};
  try {
    return resolveUrl(url, { args, kwargs });
  } catch (err) {
    if (args !== undefined || kwargs !== undefined) throw err;
    return url;
  }
}

/** The URL the request went to (a supertest response knows it), else Django's `http://testserver/`. */
function baseOf(response: TestedResponse): string {
  const url = requestOf(response)?.url;
  return typeof url === 'string' && URL.canParse(url) ? url : DEFAULT_BASE;
}

/** A URL resolved against `base` with its query parameters sorted (Django's `assertURLEqual`). */
function normalizeUrl(url: string, base: string): string {
  if (!URL.canParse(url, base)) return url;
  const parsed = new URL(url, base);
  parsed.searchParams.sort();
  return parsed.href;
}

/** The request listener behind `app`: an Express app is one; an `http.Server` holds one. */
function listenerOf(app: unknown): Listener | undefined {
  if (typeof app === 'function') return app as Listener;
  if (typeof app === 'object' && app !== null && typeof (app as { listeners?: unknown }).listeners === 'function') {
    const [listener] = (app as { listeners(event: 'request'): unknown[] }).listeners('request');
    if (typeof listener === 'function') return listener as Listener;
  }
  return undefined;
}

/** GET `target` through `listener` with light-my-request: no server, no port. */
async function fetchStatus(listener: Listener, target: URL): Promise<number> {
  // Called through a wrapper: given an Express app itself, light-my-request re-parents
  // Express's shared request prototype for every app of that Express copy.
  const response = await lightMyRequest((req, res) => listener(req, res), {
    method: 'GET',
    url: target.pathname + target.search,
    headers: { host: target.host },
  });
  return response.statusCode;
}

/**
 * `await expect(response).toRedirectTo(url, options?)`: the response is a redirect with
 * status `options.status` (302) to `url`. Relative URLs on either side are resolved against
 * the request's URL (a supertest response knows it; otherwise `http://testserver/`, as in
 * Django), and the order of query parameters doesn't matter.
 *
 * With `fetchRedirectResponse: true`, or an `app`, the target is also fetched with a GET
 * through the same app, without a server, and must answer `options.targetStatus` (200), as
 * Django's `fetch_redirect_response`. A supertest response brings its app along; for a
 * response object pass `app`. On a supertest response that followed redirects
 * (`.redirects(n)`), the last URL followed is compared and the final status must be
 * `targetStatus`. Async.
 *
 * @example
 * ```ts
 * await expect(await request(app).post('/login')).toRedirectTo('/home', { fetchRedirectResponse: true });
 * await expect(new HttpResponsePermanentRedirect('/new')).toRedirectTo('/new', { status: 301 });
 * await expect(response).toRedirectTo('polls:results', { args: [question.id] });
 * ```
 */
export async function toRedirectTo(
  this: MatcherContext,
  received: unknown,
  url: string,
  options?: RedirectToOptions,
): Promise<MatcherResult> {
  const secondArgument = options === undefined ? undefined : 'options';
  const response = testedResponse(this, received, 'toRedirectTo', 'url');
  const { printExpected, printReceived } = this.utils;
  if (typeof url !== 'string') {
    throw new TypeError(`toRedirectTo() needs the expected URL as a string, not ${printReceived(url)}.`);
  }
  url = expectedLocation(url, options);
  const { status = 302, targetStatus = 200, app } = options ?? {};
  const fetchTarget = options?.fetchRedirectResponse ?? app !== undefined;
  const head = (): string => `${hint(this, 'toRedirectTo', 'url', secondArgument)}\n\n`;
  const result = (pass: boolean, detail: string): MatcherResult => ({
    pass,
    message: () => head() + detail + bodyLine(this, response),
  });

  const base = baseOf(response);
  const actualStatus = statusOf(response);
  const followed = (response as ClientRequestInfo).redirects;
  let location: string | undefined;
  if (Array.isArray(followed) && followed.length > 0) {
    // superagent followed the redirects: like Django's redirect_chain, the status checked is the final one.
    location = String(followed.at(-1));
    if (actualStatus !== targetStatus) {
      return result(
        false,
        `Response didn't redirect as expected: Final Response code was ${printReceived(actualStatus)} (expected ${printExpected(targetStatus)})`,
      );
    }
  } else {
    location = headerOf(response, 'Location');
    if (actualStatus !== status) {
      return result(
        false,
        `Response didn't redirect as expected: Response code was ${printReceived(actualStatus)} (expected ${printExpected(status)})` +
          (location === undefined ? '' : `\nLocation: ${printReceived(location)}`),
      );
    }
    if (location === undefined) {
      return result(false, `Response has status ${printReceived(actualStatus)} but no Location header`);
    }
    if (fetchTarget) {
      const listener = listenerOf(app ?? requestOf(response)?.app);
      if (listener === undefined) {
        throw new TypeError(
          `toRedirectTo() can't fetch ${JSON.stringify(location)}: it needs the app, so pass { app } (an Express app or http.Server), or { fetchRedirectResponse: false }.`,
        );
      }
      const target = new URL(location, base);
      if (target.origin !== new URL(base).origin) {
        throw new RangeError(
          `toRedirectTo() is unable to fetch remote URLs (got ${target.href}); use toRedirectTo(..., { fetchRedirectResponse: false }).`,
        );
      }
      const fetched = await fetchStatus(listener, target);
      if (fetched !== targetStatus) {
        return result(
          false,
          `Couldn't retrieve redirection page ${printReceived(target.pathname + target.search)}: response code was ${printReceived(fetched)} (expected ${printExpected(targetStatus)})`,
        );
      }
    }
  }

  const pass = normalizeUrl(location, base) === normalizeUrl(url, base);
  return result(
    pass,
    pass
      ? `Expected: not a redirect to ${printExpected(url)}\nReceived: a ${printReceived(actualStatus)} redirect to ${printReceived(location)}`
      : `Response redirected to ${printReceived(location)}, expected ${printExpected(url)}\n\n` +
          `Expected URL: ${printExpected(normalizeUrl(url, base))}\nReceived URL: ${printReceived(normalizeUrl(location, base))}`,
  );
}
