/**
 * The one conditional-request engine (RFC 9110 §13.2.2): from a request's method and headers
 * and the target's validators to what to answer. Pure: no I/O, no response objects. Buffered
 * responses (express/write-buffered.ts), `condition`/`etag`/`lastModified`
 * (utils/cache.ts's getConditionalResponse) and files (express/write-file.ts) all decide here.
 *
 * Strictly RFC 9110: If-Match compares strongly (§13.1.1), If-None-Match weakly (§13.1.2),
 * members separated by commas with spaces or tabs around them (§5.6.1), invalid dates are
 * ignored (§13.1.3-4), and If-Range needs a strong entity-tag match or exactly the
 * Last-Modified date (§13.1.5), else the whole representation is sent.
 */
import parseRange from 'range-parser';
import { parseEtags, parseHttpDate } from './http.js';

/** Request headers as Node gives them (lower-case names); a repeated header may be an array. */
export type ConditionalRequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The target's validators, as they are (or will be) sent. */
export interface ConditionalValidators {
  /** The entity-tag, quoted (`"x"` or `W/"x"`), or `undefined`. */
  etag?: string | undefined;
  /** Last-Modified in seconds since the epoch (whole seconds, as {@link parseHttpDate}), or `undefined`. */
  lastModified?: number | undefined;
  /**
   * Whether a current representation exists even without an entity-tag, so that `*` in
   * If-Match / If-None-Match matches it (RFC 9110 §13.1.1-2). Defaults to whether `etag` is
   * given, as Django (`condition` without an ETag: `*` matches nothing).
   */
  exists?: boolean | undefined;
  /**
   * The response's Date in seconds since the epoch, when known. Then a Last-Modified less
   * than one second before it is weak (RFC 9110 §8.8.2.2) and no If-Range date matches it.
   */
  date?: number | undefined;
}

/** Which precondition failed, for a 412's explanation. */
export type FailedPrecondition = 'If-Match' | 'If-Unmodified-Since' | 'If-None-Match';

/** The outcome of the preconditions (RFC 9110 §13.2.2 steps 1-4). */
export type PreconditionOutcome =
  { kind: 'proceed' } | { kind: 'not-modified' } | { kind: 'precondition-failed'; failed: FailedPrecondition };

/** The outcome for a file (or any representation of known size that serves ranges). */
export type RangeOutcome =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable'; size: number };

/** Everything a file request can come to. */
export type FileOutcome = Exclude<PreconditionOutcome, { kind: 'proceed' }> | RangeOutcome;

/** Options of {@link evaluatePreconditions}. */
export interface PreconditionOptions {
  /**
   * Never answer 304 to a request with `Cache-Control: no-cache`, as Express's `fresh` (used
   * by `res.send` and `res.sendFile`) does: the client asked for the full response.
   * @defaultValue false (Django's get_conditional_response does not look at it)
   */
  noCacheRequestsFull?: boolean;
}

const NO_CACHE = /(?:^|,)[ \t]*no-cache[ \t]*(?:,|$)/i;

