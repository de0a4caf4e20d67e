/**
 * The path as Django's resolver sees it: WSGI's `PATH_INFO` is percent-decoded (`%2F` too),
 * then Django decodes it as UTF-8, keeping any byte that is not valid UTF-8 as `%XX`
 * (`repercent_broken_unicode`). Express's `req.path` is still encoded.
 */

/** `path` percent-decoded as Django's `request.path_info` is. */
export function decodePath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return decodeBroken(path);
  }
}

/** The slow way, for a path with `%` not followed by two hex digits or bytes that are not UTF-8. */
function decodeBroken(path: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(path.slice(i + 1, i + 3))) {
      bytes.push(parseInt(path.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
    }
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      out += `%${(bytes[i] as number).toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      out += Buffer.from(bytes.slice(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or values past U+10FFFF), or 0. */
function utf8SequenceLength(bytes: readonly number[], i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) min = 0xa0;
    if (lead === 0xed) max = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) min = 0x90;
    if (lead === 0xf4) max = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = bytes[i + k];
    if (byte === undefined || byte < (k === 1 ? min : 0x80) || byte > (k === 1 ? max : 0xbf)) return 0;
  }
  return length;
}
