import { DisallowedRedirect } from './errors.js';
import { HttpResponse, type Body } from './response.js';
import type { ResponseInit } from './response-base.js';
import { describe } from './describe.js';
import { checkOptions, isOptionsObject, optionNames, RESPONSE_INIT_NAMES } from './init-validation.js';
import { browserHost, PROBE_HOST } from '../utils/browser-url.js';
import { splitScheme } from '../utils/url-scheme.js';

/** Django's `MAX_URL_REDIRECT_LENGTH`. */
export const MAX_URL_REDIRECT_LENGTH = 16384;

/** Options of the redirect responses. */
export interface RedirectInit extends ResponseInit {
  /** Keep the method and body: 307 instead of 302, 308 instead of 301. @defaultValue false */
  preserveRequest?: boolean;
  /** The longest Location allowed, in characters after encoding; `null` for no limit. @defaultValue 16384 */
  maxLength?: number | null;
  /** A body, for clients that show one. @defaultValue empty */
  content?: Body;
}

const NO_OPTIONS: RedirectInit = Object.freeze({});

/** The option names of {@link RedirectInit}, which its error messages list. */
export const REDIRECT_INIT_NAMES = [...RESPONSE_INIT_NAMES, 'preserveRequest', 'maxLength', 'content'] as const;

/**
 * The call that makes a redirect with `status` to `url`, for a message about a status given
 * in the wrong place: `shortcut` for `redirect()`'s spelling, else the classes'.
 */
export function redirectCallFor(status: unknown, url: unknown, shortcut: boolean): string {
  const to = describe(url);
  const known: Record<number, [shortcut: string, constructor: string]> = {
    301: [`redirect(${to}, { permanent: true })`, `new HttpResponsePermanentRedirect(${to})`],
    302: [`redirect(${to})`, `new HttpResponseRedirect(${to})`],
    307: [`redirect(${to}, { preserveRequest: true })`, `new HttpResponseRedirect(${to}, { preserveRequest: true })`],
    308: [
      `redirect(${to}, { permanent: true, preserveRequest: true })`,
      `new HttpResponsePermanentRedirect(${to}, { preserveRequest: true })`,
    ],
  };
  const calls = typeof status === 'number' ? known[status] : undefined;
  if (calls !== undefined) return shortcut ? calls[0] : calls[1];
  const literal = typeof status === 'number' ? String(status) : '303';
  return shortcut
    ? `redirect(${to}, { status: ${literal} })`
    : `new HttpResponseRedirect(${to}, { status: ${literal} })`;
}

/**
 * `redirect(to, options)`'s check: a status, `true` (Django's positional `permanent`) or
 * Express's order in the wrong place throws naming the right call; an unknown option throws
 * listing `known`.
 *
 * @throws TypeError
 */
export function checkRedirectOptions(to: unknown, options: unknown, known: ReadonlySet<string>): void {
  if (isOptionsObject(options)) {
    checkOptions(options, known, 'redirect()');
    return;
  }
  if (options === undefined || options === null) return;
  let fix: string;
  if (typeof to === 'number' && typeof options === 'string') {
    fix = `the URL goes first (Express's res.redirect(status, url) order is not taken): ${redirectCallFor(to, options, true)}`;
  } else if (typeof options === 'number') fix = `for a ${options}, write ${redirectCallFor(options, to, true)}`;
  else if (typeof options === 'boolean') {
    fix = `Django's positional permanent is an option here, ${options ? redirectCallFor(301, to, true) : redirectCallFor(302, to, true)}`;
  } else fix = 'pass an options object such as { permanent: true }';
  throw new TypeError(`redirect() takes (to, options): ${fix} (got ${describe(options)}).`);
}

/**
 * Refuse a redirect's arguments in the wrong place, which would otherwise answer another status
 * than meant: a status after the URL (`new HttpResponseRedirect('/x', 301)`), Express's order
 * (`res.redirect(301, '/x')` ported as `(301, '/x')`), Django's positional `preserve_request`
 * (`true`), or a string where the options go.
 */
function checkRedirectArguments(what: string, url: unknown, init: unknown): void {
  if (init === undefined || init === null || isOptionsObject(init)) return;
  if (typeof url === 'number' && typeof init === 'string') {
    throw new TypeError(
      `${what} takes the URL first, then the options (Express's res.redirect(status, url) order is not taken): write ${redirectCallFor(url, init, false)} (got ${describe(url)}, ${describe(init)}).`,
    );
  }
  let fix: string;
  if (typeof init === 'number') fix = `for a ${init}, write ${redirectCallFor(init, url, false)}`;
  else if (typeof init === 'boolean') {
    fix = `Django's positional preserve_request is an option here, new ${what}(${describe(url)}, { preserveRequest: ${String(init)} })`;
  } else if (typeof init === 'string') {
    fix = `a body is the content option and a content type the contentType option, new ${what}(${describe(url)}, { content: ${describe(init)} })`;
  } else fix = `pass an options object such as { status: 303 }`;
  throw new TypeError(`${what} takes (url, options): ${fix} (got ${describe(init)}).`);
}

