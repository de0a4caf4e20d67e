/**
 * Every read of Node's private state, in one place. Each is a fast path with a public-API
 * fallback that gives the same answer: a Node whose internals differ (or the environment
 * variable `EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS=1`, which the test suite sets for one whole
 * run) takes the fallback and stays correct, only slower.
 *
 * Why any of them: on an Express `res`, the first use of each property name is a slow lookup,
 * since Express gives every `res` a hidden class of its own (bench/README.md, points 3, 7
 * and 8). Node's own code, writing the head, reads these fields anyway; the public getters
 * would be one name more per response each.
 */
import { OutgoingMessage, ServerResponse, type OutgoingHttpHeader } from 'node:http';

/** Whether the fast paths are switched off: tests prove the fallbacks with it. */
const DISABLED = process.env['EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS'] === '1';

/**
 * The symbol under which Node keeps the headers set on an outgoing message, as
 * `{ [lowerCaseName]: [name, value] }` (`kOutHeaders` in lib/_http_outgoing.js), found once by
 * setting a header on a probe and checking what it holds; `undefined` when this Node keeps
 * them some other way.
 */
const OUT_HEADERS: symbol | undefined = DISABLED
  ? undefined
  : (() => {
      try {
        const probe = new OutgoingMessage();
        probe.setHeader('X-Probe', 'v');
        const symbol = Object.getOwnPropertySymbols(probe).find((s) => s.description === 'kOutHeaders');
        if (symbol === undefined) return undefined;
        const entry = (probe as unknown as Record<symbol, Record<string, unknown> | null>)[symbol]?.['x-probe'];
        return Array.isArray(entry) && entry[0] === 'X-Probe' && entry[1] === 'v' ? symbol : undefined;
      } catch {
        return undefined; // A runtime whose node:http differs: getHeader() it is.
      }
    })();

type HeaderStore = Record<symbol, Record<string, [name: string, value: OutgoingHttpHeader] | undefined> | null>;

/**
 * Whether `_header` holds the head once built (a string) and `null` before, as Node 20 to 26
 * do: checked once on a probe response, so a Node that renames it falls back to `headersSent`.
 */
const HEAD_FIELD_WORKS: boolean = DISABLED
  ? false
  : (() => {
      try {
        const probe = new ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1 } as never);
        return (probe as { _header?: unknown })._header === null && probe.headersSent === false;
      } catch {
        return false;
      }
    })();

/**
 * `res.getHeader(name)` for a `name` given in lower case, read from the header store that
 * Node's own `setHeader` and `writeHead` use. Saves a `getHeader` lookup on an Express `res`
 * per header asked (bench/README.md point 8: 0.96 → 1.00 for the web Response).
 */
export function outHeader(res: ServerResponse, lowerName: string): OutgoingHttpHeader | undefined {
  if (OUT_HEADERS === undefined || !(res instanceof ServerResponse)) return res.getHeader(lowerName);
  return (res as unknown as HeaderStore)[OUT_HEADERS]?.[lowerName]?.[1];
}

/**
 * The head of an HTTP/1 `res` as Node built it, or `undefined` while it is not built (and on a
 * Node where `_header` cannot be read, then `null` with `headersSent` true: the caller must not
 * rely on the text). Saves the `headersSent` getter's lookup (bench/README.md point 7).
 */
export function builtHead(res: ServerResponse): string | null | undefined {
  if (HEAD_FIELD_WORKS) {
    const head = (res as { _header?: unknown })._header;
    return typeof head === 'string' ? head : undefined;
  }
  return res.headersSent ? null : undefined;
}

/** Whether the fast paths are in use (false under the fallback run): for tests and the bench. */
export const nodeInternalsInUse = { outHeaders: OUT_HEADERS !== undefined, head: HEAD_FIELD_WORKS } as const;
