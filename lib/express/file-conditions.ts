/**
 * What a request's conditional and Range headers ask of a file (RFC 9110 §13, §14), decided
 * from the file's size and validators. The rules are `send`'s (what `res.sendFile` does),
 * including its lenient ETag matching, so a route moved from `res.sendFile` keeps its caches.
 */
import type { IncomingHttpHeaders } from 'node:http';
import fresh from 'fresh';
import parseRange from 'range-parser';

/** The file's validators as they will be sent. */
export interface FileValidators {
  etag: string | undefined;
  lastModified: string | undefined;
}

/** How to answer a request for a file. */
export type FileOutcome =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'not-modified' }
  | { kind: 'precondition-failed' }
  | { kind: 'unsatisfiable' };

const BYTES_RANGE = /^ *bytes=/;

function parseHttpDate(date: string | undefined): number {
  return date ? Date.parse(date) : NaN;
}

/** The entity-tags of a list header such as `If-Match: "a", W/"b"`. */
function parseTokenList(value: string): string[] {
  return value
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/** Whether `tag` (from a request) names the same entity as `etag`, ignoring weakness (as `send`). */
function sameTag(tag: string, etag: string): boolean {
  return tag === etag || tag === `W/${etag}` || `W/${tag}` === etag;
}

/** RFC 9110 §13.1.1-2: an `If-Match` or `If-Unmodified-Since` that the file fails. */
function isPreconditionFailure(headers: IncomingHttpHeaders, validators: FileValidators): boolean {
  const match = headers['if-match'];
  if (match) {
    const { etag } = validators;
    return !etag || (match.trim() !== '*' && parseTokenList(match).every((tag) => !sameTag(tag, etag)));
  }
  const unmodifiedSince = parseHttpDate(headers['if-unmodified-since']);
  if (!Number.isNaN(unmodifiedSince)) {
    const lastModified = parseHttpDate(validators.lastModified);
    return Number.isNaN(lastModified) || lastModified > unmodifiedSince;
  }
  return false;
}

/** RFC 9110 §13.1.2: whether an `If-None-Match` names the file. */
function noneMatchHits(headers: IncomingHttpHeaders, validators: FileValidators): boolean {
  const noneMatch = headers['if-none-match'];
  if (!noneMatch) return false;
  const { etag } = validators;
  return (
    noneMatch.trim() === '*' || (etag !== undefined && parseTokenList(noneMatch).some((tag) => sameTag(tag, etag)))
  );
}

/** RFC 9110 §13.1.5: whether `If-Range` (an ETag or a date) still matches, so the range may be served. */
function isRangeFresh(headers: IncomingHttpHeaders, validators: FileValidators): boolean {
  const ifRange = headers['if-range'] as string | undefined;
  if (!ifRange) return true;
  if (ifRange.includes('"')) return validators.etag !== undefined && ifRange.includes(validators.etag);
  return parseHttpDate(validators.lastModified) <= parseHttpDate(ifRange);
}

/**
 * Decide how to answer `method` with `headers` for a file of `size` bytes, in RFC 9110
 * §13.2.2's order: If-Match / If-Unmodified-Since (412), If-None-Match / If-Modified-Since
 * (304 for GET and HEAD, 412 otherwise), then Range with If-Range (206 or 416). A malformed,
 * non-bytes, stale or multiple range is ignored (the whole file), as `send` does.
 */
export function evaluateFileRequest(
  headers: IncomingHttpHeaders,
  method: string,
  size: number,
  validators: FileValidators,
): FileOutcome {
  if (isPreconditionFailure(headers, validators)) return { kind: 'precondition-failed' };
  const safe = method === 'GET' || method === 'HEAD';
  if (safe) {
    if (fresh(headers, { etag: validators.etag, 'last-modified': validators.lastModified })) {
      return { kind: 'not-modified' };
    }
  } else if (noneMatchHits(headers, validators)) {
    return { kind: 'precondition-failed' };
  }
  const range = headers.range;
  if (!safe || range === undefined || !BYTES_RANGE.test(range)) return { kind: 'full' };
  const ranges = parseRange(size, range, { combine: true });
  if (!isRangeFresh(headers, validators)) return { kind: 'full' };
  if (ranges === -1) return { kind: 'unsatisfiable' };
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return { kind: 'full' };
  const [only] = ranges;
  return only === undefined ? { kind: 'full' } : { kind: 'partial', start: only.start, end: only.end };
}
