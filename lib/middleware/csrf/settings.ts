/** The options of the CSRF middleware (Django's `CSRF_*` settings), checked, with Django's defaults. */
import type { Request } from 'express';
import type { SameSite } from '../../http/cookies.js';
import type { ViewResult } from '../../views/types.js';
import { describe } from '../../http/describe.js';

/**
 * Options of `csrfViewMiddleware()` and `CsrfViewMiddleware`: Django's `CSRF_*` settings in
 * camelCase, with Django's defaults, and what is beyond Django (`fetchMetadata`, `bodyLimit`).
 */
export interface CsrfOptions {
  /** The cookie holding the secret (`CSRF_COOKIE_NAME`). @defaultValue `'csrftoken'` */
  cookieName?: string;
  /** The cookie's Max-Age in seconds, `null` for a browser-session cookie (`CSRF_COOKIE_AGE`). @defaultValue 31449600 (about a year) */
  cookieAge?: number | null;
  /** The cookie's Domain, e.g. `'.example.com'` to share it with subdomains (`CSRF_COOKIE_DOMAIN`). @defaultValue none (host-only) */
  cookieDomain?: string | null;
  /** The cookie's Path (`CSRF_COOKIE_PATH`). @defaultValue `'/'` */
  cookiePath?: string;
  /** Send the cookie over HTTPS only (`CSRF_COOKIE_SECURE`). @defaultValue false */
  cookieSecure?: boolean;
  /** Hide the cookie from JavaScript (`CSRF_COOKIE_HTTPONLY`); scripts then read the token from the page. @defaultValue false */
  cookieHttpOnly?: boolean;
  /** The cookie's SameSite, or `false` for none (`CSRF_COOKIE_SAMESITE`). @defaultValue `'Lax'` */
  cookieSameSite?: SameSite | false;
  /** The request header carrying the token for scripts (`CSRF_HEADER_NAME`, `HTTP_X_CSRFTOKEN`). @defaultValue `'X-CSRFToken'` */
  headerName?: string;
  /**
   * Origins trusted for unsafe requests besides the request's own (`CSRF_TRUSTED_ORIGINS`):
   * `'https://example.com'`, or `'https://*.example.com'` for every subdomain. Each needs its scheme.
   * @defaultValue `[]`
   */
  trustedOrigins?: readonly string[];
  /**
   * Keep the secret in the session (`req.session`, key `_csrftoken`) rather than in a cookie
   * (`CSRF_USE_SESSIONS`); the session middleware must come before. @defaultValue false
   */
  useSessions?: boolean;
  /**
   * The session cookie's domain when `useSessions` (`SESSION_COOKIE_DOMAIN`): HTTPS Referers
   * from it are accepted, as Django does. @defaultValue none
   */
  sessionCookieDomain?: string | null;
  /**
   * The view answering a refused request (`CSRF_FAILURE_VIEW`): `(req, reason) => response`,
   * with one of Django's reason strings. @defaultValue Django's "CSRF verification failed" page
   * (403), or RFC 9457 problem details for a client that prefers JSON
   */
  failureView?: (req: Request, reason: string) => ViewResult | Promise<ViewResult>;
  /**
   * Refuse unsafe requests whose `Sec-Fetch-Site` is `cross-site` or `same-site` (unless their
   * `Origin` is in `trustedOrigins`) before any token is looked at, as Go's
   * `CrossOriginProtection` does. @defaultValue true
   */
  fetchMetadata?: boolean;
  /**
   * The most bytes of a urlencoded or multipart body read looking for the token; a form whose
   * token comes later is refused unless the token is also in the header. @defaultValue 10485760 (10 MiB)
   */
  bodyLimit?: number;
  /** Show the reason on the default failure page (Django's `DEBUG`). @defaultValue false */
  debug?: boolean;
}

/** The trusted origins, split as Django's cached properties split `CSRF_TRUSTED_ORIGINS`. */
export interface TrustedOrigins {
  /** `csrf_trusted_origins_hosts`: every entry's netloc, `*` stripped from its start. */
  hosts: string[];
  /** `allowed_origins_exact`: the entries without `*`. */
  exact: Set<string>;
  /** `allowed_origin_subdomains`: scheme → netlocs (`.example.com`) of the wildcard entries. */
  subdomains: Map<string, string[]>;
}

/** The options, checked, with Django's defaults. */
export interface CsrfSettings {
  cookieName: string;
  cookieAge: number | null;
  cookieDomain: string | null;
  cookiePath: string;
  cookieSecure: boolean;
  cookieHttpOnly: boolean;
  cookieSameSite: SameSite | false;
  headerName: string;
  /** `req.headers` key of {@link headerName}. */
  headerKey: string;
  trusted: TrustedOrigins;
  useSessions: boolean;
  sessionCookieDomain: string | null;
  failureView: CsrfOptions['failureView'];
  fetchMetadata: boolean;
  bodyLimit: number;
  debug: boolean;
}

