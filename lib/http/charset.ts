/**
 * Encoding and decoding of text with a response's charset.
 *
 * Node's `Buffer` encodes only a few charsets and `TextEncoder` only UTF-8, so the
 * charsets are mapped here by hand; decoding other charsets goes through `TextDecoder`.
 */

/** Django's `DEFAULT_CHARSET`. */
export const DEFAULT_CHARSET = 'utf-8';

const CHARSET_IN_CONTENT_TYPE = /;\s*charset=([^\s;]+)/i;

/** The charset named in a Content-Type (quotes removed), as Django reads it; else `undefined`. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  // Nearly every response has the same Content-Type; remember the last answer.
  if (contentType === lastContentType) return lastCharset;
  const match = CHARSET_IN_CONTENT_TYPE.exec(contentType);
  const charset = match?.[1]?.replace(/"/g, '');
  lastContentType = contentType;
  lastCharset = charset ? charset : undefined;
  return lastCharset;
}
let lastContentType: string | undefined;
let lastCharset: string | undefined;

type NodeTextEncoding = 'utf8' | 'latin1' | 'ascii' | 'utf16le';

function nodeEncoding(charset: string): NodeTextEncoding | undefined {
  switch (charset.toLowerCase().replace(/_/g, '-')) {
    case 'utf-8':
    case 'utf8':
      return 'utf8';
    case 'iso-8859-1':
    case 'iso8859-1':
    case 'latin-1':
    case 'latin1':
    case 'l1':
      return 'latin1';
    case 'us-ascii':
    case 'ascii':
      return 'ascii';
    case 'utf-16le':
    case 'utf16le':
      return 'utf16le';
    default:
      return undefined;
  }
}

/**
 * Encode `text` with `charset`, refusing characters the charset cannot hold (Django raises
 * `UnicodeEncodeError`; Node would silently mangle them).
 */
export function encodeText(text: string, charset: string): Buffer {
  if (charset === DEFAULT_CHARSET) return Buffer.from(text, 'utf8');
  const encoding = nodeEncoding(charset);
  if (encoding === undefined) {
    throw new RangeError(
      `Cannot encode text as charset ${JSON.stringify(charset)}: only utf-8, iso-8859-1, us-ascii and utf-16le are supported. Pass the content as bytes (a Buffer or Uint8Array) instead.`,
    );
  }
  const limit = encoding === 'latin1' ? 0xff : encoding === 'ascii' ? 0x7f : undefined;
  if (limit !== undefined) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > limit) {
        throw new RangeError(
          `Cannot encode ${JSON.stringify(text.charAt(i))} (position ${i}) as ${charset}. Use a charset that can hold it, such as utf-8, or pass bytes.`,
        );
      }
    }
  }
  return Buffer.from(text, encoding);
}

/**
 * Decode `bytes` with `charset` (Django's `text`).
 *
 * @throws TypeError for bytes invalid in the charset (Django: `UnicodeDecodeError`);
 *   RangeError for a charset Node does not know.
 */
export function decodeText(bytes: Uint8Array, charset: string): string {
  const encoding = nodeEncoding(charset);
  // WHATWG's TextDecoder reads "iso-8859-1" as windows-1252; Latin-1 proper is Buffer's.
  if (encoding === 'latin1' || encoding === 'ascii') return Buffer.from(bytes).toString('latin1');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : charset, { fatal: true });
  } catch {
    throw new RangeError(
      `Cannot decode text as charset ${JSON.stringify(charset)}: Node does not know it. Read the bytes instead.`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new TypeError(`The content is not valid ${charset}; read the bytes instead.`, { cause });
  }
}

// In a `u` regex, \p{Cs} matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` holds half of a UTF-16 surrogate pair, which has no UTF-8 form. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
