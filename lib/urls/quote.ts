/**
 * Python's `urllib.parse.quote` and `urlencode`, which Django's `reverse` uses: not
 * `encodeURIComponent`, which also escapes `$&+,;=/:@` and leaves `!'()*` alone. Written by
 * hand because the URL bytes must be Django's exactly.
 */
import { describe } from '../http/describe.js';

// Python's _ALWAYS_SAFE: ASCII letters, digits and '_.-~'.
const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const HEX = '0123456789ABCDEF';
const safeTables = new Map<string, Uint8Array>();

function safeTable(safe: string): Uint8Array {
  let table = safeTables.get(safe);
  if (table === undefined) {
    table = new Uint8Array(128);
    for (const ch of ALWAYS_SAFE + safe) if (ch.charCodeAt(0) < 128) table[ch.charCodeAt(0)] = 1;
    safeTables.set(safe, table);
  }
  return table;
}

/** RFC 3986's sub-delimiters, Django's `RFC3986_SUBDELIMS`. */
export const RFC3986_SUBDELIMS = "!$&'()*+,;=";

/** Python's `quote(text, safe)`: UTF-8, every byte outside the unreserved set and `safe` as `%XX`. */
export function pyQuote(text: string, safe = '/'): string {
  const table = safeTable(safe);
  let out = '';
  let i = 0;
  // Runs of safe ASCII are copied as they are; only the rest is encoded.
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128 && table[code] === 1) {
      let j = i + 1;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c >= 128 || table[c] !== 1) break;
        j++;
      }
      out += text.slice(i, j);
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c < 128 && table[c] === 1) break;
      j++;
    }
    for (const byte of Buffer.from(text.slice(i, j), 'utf8')) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    i = j;
  }
  return out;
}

/** Python's `quote_plus(text)`: `quote` with nothing safe, spaces as `+`. */
export function pyQuotePlus(text: string): string {
  return pyQuote(text, ' ').replace(/ /g, '+');
}

/** What `reverse`'s `query` takes: an object (a value may be a list), `URLSearchParams`, or `[key, value]` pairs. */
export type QueryInput = Record<string, unknown> | URLSearchParams | Iterable<readonly [string, unknown]>;

/**
 * Python's `urlencode(query, doseq=True)`: `key=value` pairs joined with `&`, each side
 * `quote_plus`ed; a list value gives one pair per item. Values are turned into text with `String()`.
 */
export function pyUrlencode(query: QueryInput): string {
  const pairs: string[] = [];
  const add = (key: unknown, value: unknown): void => {
    const k = pyQuotePlus(String(key));
    if (typeof value !== 'string' && isListLike(value)) {
      for (const item of value) pairs.push(`${k}=${pyQuotePlus(String(item))}`);
    } else pairs.push(`${k}=${pyQuotePlus(String(value))}`);
  };
  // Python's urlencode('') is '' (an empty sequence); any other string is not pairs.
  if ((query as unknown) === '') return '';
  if (query instanceof URLSearchParams) for (const [key, value] of query) add(key, value);
  else if (typeof query === 'object' && query !== null && Symbol.iterator in query) {
    for (const pair of query as Iterable<readonly [string, unknown]>) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`A query given as pairs needs [key, value] arrays (got ${describe(pair)}).`);
      }
      add(pair[0], pair[1]);
    }
  } else if (typeof query === 'object' && query !== null) {
    for (const [key, value] of Object.entries(query)) add(key, value);
  } else {
    throw new TypeError(`A query is an object, URLSearchParams or [key, value] pairs (got ${describe(query)}).`);
  }
  return pairs.join('&');
}

function isListLike(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || value instanceof Set;
}

/** Django's `escape_leading_slashes`: a URL starting `//` would be another host's, so `/%2F…`. */
export function escapeLeadingSlashes(url: string): string {
  return url.startsWith('//') ? `/%2F${url.slice(2)}` : url;
}
