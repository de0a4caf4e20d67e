/** The headers a {@link FileResponse} derives from a file name, as Django derives them. */
import { lookup } from 'mime-types';

/** Python's `mimetypes.suffix_map`: suffixes that stand for two (lower-cased before lookup). */
const SUFFIX_MAP: Readonly<Record<string, string>> = {
  '.svgz': '.svg.gz',
  '.tgz': '.tar.gz',
  '.taz': '.tar.gz',
  '.tz': '.tar.gz',
  '.tbz2': '.tar.bz2',
  '.txz': '.tar.xz',
};

/**
 * Python's `mimetypes.encodings_map` (case-sensitive, as there) mapped to the types
 * Django's FileResponse sends for them: the compression is the type, never a
 * Content-Encoding, so a browser saves `x.tar.gz` rather than unpacking it.
 */
const COMPRESSED_TYPES: Readonly<Record<string, string>> = {
  '.gz': 'application/gzip',
  '.br': 'application/x-brotli',
  '.bz2': 'application/x-bzip',
  '.xz': 'application/x-xz',
  '.Z': 'application/x-compress',
};

/** The default type of bytes whose kind is not known. */
export const OCTET_STREAM = 'application/octet-stream';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  // A leading dot names a hidden file, not an extension (as posixpath.splitext).
  return dot > 0 ? name.slice(dot) : '';
}

/**
 * The Content-Type for a file called `filename`, as Django's FileResponse guesses it:
 * a compressed suffix gives the compression's type, otherwise the type of the extension,
 * without a charset; unknown or no name → `application/octet-stream`.
 */
export function guessContentType(filename: string): string {
  if (!filename) return OCTET_STREAM;
  let name = filename;
  const mapped = SUFFIX_MAP[extensionOf(name).toLowerCase()];
  if (mapped !== undefined) name = name.slice(0, name.length - extensionOf(name).length) + mapped;
  const compressed = COMPRESSED_TYPES[extensionOf(name)];
  if (compressed !== undefined) return compressed;
  return lookup(name) || OCTET_STREAM;
}

/**
 * The last part of `name` (Django's `os.path.basename`): a file name sent to a client never
 * carries the directories it came from. `\` separates directories only on Windows, as there;
 * elsewhere it is part of the name and gets escaped.
 */
export function baseName(name: string): string {
  const separators = process.platform === 'win32' ? /[\\/]/ : /\//;
  const parts = name.split(separators);
  return parts[parts.length - 1] ?? '';
}
