import { isIPv6 } from 'node:net';
import { browserHost, PROBE_HOST } from './browser-url.js';
import { splitScheme } from './url-scheme.js';
import { toEpochSeconds } from './epoch-seconds.js';

/** Options of {@link urlHasAllowedHostAndScheme}. */
export interface UrlHasAllowedHostAndSchemeOptions {
  /**
   * The hosts a URL may point to, compared exactly (case and port included) with the URL's
   * authority (`host:port`, with any `user:pass@`): one host, an array, or a `Set`.
   * `null` or an empty list allows only URLs without a host (paths).
   */
  allowedHosts: string | Iterable<string> | null | undefined;
  /** Accept only `https` URLs (and paths); `http` and scheme-relative `//host` URLs are refused. @defaultValue false */
  requireHttps?: boolean;
}

/**
 * Django's `url_has_allowed_host_and_scheme`: whether `url` is safe to redirect to — a path on
 * this site, or an `http`/`https` URL whose host is one of `allowedHosts`. Use it before
 * redirecting to a URL the user supplied (`?next=`), so the redirect cannot send them to another
 * site (an "open redirect").
 *
 * It refuses what browsers read as another host although a parser may not: scheme-relative
 * `//evil.com`, backslashes (`\\evil.com`, `/\evil.com`, `http:\\evil.com`), `http:///evil.com`,
 * `user\@evil.com` credentials, leading control characters, tabs and newlines inside the scheme
 * (`java\nscript:`), any scheme other than `http` and `https`, and host names that Unicode
 * normalisation turns into delimiters. Like Django 4+ it reads the URL as Python 3.11's
 * `urlsplit` does, removing tabs and newlines as browsers do (Django 3.2 let `java\nscript:` by).
 *
 * Anything but a string (`undefined`, or the array Express's query parser gives for
 * `?next=a&next=b`) is not a safe URL: the result is `false`, and `true` narrows `url` to `string`.
 *
 * `true` does not make the URL safe to put in HTML unescaped; {@link HttpResponseRedirect}
 * percent-encodes it for the `Location` header.
 *
 * @param url - the candidate URL, typically `req.query.next`.
 * @param options - `allowedHosts` and `requireHttps`.
 * @returns `true` when redirecting to `url` stays on an allowed host with an allowed scheme.
 * @throws TypeError when `allowedHosts` is not a string, an iterable of strings, `null` or `undefined`.
 *
 * Take `allowedHosts` from your configuration (as Django's `ALLOWED_HOSTS`), not from the
 * request's `Host` header, which the client chooses.
 *
 * @example
 * ```ts
 * const ALLOWED_HOSTS = new Set(['www.example.com', 'example.com']);
 *
 * app.get('/login', view((req) => {
 *   const next = req.query.next;
 *   if (urlHasAllowedHostAndScheme(next, { allowedHosts: ALLOWED_HOSTS, requireHttps: req.secure })) {
 *     return new HttpResponseRedirect(next); // a path, or an https URL on an allowed host
 *   }
 *   return new HttpResponseRedirect('/');
 * }));
 *
 * urlHasAllowedHostAndScheme('/account/', { allowedHosts: ALLOWED_HOSTS }); // true
 * urlHasAllowedHostAndScheme('https://example.com/x', { allowedHosts: 'example.com' }); // true
 * urlHasAllowedHostAndScheme('//evil.com', { allowedHosts: ALLOWED_HOSTS }); // false
 * urlHasAllowedHostAndScheme('/\\evil.com', { allowedHosts: ALLOWED_HOSTS }); // false
 * ```
 */
export function urlHasAllowedHostAndScheme(url: unknown, options: UrlHasAllowedHostAndSchemeOptions): url is string {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `Invalid options: ${String(options)}. Pass an object such as { allowedHosts: ['example.com'] }.`,
    );
  }
  const allowedHosts = toHostSet(options.allowedHosts);
  const requireHttps = options.requireHttps === true;
  if (typeof url !== 'string') return false;
  const stripped = pythonStrip(url);
  if (stripped === '') return false;
  // Chrome treats \ completely as / in paths, but it could be part of some basic auth
  // credentials, so both readings must be safe (as in Django).
  return (
    hasAllowedHostAndScheme(stripped, allowedHosts, requireHttps) &&
    hasAllowedHostAndScheme(stripped.replace(/\\/g, '/'), allowedHosts, requireHttps)
  );
}

/** `allowedHosts` as a set, validated. */
function toHostSet(allowedHosts: UrlHasAllowedHostAndSchemeOptions['allowedHosts']): ReadonlySet<string> {
  if (allowedHosts === null || allowedHosts === undefined) return new Set();
  if (typeof allowedHosts === 'string') return new Set([allowedHosts]);
  if (typeof (allowedHosts as Partial<Iterable<string>>)[Symbol.iterator] !== 'function') {
    throw new TypeError(
      `Invalid allowedHosts: ${typeof allowedHosts}. It must be a host name, an array or a Set of host names.`,
    );
  }
  const hosts = new Set<string>();
  for (const host of allowedHosts) {
    if (typeof host !== 'string') {
      throw new TypeError(`Invalid host in allowedHosts: ${String(host)}. Every allowed host must be a string.`);
    }
    hosts.add(host);
  }
  return hosts;
}

