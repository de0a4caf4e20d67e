/**
 * Where an unsafe request comes from: Django's `Origin` and `Referer` checks
 * (`CsrfViewMiddleware._origin_verified`, `_check_referer`), and the Fetch Metadata check
 * (`Sec-Fetch-Site`) of Go's `CrossOriginProtection`. The request's scheme and host are
 * Express's: `req.secure` and the `Host` (or, under `trust proxy`, `X-Forwarded-Host`).
 */
import type { Request } from 'express';
import { splitSchemeNetloc, type CsrfSettings } from './settings.js';

/** Django's reason strings. */
export const REASON_BAD_ORIGIN = 'Origin checking failed - %s does not match any trusted origins.';
export const REASON_NO_REFERER = 'Referer checking failed - no Referer.';
export const REASON_BAD_REFERER = 'Referer checking failed - %s does not match any trusted origins.';
export const REASON_MALFORMED_REFERER = 'Referer checking failed - Referer is malformed.';
export const REASON_INSECURE_REFERER = 'Referer checking failed - Referer is insecure while host is secure.';
/** Beyond Django: the Fetch Metadata check. */
export const REASON_CROSS_SITE =
  'Sec-Fetch-Site checking failed - %s request from %s does not match any trusted origins.';

/** Django's `host_validation_re`: what `get_host()` accepts (else `DisallowedHost`). */
const VALID_HOST = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]+)?$/;

/**
 * The request's host with its port, as Express 5's `req.host` gives it on 4 and 5: the
 * first `X-Forwarded-Host` when `trust proxy` trusts the peer, else `Host`; undefined when
 * missing or malformed (Django's `DisallowedHost`).
 */
export function requestHost(req: Request): string | undefined {
  let host: string | undefined;
  const forwarded = req.get('X-Forwarded-Host');
  const trust = req.app?.get('trust proxy fn') as ((addr: string | undefined, i: number) => boolean) | undefined;
  if (forwarded && typeof trust === 'function' && trust(req.socket?.remoteAddress, 0)) {
    const comma = forwarded.indexOf(',');
    host = (comma === -1 ? forwarded : forwarded.slice(0, comma)).trim();
  } else {
    host = req.get('Host');
  }
  return host !== undefined && VALID_HOST.test(host.toLowerCase()) ? host : undefined;
}

/** Django's `is_same_domain(host, pattern)`: `.example.com` matches it and its subdomains; else exact. */
export function isSameDomain(host: string, pattern: string): boolean {
  if (!pattern) return false;
  const lower = pattern.toLowerCase();
  return (lower.startsWith('.') && (host.endsWith(lower) || host === lower.slice(1))) || lower === host;
}

/** Django's `_origin_verified`: the request's own origin, an exact trusted origin, or a wildcard one. */
export function originVerified(req: Request, origin: string, settings: CsrfSettings): boolean {
  const host = requestHost(req);
  if (host !== undefined && origin === `${req.secure ? 'https' : 'http'}://${host}`) return true;
  return isTrustedOrigin(origin, settings);
}

/** Whether `origin` is in `trustedOrigins` (exactly, or under a wildcard of its scheme). */
export function isTrustedOrigin(origin: string, settings: CsrfSettings): boolean {
  const { exact, subdomains } = settings.trusted;
  if (exact.has(origin)) return true;
  const parsed = splitSchemeNetloc(origin);
  if (parsed === undefined) return false;
  return (subdomains.get(parsed.scheme) ?? []).some((pattern) => isSameDomain(parsed.netloc, pattern));
}

/**
 * Django's `_check_referer`, for an HTTPS request without `Origin`: the reason to refuse it,
 * or undefined when its `Referer` is the site itself, a trusted origin, or under the cookie domain.
 */
export function refererProblem(req: Request, settings: CsrfSettings): string | undefined {
  const referer = req.headers.referer;
  if (referer === undefined) return REASON_NO_REFERER;
  const parsed = splitSchemeNetloc(referer);
  if (parsed === undefined || parsed.scheme === '' || parsed.netloc === '') return REASON_MALFORMED_REFERER;
  if (parsed.scheme !== 'https') return REASON_INSECURE_REFERER;
  if (settings.trusted.hosts.some((host) => isSameDomain(parsed.netloc, host))) return undefined;
  const cookieDomain = settings.useSessions ? settings.sessionCookieDomain : settings.cookieDomain;
  let goodReferer: string | undefined;
  if (cookieDomain === null) {
    goodReferer = requestHost(req);
    if (goodReferer === undefined) return REASON_BAD_REFERER.replace('%s', referer);
  } else {
    // Django's get_port(): the port the browser used, from the host, as behind a proxy with USE_X_FORWARDED_PORT.
    const port = /:(\d+)$/.exec(requestHost(req) ?? '')?.[1] ?? (req.secure ? '443' : '80');
    goodReferer = port === '443' || port === '80' ? cookieDomain : `${cookieDomain}:${port}`;
  }
  return isSameDomain(parsed.netloc, goodReferer) ? undefined : REASON_BAD_REFERER.replace('%s', referer);
}

/**
 * The Fetch Metadata check: a browser says `Sec-Fetch-Site: cross-site` (another site) or
 * `same-site` (a sibling subdomain, which can also plant cookies) for a request another page
 * made; refused unless its `Origin` is trusted. `same-origin`, `none` (typed, bookmarked) and
 * no header (an older browser, a script) go on to Django's checks.
 */
export function fetchMetadataProblem(req: Request, settings: CsrfSettings): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return undefined;
  const origin = req.headers.origin;
  if (origin !== undefined && isTrustedOrigin(origin, settings)) return undefined;
  return REASON_CROSS_SITE.replace('%s', site).replace('%s', origin ?? 'an unknown origin');
}
