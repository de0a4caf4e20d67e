/**
 * Content-Disposition values: Django 4.2's `content_disposition_header`, and the rule that
 * lets a hand-set `Content-Disposition` with a non-ASCII file name reach browsers intact.
 */
import { create, decodeExtended, encodeExtended, format, parse } from 'content-disposition';
import { hasLoneSurrogate } from './charset.js';

// Printable US-ASCII: what may stand in a quoted-string without any encoding question.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_GLOBAL = /[^\x20-\x7e]/g;

/**
 * The Content-Disposition for a download (Django 4.2's `content_disposition_header`):
 * `attachment` or `inline`, with the file name when there is one; `null` when there is
 * nothing to say (inline, no name).
 *
 * An ASCII name is written as Django writes it, quoted with `\` and `"` escaped
 * (`attachment; filename="my \"file\".txt"`). Any other name is encoded as RFC 6266 /
 * RFC 8187 by the `content-disposition` library: an ASCII fallback (`?` for each
 * character outside ASCII) plus `filename*=UTF-8''…`, which every current browser uses.
 * Django sends only the `filename*` part; the fallback is for older clients.
 *
 * @param asAttachment - ask the browser to save the file rather than show it.
 * @param filename - the name the browser should use; directories are not stripped.
 * @throws TypeError when `filename` is not a string, or holds a lone surrogate.
 *
 * @example
 * ```ts
 * contentDispositionHeader(true, 'report.csv'); // 'attachment; filename="report.csv"'
 * contentDispositionHeader(true, 'résumé.csv');
 * // 'attachment; filename="r?sum?.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv'
 * contentDispositionHeader(false); // null
 * ```
 */
export function contentDispositionHeader(asAttachment: boolean, filename?: string | null): string | null {
  if (filename !== undefined && filename !== null && typeof filename !== 'string') {
    throw new TypeError(
      `contentDispositionHeader() filename must be a string (got ${typeof filename}); convert it with String() first.`,
    );
  }
  if (filename && hasLoneSurrogate(filename)) {
    throw new TypeError(
      `contentDispositionHeader() filename ${JSON.stringify(filename)} is invalid: it holds half of a surrogate pair, which no header can carry; pass well-formed text (name.toWellFormed()).`,
    );
  }
  const type = asAttachment ? 'attachment' : 'inline';
  if (!filename) return asAttachment ? 'attachment' : null;
  if (PRINTABLE_ASCII.test(filename)) {
    // Django's own ASCII branch: always a quoted-string, even for a token.
    return `${type}; filename="${filename.replace(/[\\"]/g, '\\$&')}"`;
  }
  return create(filename, { type });
}

/**
 * The value a hand-set `Content-Disposition` is stored and sent as. A value whose
 * `filename` parameter holds text outside ASCII (`attachment; filename="résumé.csv"`, as
 * Django code writes it) is rewritten in RFC 6266 form: an ASCII `filename` fallback plus
 * `filename*=UTF-8''…`, the type and any other parameter kept. Browsers read raw non-ASCII
 * bytes in this header as Latin-1 or as UTF-8 depending on the browser, and an RFC 2047
 * word (Django's rule for other headers) as literal text; `filename*` reads the same
 * everywhere. Any other value is returned unchanged and keeps Django's rule.
 */
export function normalizeContentDisposition(value: string): string {
  if (!NON_ASCII.test(value)) return value;
  // The library parses code units: hand it the UTF-8 bytes as Latin-1 text, so that a
  // name outside Latin-1 (CJK, emoji) parses as a Latin-1 one does, then read each
  // parameter back as UTF-8.
  const { type, parameters } = parse(Buffer.from(value, 'utf8').toString('latin1'));
  const extended = parameters['filename*'];
  const decoded = extended === undefined ? undefined : decodeExtended(extended);
  const raw = parameters['filename'];
  const filename = decoded ?? (raw === undefined ? undefined : fromUtf8Bytes(raw));
  if (filename === undefined || !NON_ASCII.test(filename)) return value;
  const rebuilt: Record<string, string> = {};
  for (const key of Object.keys(parameters)) {
    if (key === 'filename' || key === 'filename*') {
      rebuilt['filename'] ??= filename.replace(NON_ASCII_GLOBAL, '?');
      rebuilt['filename*'] ??= encodeExtended(filename);
    } else if (key.endsWith('*') || parameters[`${key}*`] === undefined) {
      // A `key*` is ASCII already; a plain `key` beside a `key*` is its decoded copy.
      rebuilt[key] = fromUtf8Bytes(parameters[key] as string);
    }
  }
  try {
    return format({ type, parameters: rebuilt });
  } catch {
    return value; // Not a disposition the library can write (a malformed type): keep Django's rule.
  }
}

function fromUtf8Bytes(text: string): string {
  return Buffer.from(text, 'latin1').toString('utf8');
}