/** The options of `init` that are the response's own (not the redirect's). */
function responseOptions(init: RedirectInit): ResponseInit {
  const { preserveRequest: _preserve, maxLength: _maxLength, content: _content, ...responseInit } = init;
  return responseInit;
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'ftp']);

/**
 * Django's `iri_to_uri`: percent-encode UTF-8 and the characters a URI may not hold,
 * keeping `%` so that an already encoded URL stays as it is. Written by hand because
 * `encodeurl` keeps `\`, `^` and `|` and encodes a lone `%`, unlike Django.
 */
export function iriToUri(iri: string): string {
  return iri.replace(/[^A-Za-z0-9_.\-~/#%[\]=:;$&()+,!?*@']+/g, (run) =>
    Array.from(Buffer.from(run, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** The scheme of `url` as Python's `urlsplit` reads it (lower-cased), or `''`. */
export function urlScheme(url: string): string {
  return splitScheme(url).scheme;
}

/**
 * Express CVE-2024-29041: percent-encoding can move a URL to another host as a browser reads
 * it (`http://good.example\@evil.com` goes to good.example, its encoding
 * `http://good.example%5C@evil.com` to evil.com), defeating an allow-list that checked the URL
 * as given. Refuse a URL whose encoding leads elsewhere, unless it stays on this site.
 *
 * @throws DisallowedRedirect
 */
function checkHostKept(target: string, location: string): void {
  const encodedHost = browserHost(location);
  if (encodedHost === PROBE_HOST) return;
  const givenHost = browserHost(target);
  if (encodedHost !== givenHost) {
    throw new DisallowedRedirect(
      `Unsafe redirect: encoding the URL would change its host from ${JSON.stringify(givenHost)} to ${JSON.stringify(encodedHost)}; pass a well-formed URL.`,
    );
  }
}

/** The shared behaviour of {@link HttpResponseRedirect} and {@link HttpResponsePermanentRedirect}. */
export abstract class HttpResponseRedirectBase extends HttpResponse {
  static override readonly optionNames: ReadonlySet<string> = optionNames<RedirectInit>()(REDIRECT_INIT_NAMES);

  /** The status used with `preserveRequest: true`. */
  static readonly preserveRequestStatus: number = 307;

  /**
   * @param url - absolute or relative; encoded as Django's `iri_to_uri` into `Location`.
   * @throws DisallowedRedirect for a scheme other than http, https and ftp, or a URL over `maxLength`.
   */
  constructor(url: string | URL, init?: RedirectInit) {
    checkRedirectArguments(new.target.name, url, init);
    // Most redirects have no options: then no rest object is made for the response's own.
    const { preserveRequest = false, maxLength = MAX_URL_REDIRECT_LENGTH, content } = init ?? NO_OPTIONS;
    super(content, init === undefined || init === null ? undefined : responseOptions(init));
    if (typeof url !== 'string' && !(url instanceof URL)) {
      throw new TypeError(`Invalid redirect URL: it must be a string or a URL (got ${describe(url)}).`);
    }
    const target = String(url);
    const location = iriToUri(target);
    if (maxLength !== null && location.length > maxLength) {
      throw new DisallowedRedirect(`Unsafe redirect exceeding ${maxLength} characters`);
    }
    const scheme = urlScheme(target);
    if (scheme !== '' && !ALLOWED_SCHEMES.has(scheme)) {
      throw new DisallowedRedirect(`Unsafe redirect to URL with protocol '${scheme}'`);
    }
    if (location !== target) checkHostKept(target, location);
    this.headers.set('Location', location);
    if (preserveRequest && init?.status === undefined) {
      this.statusCode = new.target.preserveRequestStatus;
    }
  }

  /** The redirect target: the `Location` header. */
  get url(): string {
    return this.headers.get('Location') ?? '';
  }

  protected override reprSuffix(): string {
    return `, url="${this.url}"`;
  }
}

/** 302 Found (307 with `preserveRequest`). */
export class HttpResponseRedirect extends HttpResponseRedirectBase {
  static override readonly status: number = 302;
  static override readonly preserveRequestStatus: number = 307;
}

/** 301 Moved Permanently (308 with `preserveRequest`). */
export class HttpResponsePermanentRedirect extends HttpResponseRedirectBase {
  static override readonly status: number = 301;
  static override readonly preserveRequestStatus: number = 308;
}