/** A header's value as one string (a repeated header joined as a list). */
function header(headers: ConditionalRequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

function exists(validators: ConditionalValidators): boolean {
  return validators.exists ?? validators.etag !== undefined;
}

/** RFC 9110 §13.1.1: If-Match, a strong comparison; `*` matches any current representation. */
function ifMatchPasses(tags: string[], validators: ConditionalValidators): boolean {
  if (tags.length === 1 && tags[0] === '*') return exists(validators);
  const { etag } = validators;
  if (etag === undefined || etag.startsWith('W/')) return false;
  return tags.includes(etag);
}

/** RFC 9110 §13.1.2: whether If-None-Match names the representation (weak comparison). */
function noneMatchHits(tags: string[], validators: ConditionalValidators): boolean {
  if (tags.length === 1 && tags[0] === '*') return exists(validators);
  const { etag } = validators;
  if (etag === undefined) return false;
  const target = opaque(etag);
  return tags.some((tag) => opaque(tag) === target);
}

/**
 * RFC 9110 §13.2.2 steps 1-4: If-Match (or, without it, If-Unmodified-Since) → 412;
 * If-None-Match → 304 for GET and HEAD, 412 otherwise; without it, If-Modified-Since → 304 for
 * GET and HEAD only. Otherwise `proceed`. An invalid date is ignored (§13.1.3-4); an
 * If-Unmodified-Since on a target without Last-Modified fails (as Django).
 */
export function evaluatePreconditions(
  method: string | undefined,
  headers: ConditionalRequestHeaders,
  validators: ConditionalValidators,
  options: PreconditionOptions = {},
): PreconditionOutcome {
  const { lastModified } = validators;
  const ifMatchValue = header(headers, 'if-match');
  // A list with no valid entity-tag (`If-Match: ,`, `If-Match: abc`) is present all the same, and
  // no representation meets it (RFC 9110 §13.1.1), as `send` answers; only an empty value is absent.
  if (ifMatchValue !== undefined && ifMatchValue.trim() !== '') {
    if (!ifMatchPasses(parseEtags(ifMatchValue), validators)) {
      return { kind: 'precondition-failed', failed: 'If-Match' };
    }
  } else {
    const unmodifiedSince = parseHttpDate(header(headers, 'if-unmodified-since'));
    if (unmodifiedSince !== undefined && !(lastModified !== undefined && lastModified <= unmodifiedSince)) {
      return { kind: 'precondition-failed', failed: 'If-Unmodified-Since' };
    }
  }
  return evaluateFreshness(method, headers, validators, options);
}

/**
 * RFC 9110 §13.2.2 steps 3-4 alone (what Express's `req.fresh` decides): If-None-Match → 304
 * for GET and HEAD, 412 otherwise; without it, If-Modified-Since → 304 for GET and HEAD only.
 * Otherwise `proceed`.
 */
export function evaluateFreshness(
  method: string | undefined,
  headers: ConditionalRequestHeaders,
  validators: ConditionalValidators,
  options: PreconditionOptions = {},
): PreconditionOutcome {
  const safe = method === 'GET' || method === 'HEAD';
  const { lastModified } = validators;
  const ifNoneMatch = parseEtags(header(headers, 'if-none-match'));
  const full = options.noCacheRequestsFull === true && NO_CACHE.test(header(headers, 'cache-control') ?? '');
  if (ifNoneMatch.length > 0) {
    if (!noneMatchHits(ifNoneMatch, validators)) return { kind: 'proceed' };
    if (!safe) return { kind: 'precondition-failed', failed: 'If-None-Match' };
    return full ? { kind: 'proceed' } : { kind: 'not-modified' };
  }
  if (!safe || full || lastModified === undefined) return { kind: 'proceed' };
  const modifiedSince = parseHttpDate(header(headers, 'if-modified-since'));
  return modifiedSince !== undefined && lastModified <= modifiedSince ? { kind: 'not-modified' } : { kind: 'proceed' };
}

/** RFC 9110 §13.1.5: whether If-Range (absent, a strong entity-tag, or an exact date) lets the range through. */
function ifRangePasses(value: string | undefined, validators: ConditionalValidators): boolean {
  if (value === undefined) return true;
  const trimmed = value.trim();
  const { etag, lastModified, date } = validators;
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) {
    // A strong comparison: a weak tag on either side never matches.
    return etag !== undefined && !etag.startsWith('W/') && trimmed === etag;
  }
  const since = parseHttpDate(trimmed);
  if (since === undefined || lastModified === undefined || since !== lastModified) return false;
  // A Last-Modified less than a second before Date is weak (§8.8.2.2): no date matches it.
  return date === undefined || lastModified <= date - 1;
}

const BYTES_RANGE = /^[ \t]*bytes=/;
const SUFFIX = /([=,][ \t]*)-(\d+)(?=[ \t]*(?:,|$))/g;

/**
 * RFC 9110 §14.2 and §13.2.2 step 5: for a GET (or HEAD, answered with the head GET gets) with a
 * bytes Range: `full` when If-Range does not match, the range is malformed or names several
 * parts that do not combine into one; `unsatisfiable` (416) when no part overlaps the `size`
 * bytes; else `partial` with the inclusive byte positions. Parsed by `range-parser`.
 */
export function evaluateRange(
  method: string | undefined,
  headers: ConditionalRequestHeaders,
  size: number,
  validators: ConditionalValidators,
): RangeOutcome {
  const range = header(headers, 'range');
  if ((method !== 'GET' && method !== 'HEAD') || range === undefined || !BYTES_RANGE.test(range)) {
    return { kind: 'full' };
  }
  if (!ifRangePasses(header(headers, 'if-range'), validators)) return { kind: 'full' };
  // RFC 9110 §14.1.3: a suffix longer than the representation asks for all of it; range-parser
  // (1.3.0) calls that unsatisfiable, so such a suffix reaches it as `0-`.
  const spec = range.trimStart().replace(SUFFIX, (all, lead: string, length: string) => {
    const n = Number(length);
    return n > size && n > 0 ? `${lead}0-` : all;
  });
  const ranges = parseRange(size, spec, { combine: true });
  if (ranges === -1) return { kind: 'unsatisfiable', size };
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return { kind: 'full' };
  const [only] = ranges;
  return only === undefined ? { kind: 'full' } : { kind: 'partial', start: only.start, end: only.end };
}

/**
 * A file request, RFC 9110 §13.2.2 in order: the preconditions ({@link evaluatePreconditions}),
 * then the range ({@link evaluateRange}).
 */
export function evaluateFileRequest(
  method: string | undefined,
  headers: ConditionalRequestHeaders,
  size: number,
  validators: ConditionalValidators,
  options: PreconditionOptions = {},
): FileOutcome {
  const preconditions = evaluatePreconditions(method, headers, validators, options);
  if (preconditions.kind !== 'proceed') return preconditions;
  return evaluateRange(method, headers, size, validators);
}

/** The short text/plain body of a 412 (RFC 9110 §15.5: a 4xx SHOULD explain itself). */
export function preconditionFailedText(failed: FailedPrecondition): string {
  const what =
    failed === 'If-Match'
      ? 'If-Match did not match the current representation'
      : failed === 'If-Unmodified-Since'
        ? 'the representation was modified after the If-Unmodified-Since date'
        : 'If-None-Match matched the current representation';
  return `Precondition Failed: ${what}.`;
}

/** The short text/plain body of a 416. */
export function rangeNotSatisfiableText(size: number): string {
  return `Range Not Satisfiable: the file has ${size} bytes.`;
}
