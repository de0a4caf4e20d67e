/**
 * The URL arithmetic of Django's login redirect, byte for byte: `request.get_full_path()`
 * (`escape_uri_path` of the decoded path, `iri_to_uri` of the raw query), `urlparse` /
 * `urlunparse` of the login URL and `QueryDict.urlencode(safe='/')`. Written here because no
 * library quotes as Python's `urllib.parse.quote` does (`encodeURIComponent` leaves `!'()*`
 * alone and quotes `~`'s neighbours differently); the cross-check against Django 3.2 pins it.
 */

/** Python's `quote`'s always-safe bytes: letters, digits and `_.-~`. */
const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';

function safeTable(safe: string): boolean[] {
  const table: boolean[] = new Array<boolean>(256).fill(false);
  for (const char of ALWAYS_SAFE + safe) table[char.charCodeAt(0)] = true;
  return table;
}

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Python's `urllib.parse.quote(text, safe)`: UTF-8 bytes, each outside the safe set as `%XX`. */
export function pyQuote(text: string, safe = '/'): string {
  return quoteBytes(Buffer.from(text, 'utf8'), safeTable(safe));
}

function quoteBytes(bytes: Uint8Array, table: boolean[]): string {
  let out = '';
  for (const byte of bytes) out += table[byte] ? String.fromCharCode(byte) : hex(byte);
  return out;
}

const PATH_SAFE = safeTable("/:@&+$,-_.!~*'()"); // Django's escape_uri_path
const IRI_SAFE = safeTable("/#%[]=:;$&()+,!?*@'~"); // Django's iri_to_uri

/** `%XX` escapes decoded to bytes (as `unquote_to_bytes`); other characters as their UTF-8 bytes. */
function unquoteToBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  const raw = Buffer.from(text, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if (byte === 0x25 && i + 2 < raw.length && /^[0-9a-fA-F]{2}$/.test(raw.toString('latin1', i + 1, i + 3))) {
      bytes.push(parseInt(raw.toString('latin1', i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(byte);
    }
  }
  return Uint8Array.from(bytes);
}

/** How many bytes the well-formed UTF-8 sequence at `i` has, or 0 when it is not one. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = bytes[i + k];
    if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

/**
 * Django's `escape_uri_path(request.path)`: the path percent-decoded, bytes that are not UTF-8
 * re-escaped (`repercent_broken_unicode`, whose `%` is then quoted again, as Django does), and
 * quoted with `/:@&+$,-_.!~*'()` left alone.
 */
function escapePath(rawPath: string): string {
  const bytes = unquoteToBytes(rawPath);
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = utf8Length(bytes, i);
    if (length === 0) {
      out += `%25${hex(bytes[i] as number).slice(1)}`;
      i += 1;
    } else {
      out += quoteBytes(bytes.subarray(i, i + length), PATH_SAFE);
      i += length;
    }
  }
  return out;
}

/**
 * Django's `request.get_full_path()` for the request target `url` as the client sent it
 * (Express's `req.originalUrl`): the path as {@link escapePath}, then `?` and the raw query
 * through `iri_to_uri`, when there is a query.
 */
export function fullPath(url: string): string {
  const mark = url.indexOf('?');
  const path = escapePath(mark === -1 ? url : url.slice(0, mark));
  const query = mark === -1 ? '' : url.slice(mark + 1);
  return query ? `${path}?${quoteBytes(Buffer.from(query, 'utf8'), IRI_SAFE)}` : path;
}

/** The parts of a URL as Python's `urlsplit` reads them. */
export interface UrlParts {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** Python's `urllib.parse.urlsplit` (Python 3.11). */
export function urlSplit(url: string): UrlParts {
  let rest = url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const match = SCHEME.exec(rest);
  if (match) {
    scheme = (match[1] as string).toLowerCase();
    rest = rest.slice(match[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end === -1 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end === -1 ? '' : rest.slice(end + 2);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = '';
  const mark = rest.indexOf('?');
  if (mark !== -1) {
    query = rest.slice(mark + 1);
    rest = rest.slice(0, mark);
  }
  return { scheme, netloc, path: rest, query, fragment };
}

/** The schemes Python's `urlunsplit` writes `//` for. */
const USES_NETLOC = new Set(
  'ftp http gopher nntp telnet imap wais file mms https shttp snews prospero rtsp rtspu sftp svn svn+ssh ws wss'.split(
    ' ',
  ),
);

/** Python's `urllib.parse.urlunsplit` (Python 3.11). */
export function urlUnsplit({ scheme, netloc, path, query, fragment }: UrlParts): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url += `?${query}`;
  if (fragment) url += `#${fragment}`;
  return url;
}

/** `application/x-www-form-urlencoded` decoding as Python's `unquote_plus` (UTF-8, errors replaced). */
function unquotePlus(text: string): string {
  return Buffer.from(unquoteToBytes(text.replace(/\+/g, ' '))).toString('utf8');
}

/**
 * Django's `redirect_to_login` query: the login URL's own query parsed as a `QueryDict`
 * (`&`-separated, blank values kept), `field` set to `next` (in place when present), and
 * everything written back with `QueryDict.urlencode(safe='/')`.
 */
export function loginQuery(query: string, field: string, next: string): string {
  const pairs: Array<[string, string[]]> = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = unquotePlus(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : unquotePlus(part.slice(eq + 1));
    const entry = pairs.find(([name]) => name === key);
    if (entry) entry[1].push(value);
    else pairs.push([key, [value]]);
  }
  const own = pairs.find(([name]) => name === field);
  if (own) own[1] = [next];
  else pairs.push([field, [next]]);
  return pairs.flatMap(([key, values]) => values.map((value) => `${pyQuote(key)}=${pyQuote(value)}`)).join('&');
}
