/** How a browser reads a URL: the WHATWG URL parser, which `new URL()` implements. */

// Any base will do: what matters is whether a URL leaves the page it is resolved against.
const PROBE_BASE = new URL('http://probe.invalid/');

/** The host of the page {@link browserHost} resolves URLs against. */
export const PROBE_HOST = PROBE_BASE.host;

/**
 * The host a browser on a page of {@link PROBE_HOST} goes to for `url` (`PROBE_HOST` for a
 * path), or `null` when `url` is no URL it would navigate to.
 */
export function browserHost(url: string): string | null {
  try {
    return new URL(url, PROBE_BASE).host;
  } catch {
    return null;
  }
}
