import { DisallowedRedirect } from './errors.js';
import { HttpResponse, type Body } from './response.js';
import type { ResponseInit } from './response-base.js';
import { describe } from './describe.js';
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
  /** The status used with `preserveRequest: true`. */
  static readonly preserveRequestStatus: number = 307;

  /**
   * @param url - absolute or relative; encoded as Django's `iri_to_uri` into `Location`.
   * @throws DisallowedRedirect for a scheme other than http, https and ftp, or a URL over `maxLength`.
   */
  constructor(url: string | URL, init?: RedirectInit) {
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