// Python's str.strip() removes exactly the characters str.isspace() accepts, which differ
// from JavaScript's trim() (\x1c-\x1f and \x85 yes, \ufeff no).
const PY_WHITESPACE =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_WHITESPACE}]+|[${PY_WHITESPACE}]+$`, 'g');

/** Python's `str.strip()`. */
function pythonStrip(value: string): string {
  return value.replace(PY_STRIP, '');
}

/** Django's `_url_has_allowed_host_and_scheme`, on one reading of the URL. */
function hasAllowedHostAndScheme(url: string, allowedHosts: ReadonlySet<string>, requireHttps: boolean): boolean {
  // Chrome considers any URL with more than two slashes to be absolute, but urlsplit is not
  // so flexible. Treat any URL with three slashes as unsafe. Browsers drop tabs and newlines
  // anywhere in a URL first, so `/\n//evil.com` has three slashes too (Django's check, made
  // before urlsplit removes them, lets it through).
  if (url.replace(/[\t\r\n]/g, '').startsWith('///')) return false;
  const parts = urlsplit(url);
  if (parts === null) return false;
  // Backstop: where this reading finds no host, a browser (the WHATWG URL parser) must not
  // find one either.
  if (parts.netloc === '' && browserHost(url) !== PROBE_HOST) return false;
  // Forbid URLs like http:///example.com - with a scheme, but without a host name: Chrome
  // reads example.com as the host.
  if (parts.netloc === '' && parts.scheme !== '') return false;
  // Forbid URLs that start with a control character (Unicode category C): some browsers
  // ignore them and might read the URL as scheme-relative.
  if (/^\p{C}/u.test(url)) return false;
  // A URL without a scheme but with a host (//example.com/p) is http.
  const scheme = parts.scheme === '' && parts.netloc !== '' ? 'http' : parts.scheme;
  const validSchemes = requireHttps ? ['https'] : ['http', 'https'];
  return (parts.netloc === '' || allowedHosts.has(parts.netloc)) && (scheme === '' || validSchemes.includes(scheme));
}

/**
 * The scheme and authority of `url` as Python 3.11's `urllib.parse.urlsplit` reads them, or
 * `null` where it raises `ValueError`. Hand-written because Node's WHATWG `URL` resolves and
 * normalises (it would turn `\\evil.com` into `//evil.com` and drop what Django checks), while
 * Django's decision rests on exactly this split.
 */
function urlsplit(input: string): { scheme: string; netloc: string } | null {
  const { scheme, rest: url } = splitScheme(input);
  let netloc = '';
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = rest.search(/[/?#]/);
    netloc = end === -1 ? rest : rest.slice(0, end);
    if (netloc.includes('[') !== netloc.includes(']')) return null;
    if (netloc.includes('[') && !validBracketedNetloc(netloc)) return null;
  }
  if (!validUnderNfkc(netloc)) return null;
  return { scheme, netloc };
}

/** Python's `_check_bracketed_netloc`: `[IPv6]` or `[vX.future]`, nothing before it, only a port after. */
function validBracketedNetloc(netloc: string): boolean {
  const hostAndPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostAndPort.indexOf('[');
  let hostname: string;
  if (open !== -1) {
    if (open > 0) return false;
    const bracketed = hostAndPort.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close === -1 ? bracketed : bracketed.slice(0, close);
    const port = close === -1 ? '' : bracketed.slice(close + 1);
    if (port !== '' && !port.startsWith(':')) return false;
  } else {
    const portColon = hostAndPort.indexOf(':');
    hostname = portColon === -1 ? hostAndPort : hostAndPort.slice(0, portColon);
  }
  if (hostname.startsWith('v')) return /^v[a-fA-F0-9]+\.[^\n]+$/.test(hostname); // Python: \Av[a-fA-F0-9]+\..+\Z
  return isIPv6(hostname);
}

/**
 * Python's `_checknetloc`: refuse a host holding characters such as U+2100 (℀) that NFKC
 * normalisation — which IDNA applies — turns into `/`, `?`, `#`, `@` or `:`.
 */
function validUnderNfkc(netloc: string): boolean {
  if (/^[\x00-\x7f]*$/.test(netloc)) return true;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalized = n.normalize('NFKC');
  return n === normalized || !/[/?#@:]/.test(normalized);
}

// ---------------------------------------------------------------------------------------
// HTTP dates and entity-tags: Django's django/utils/http.py (parse_http_date_safe, http_date,
// parse_etags, quote_etag). The one home of these parsers; utils/conditional.ts and
// utils/cache.ts use them.

/** RFC 9110 §8.8.3: `entity-tag = [ weak ] opaque-tag`, `opaque-tag = DQUOTE *etagc DQUOTE`. */
const ETAG = /^(?:W\/)?"[^"]*"$/;

/**
 * Django's `quote_etag`: `value` if it is already a quoted entity-tag (`"abc"` or `W/"abc"`),
 * else `"value"`, a strong entity-tag (RFC 9110 §8.8.3).
 *
 * @example
 * ```ts
 * quoteEtag('abc'); // '"abc"'
 * quoteEtag('W/"abc"'); // 'W/"abc"'
 * ```
 */
export function quoteEtag(value: string): string {
  return ETAG.test(value) ? value : `"${value}"`;
}

/**
 * Django's `parse_etags`: the valid entity-tags of an `If-Match` / `If-None-Match` value, in
 * order, or `['*']`. Members are separated by a comma with optional whitespace (RFC 9110
 * §5.6.1: spaces or tabs) around it; members that are not quoted entity-tags are dropped.
 *
 * @example
 * ```ts
 * parseEtags('"a",\tW/"b", c'); // ['"a"', 'W/"b"']
 * parseEtags(' * '); // ['*']
 * ```
 */
export function parseEtags(value: string | undefined): string[] {
  if (!value) return [];
  if (value.trim() === '*') return ['*'];
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => ETAG.test(tag));
}

