/**
 * The scheme of a URL as Python's `urllib.parse.urlsplit` (and a browser) reads it: after
 * stripping leading C0 controls and spaces and removing tabs and newlines anywhere (WHATWG URL
 * parsing), `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` before the first colon
 * (RFC 3986 §3.1). Shared by `HttpResponseRedirect`'s scheme check and
 * `urlHasAllowedHostAndScheme`, which must read a URL the same way.
 */

const LEADING_CONTROLS = /^[\x00-\x20]+/;
const TABS_AND_NEWLINES = /[\t\r\n]/g;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** `url` split into its lower-cased scheme (`''` when it has none) and what follows the colon. */
export function splitScheme(url: string): { scheme: string; rest: string } {
  const cleaned = url.replace(LEADING_CONTROLS, '').replace(TABS_AND_NEWLINES, '');
  const colon = cleaned.indexOf(':');
  if (colon > 0 && SCHEME.test(cleaned.slice(0, colon))) {
    return { scheme: cleaned.slice(0, colon).toLowerCase(), rest: cleaned.slice(colon + 1) };
  }
  return { scheme: '', rest: cleaned };
}