/** Python's `urlsplit(url)` scheme and netloc, or undefined when it would raise `ValueError`. */
export function splitSchemeNetloc(url: string): { scheme: string; netloc: string } | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  const scheme = match ? match[1]!.toLowerCase() : '';
  const rest = match ? url.slice(match[0].length) : url;
  if (!rest.startsWith('//')) return { scheme, netloc: '' };
  const netloc = /^\/\/([^/?#]*)/.exec(rest)![1]!;
  // urlsplit raises "Invalid IPv6 URL" for an unbalanced bracket.
  if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  return { scheme, netloc };
}

/** Django's `CSRF_TRUSTED_ORIGINS` check (4.0+): each entry must start with a scheme. */
function trustedOriginsOf(origins: readonly string[]): TrustedOrigins {
  const trusted: TrustedOrigins = { hosts: [], exact: new Set(), subdomains: new Map() };
  for (const origin of origins) {
    if (typeof origin !== 'string' || !origin.includes('://')) {
      throw new TypeError(
        `csrfViewMiddleware() option trustedOrigins must list origins with their scheme, such as 'https://example.com' or 'https://*.example.com' (got ${describe(origin)}).`,
      );
    }
    const split = splitSchemeNetloc(origin) ?? { scheme: '', netloc: '' };
    const host = split.netloc.replace(/^\*+/, '');
    trusted.hosts.push(host);
    if (!origin.includes('*')) trusted.exact.add(origin);
    else trusted.subdomains.set(split.scheme, [...(trusted.subdomains.get(split.scheme) ?? []), host]);
  }
  return trusted;
}

const SAME_SITE = new Set(['lax', 'strict', 'none']);

/** Check `options` and fill in Django's defaults. */
export function csrfSettings(options: CsrfOptions = {}, who = 'csrfViewMiddleware()'): CsrfSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${who} options must be an object such as { trustedOrigins: [...] } (got ${describe(options)}).`,
    );
  }
  const bad = (name: string, rule: string, value: unknown): never => {
    throw new TypeError(`${who} option ${name} must be ${rule} (got ${describe(value)}).`);
  };
  const {
    cookieName = 'csrftoken',
    cookieAge = 31449600,
    cookieDomain = null,
    cookiePath = '/',
    cookieSecure = false,
    cookieHttpOnly = false,
    cookieSameSite = 'Lax',
    headerName = 'X-CSRFToken',
    trustedOrigins = [],
    useSessions = false,
    sessionCookieDomain = null,
    failureView,
    fetchMetadata = true,
    bodyLimit = 10 * 1024 * 1024,
    debug = false,
  } = options;
  if (typeof cookieName !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookieName)) {
    bad('cookieName', 'a cookie name (an HTTP token)', cookieName);
  }
  if (cookieAge !== null && (typeof cookieAge !== 'number' || !Number.isFinite(cookieAge))) {
    bad('cookieAge', 'a number of seconds or null', cookieAge);
  }
  if (cookieDomain !== null && typeof cookieDomain !== 'string') bad('cookieDomain', 'a domain or null', cookieDomain);
  if (typeof cookiePath !== 'string') bad('cookiePath', 'a path such as "/"', cookiePath);
  if (
    cookieSameSite !== false &&
    (typeof cookieSameSite !== 'string' || !SAME_SITE.has(cookieSameSite.toLowerCase()))
  ) {
    bad('cookieSameSite', "'Lax', 'Strict', 'None' or false", cookieSameSite);
  }
  if (typeof headerName !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(headerName)) {
    bad('headerName', 'a header name such as "X-CSRFToken"', headerName);
  }
  if (!Array.isArray(trustedOrigins)) bad('trustedOrigins', 'an array of origins', trustedOrigins);
  if (failureView !== undefined && typeof failureView !== 'function') {
    bad('failureView', 'a view (req, reason) => response', failureView);
  }
  if (typeof bodyLimit !== 'number' || !(bodyLimit >= 0)) bad('bodyLimit', 'a number of bytes', bodyLimit);
  for (const [name, value] of Object.entries({ cookieSecure, cookieHttpOnly, useSessions, fetchMetadata, debug })) {
    if (typeof value !== 'boolean') bad(name, 'true or false', value);
  }
  return {
    cookieName,
    cookieAge,
    cookieDomain,
    cookiePath,
    cookieSecure,
    cookieHttpOnly,
    cookieSameSite,
    headerName,
    headerKey: headerName.toLowerCase(),
    trusted: trustedOriginsOf(trustedOrigins),
    useSessions,
    sessionCookieDomain,
    failureView,
    fetchMetadata,
    bodyLimit,
    debug,
  };
}

/** The defaults, for `getCsrfToken` on a request no CSRF middleware has seen. */
export const DEFAULT_SETTINGS: CsrfSettings = csrfSettings();