/**
 * Django's `http_date`: a date as an IMF-fixdate (RFC 9110 §5.6.7, `Sun, 06 Nov 1994 08:49:37
 * GMT`), at one-second precision (rounded down). `date` is a `Date` or the seconds since the
 * epoch (as {@link parseHttpDate} returns and Django's `http_date` takes), so
 * `httpDate(parseHttpDate(x))` gives back any IMF-fixdate `x` (an RFC 850 or asctime date
 * comes back as the IMF-fixdate of the same second, the form RFC 9110 has senders write).
 *
 * @param date - the date; @defaultValue now
 * @throws TypeError for anything but a `Date` or a finite number; RangeError for seconds past
 *   the year 9999, such as milliseconds from `Date.now()` (the message says to pass a `Date`).
 *
 * @example
 * ```ts
 * httpDate(784111777); // 'Sun, 06 Nov 1994 08:49:37 GMT'
 * httpDate(new Date('1994-11-06T08:49:37Z')); // the same
 * httpDate(); // now
 * ```
 */
export function httpDate(date: Date | number = new Date()): string {
  return new Date(toEpochSeconds(date, 'httpDate()') * 1000).toUTCString();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 form and asctime(), as Django's parse_http_date.
const IMF_FIXDATE = /^\w{3}, (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850 = /^\w{6,9}, (\d{2})-(\w{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^\w{3} (\w{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** RFC 9110 §5.6.7, as Django: a two-digit year more than 50 years in the future is in the past century. */
function fullYear(twoDigits: number): number {
  const currentYear = new Date().getUTCFullYear();
  const century = currentYear - (currentYear % 100);
  return twoDigits - (currentYear % 100) > 50 ? twoDigits + century - 100 : twoDigits + century;
}

/**
 * Django's `parse_http_date_safe`: the **seconds** since the epoch (a whole number, as Django's
 * `parse_http_date`) of an HTTP date in any of the three forms RFC 9110 §5.6.7 requires a
 * recipient to read — IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
 * (`Sunday, 06-Nov-94 08:49:37 GMT`, its two-digit year read as Django does) and asctime
 * (`Sun Nov  6 08:49:37 1994`) — or `undefined` when `value` is none of them (an impossible
 * date such as 32 October included). {@link httpDate} takes the same seconds back; `new
 * Date(seconds * 1000)` makes a `Date` of them.
 *
 * Hand-written because `Date.parse` reads the asctime form in local time and accepts many
 * forms HTTP does not.
 *
 * @example
 * ```ts
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'); // 784111777
 * parseHttpDate('2010-10-18'); // undefined
 * ```
 */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  let day: string, month: string, year: number, h: string, m: string, s: string;
  let match: RegExpExecArray | null;
  if ((match = IMF_FIXDATE.exec(value))) {
    [, day = '', month = '', , h = '', m = '', s = ''] = match;
    year = Number(match[3]);
  } else if ((match = RFC850.exec(value))) {
    [, day = '', month = '', , h = '', m = '', s = ''] = match;
    year = fullYear(Number(match[3]));
  } else if ((match = ASCTIME.exec(value))) {
    [, month = '', day = '', h = '', m = '', s = ''] = match;
    year = Number(match[6]);
  } else {
    return undefined;
  }
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  if (monthIndex === -1) return undefined;
  // setUTCFullYear, unlike Date.UTC, reads a year below 100 as itself, not as 19xx.
  const millis =
    new Date(0).setUTCFullYear(year, monthIndex, Number(day)) + (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  if (
    Number.isNaN(millis) ||
    new Date(millis).getUTCDate() !== Number(day) ||
    Number(h) > 23 ||
    Number(m) > 59 ||
    Number(s) > 59
  ) {
    return undefined;
  }
  return millis / 1000;
}
