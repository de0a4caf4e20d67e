/**
 * The conditional-request engine (lib/utils/conditional.ts) as a table, in the style of jshttp's
 * `fresh` and `range-parser` tests: one row per RFC 9110 example and per edge.
 */
import {
  evaluateFileRequest,
  evaluateFreshness,
  evaluatePreconditions,
  evaluateRange,
  type ConditionalValidators,
  type FileOutcome,
  type PreconditionOutcome,
  type RangeOutcome,
} from '../../lib/utils/conditional.js';
import { httpDate, parseEtags, parseHttpDate, quoteEtag } from '../../lib/utils/http.js';

// RFC 9110's own examples: "xyzzy", W/"xyzzy", Sun, 06 Nov 1994 08:49:37 GMT.
const LM = 784111777; // Sun, 06 Nov 1994 08:49:37 GMT
const LM_TEXT = 'Sun, 06 Nov 1994 08:49:37 GMT';
const BEFORE = 'Sat, 05 Nov 1994 08:49:37 GMT';
const AFTER = 'Mon, 07 Nov 1994 08:49:37 GMT';
const FUTURE = 'Fri, 01 Jan 2100 00:00:00 GMT';
const STRONG: ConditionalValidators = { etag: '"xyzzy"', lastModified: LM };
const WEAK: ConditionalValidators = { etag: 'W/"xyzzy"', lastModified: LM };
const NONE: ConditionalValidators = {};

const proceed: PreconditionOutcome = { kind: 'proceed' };
const notModified: PreconditionOutcome = { kind: 'not-modified' };
const failed = (field: 'If-Match' | 'If-Unmodified-Since' | 'If-None-Match'): PreconditionOutcome => ({
  kind: 'precondition-failed',
  failed: field,
});

describe('parseHttpDate (RFC 9110 §5.6.7), in seconds', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', 784111777],
    ['RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT', 784111777],
    ['asctime', 'Sun Nov  6 08:49:37 1994', 784111777],
    ['asctime, two-digit day', 'Sun Nov 16 08:49:37 1994', 784975777],
    ['RFC 850, a year more than 50 years ahead is in the past century', 'Friday, 01-Jan-99 00:00:00 GMT', 915148800],
    ['RFC 850, a near year is in this century', 'Saturday, 01-Jan-30 00:00:00 GMT', 1893456000],
    ['lower-case month', 'Sun, 06 nov 1994 08:49:37 GMT', 784111777],
    ['an impossible day', 'Mon, 32 Oct 2010 16:56:23 GMT', undefined],
    ['30 February', 'Mon, 30 Feb 2015 16:56:23 GMT', undefined],
    ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT', undefined],
    ['an unknown month', 'Sun, 06 Foo 1994 08:49:37 GMT', undefined],
    ['ISO 8601', '2010-10-18', undefined],
    ['not GMT', 'Sun, 06 Nov 1994 08:49:37 PST', undefined],
    ['a list of two dates', `${LM_TEXT}, ${LM_TEXT}`, undefined],
    ['trailing text', `${LM_TEXT} x`, undefined],
    ['empty', '', undefined],
    ['absent', undefined, undefined],
  ])('%s: %j is %p', (_what, value, expected) => {
    expect(parseHttpDate(value)).toBe(expected);
  });

  it('httpDate writes an IMF-fixdate from the same seconds, or a Date rounded down to the second', () => {
    expect(httpDate(LM)).toBe(LM_TEXT);
    expect(httpDate(new Date(784111777999))).toBe(LM_TEXT);
    expect(httpDate(parseHttpDate(LM_TEXT))).toBe(LM_TEXT);
  });
});

describe('parseEtags and quoteEtag (RFC 9110 §8.8.3, §5.6.1)', () => {
  it.each([
    ['one strong tag', '"xyzzy"', ['"xyzzy"']],
    ['a list with spaces', '"xyzzy", "r2d2xxxx", "c3piozzzz"', ['"xyzzy"', '"r2d2xxxx"', '"c3piozzzz"']],
    ['a list with a tab after the comma', '"a",\t"b"', ['"a"', '"b"']],
    ['a list with tabs on both sides', '"a"\t,\tW/"b"', ['"a"', 'W/"b"']],
    ['no whitespace', '"a","b"', ['"a"', '"b"']],
    ['weak and strong', 'W/"xyzzy", "xyzzy"', ['W/"xyzzy"', '"xyzzy"']],
    ['an empty tag', '""', ['""']],
    ['unquoted members dropped', '"a", b, W/c, """', ['"a"']],
    ['*', '*', ['*']],
    ['* with whitespace', ' * ', ['*']],
    ['empty', '', []],
    ['absent', undefined, []],
  ])('%s: %j', (_what, value, expected) => {
    expect(parseEtags(value)).toEqual(expected);
  });

  it('quoteEtag quotes a bare value and keeps a quoted one', () => {
    expect(quoteEtag('xyzzy')).toBe('"xyzzy"');
    expect(quoteEtag('"xyzzy"')).toBe('"xyzzy"');
    expect(quoteEtag('W/"xyzzy"')).toBe('W/"xyzzy"');
  });
});

describe('evaluatePreconditions (RFC 9110 §13.2.2 steps 1-4)', () => {
  it.each<[string, string, Record<string, string | string[]>, ConditionalValidators, PreconditionOutcome]>([
    ['no conditional header', 'GET', {}, STRONG, proceed],
    // §13.1.1 If-Match: strong comparison.
    ['If-Match, the same strong tag', 'PUT', { 'if-match': '"xyzzy"' }, STRONG, proceed],
    ['If-Match, a list holding it', 'PUT', { 'if-match': '"a", "xyzzy"' }, STRONG, proceed],
    ['If-Match, a list with a tab', 'PUT', { 'if-match': '"a",\t"xyzzy"' }, STRONG, proceed],
    ['If-Match, another tag', 'PUT', { 'if-match': '"other"' }, STRONG, failed('If-Match')],
    ['If-Match, the weak form of a strong tag', 'PUT', { 'if-match': 'W/"xyzzy"' }, STRONG, failed('If-Match')],
    ['If-Match, a weak current tag', 'PUT', { 'if-match': '"xyzzy"' }, WEAK, failed('If-Match')],
    ['If-Match, weak against weak', 'PUT', { 'if-match': 'W/"xyzzy"' }, WEAK, failed('If-Match')],
    ['If-Match: * with a representation', 'PUT', { 'if-match': '*' }, STRONG, proceed],
    ['If-Match: * without one', 'PUT', { 'if-match': '*' }, NONE, failed('If-Match')],
    // §13.1.1: a list with no entity-tag in it is still a condition, and nothing meets it (as send).
    ['If-Match: , (an empty list)', 'GET', { 'if-match': ',' }, STRONG, failed('If-Match')],
    ['If-Match: , , with spaces', 'PUT', { 'if-match': ' , , ' }, STRONG, failed('If-Match')],
    [
      'If-Match: , wins over If-Unmodified-Since',
      'PUT',
      { 'if-match': ',', 'if-unmodified-since': FUTURE },
      STRONG,
      failed('If-Match'),
    ],
    ['If-Match with an empty value is absent', 'PUT', { 'if-match': '' }, STRONG, proceed],
    ['If-Match: * on a representation without a tag', 'PUT', { 'if-match': '*' }, { exists: true }, proceed],
    ['If-Match, no current tag', 'PUT', { 'if-match': '"xyzzy"' }, NONE, failed('If-Match')],
    [
      'If-Match, only invalid members (a condition all the same, as send)',
      'PUT',
      { 'if-match': 'xyzzy' },
      STRONG,
      failed('If-Match'),
    ],
    ['If-Match on GET fails too', 'GET', { 'if-match': '"other"' }, STRONG, failed('If-Match')],
    ['If-Match repeated (joined as a list)', 'PUT', { 'if-match': ['"a"', '"xyzzy"'] }, STRONG, proceed],
    // §13.1.4 If-Unmodified-Since.
    ['If-Unmodified-Since, the same date', 'PUT', { 'if-unmodified-since': LM_TEXT }, STRONG, proceed],
    ['If-Unmodified-Since, later', 'PUT', { 'if-unmodified-since': AFTER }, STRONG, proceed],
    ['If-Unmodified-Since, in the future', 'PUT', { 'if-unmodified-since': FUTURE }, STRONG, proceed],
    ['If-Unmodified-Since, earlier', 'PUT', { 'if-unmodified-since': BEFORE }, STRONG, failed('If-Unmodified-Since')],
    ['If-Unmodified-Since, invalid (ignored)', 'PUT', { 'if-unmodified-since': 'yesterday' }, STRONG, proceed],
    ['If-Unmodified-Since, a list (ignored)', 'PUT', { 'if-unmodified-since': `${BEFORE}, ${AFTER}` }, STRONG, proceed],
    [
      'If-Unmodified-Since without Last-Modified (as Django)',
      'PUT',
      { 'if-unmodified-since': AFTER },
      { etag: '"x"' },
      failed('If-Unmodified-Since'),
    ],
    ['If-Unmodified-Since as asctime', 'PUT', { 'if-unmodified-since': 'Sun Nov  6 08:49:37 1994' }, STRONG, proceed],
    [
      'If-Match beats If-Unmodified-Since (passes, the date is not looked at)',
      'PUT',
      { 'if-match': '"xyzzy"', 'if-unmodified-since': BEFORE },
      STRONG,
      proceed,
    ],
    [
      'If-Match beats If-Unmodified-Since (fails, whatever the date)',
      'PUT',
      { 'if-match': '"other"', 'if-unmodified-since': AFTER },
      STRONG,
      failed('If-Match'),
    ],
    // §13.1.2 If-None-Match: weak comparison.
    ['If-None-Match, the same tag: 304', 'GET', { 'if-none-match': '"xyzzy"' }, STRONG, notModified],
    ['If-None-Match, HEAD like GET', 'HEAD', { 'if-none-match': '"xyzzy"' }, STRONG, notModified],
    ['If-None-Match, weak request tag', 'GET', { 'if-none-match': 'W/"xyzzy"' }, STRONG, notModified],
    ['If-None-Match, weak current tag', 'GET', { 'if-none-match': '"xyzzy"' }, WEAK, notModified],
    ['If-None-Match, a list', 'GET', { 'if-none-match': '"a", "xyzzy"' }, STRONG, notModified],
    ['If-None-Match, a list with a tab', 'GET', { 'if-none-match': '"a",\t"xyzzy"' }, STRONG, notModified],
    [
      'If-None-Match, a list with a tab before the comma',
      'GET',
      { 'if-none-match': '"a"\t,"xyzzy"' },
      STRONG,
      notModified,
    ],
    ['If-None-Match, no space', 'GET', { 'if-none-match': '"a","xyzzy"' }, STRONG, notModified],
    ['If-None-Match, another tag', 'GET', { 'if-none-match': '"other"' }, STRONG, proceed],
    ['If-None-Match, case matters', 'GET', { 'if-none-match': '"XYZZY"' }, STRONG, proceed],
    ['If-None-Match: *', 'GET', { 'if-none-match': '*' }, STRONG, notModified],
    ['If-None-Match: * without a representation', 'GET', { 'if-none-match': '*' }, NONE, proceed],
    [
      'If-None-Match: * on a representation without a tag',
      'GET',
      { 'if-none-match': '*' },
      { exists: true },
      notModified,
    ],
    ['If-None-Match, no current tag', 'GET', { 'if-none-match': '"xyzzy"' }, { lastModified: LM }, proceed],
    ['If-None-Match on POST: 412', 'POST', { 'if-none-match': '"xyzzy"' }, STRONG, failed('If-None-Match')],
    ['If-None-Match: * on PUT (create-only): 412', 'PUT', { 'if-none-match': '*' }, STRONG, failed('If-None-Match')],
    ['If-None-Match: * on PUT, nothing there yet', 'PUT', { 'if-none-match': '*' }, NONE, proceed],
    ['If-None-Match on DELETE, another tag', 'DELETE', { 'if-none-match': '"other"' }, STRONG, proceed],
    // §13.1.3 If-Modified-Since.
    ['If-Modified-Since, the same date: 304', 'GET', { 'if-modified-since': LM_TEXT }, STRONG, notModified],
    ['If-Modified-Since, later: 304', 'GET', { 'if-modified-since': AFTER }, STRONG, notModified],
    ['If-Modified-Since, in the future: 304', 'GET', { 'if-modified-since': FUTURE }, STRONG, notModified],
    ['If-Modified-Since, earlier', 'GET', { 'if-modified-since': BEFORE }, STRONG, proceed],
    ['If-Modified-Since, HEAD like GET', 'HEAD', { 'if-modified-since': LM_TEXT }, STRONG, notModified],
    [
      'If-Modified-Since as RFC 850',
      'GET',
      { 'if-modified-since': 'Sunday, 06-Nov-94 08:49:37 GMT' },
      STRONG,
      notModified,
    ],
    ['If-Modified-Since as asctime', 'GET', { 'if-modified-since': 'Sun Nov  6 08:49:37 1994' }, STRONG, notModified],
    ['If-Modified-Since, invalid (ignored)', 'GET', { 'if-modified-since': 'tomorrow' }, STRONG, proceed],
    ['If-Modified-Since, a list (ignored)', 'GET', { 'if-modified-since': `${LM_TEXT}, ${AFTER}` }, STRONG, proceed],
    ['If-Modified-Since without Last-Modified', 'GET', { 'if-modified-since': AFTER }, { etag: '"x"' }, proceed],
    ['If-Modified-Since ignored for POST', 'POST', { 'if-modified-since': AFTER }, STRONG, proceed],
    ['If-Modified-Since ignored for PUT', 'PUT', { 'if-modified-since': AFTER }, STRONG, proceed],
    [
      'If-None-Match beats If-Modified-Since (no match, a matching date is not looked at)',
      'GET',
      { 'if-none-match': '"other"', 'if-modified-since': AFTER },
      STRONG,
      proceed,
    ],
    [
      'If-None-Match beats If-Modified-Since (a match, an old date is not looked at)',
      'GET',
      { 'if-none-match': '"xyzzy"', 'if-modified-since': BEFORE },
      STRONG,
      notModified,
    ],
    [
      'If-None-Match with only invalid members is absent: If-Modified-Since counts',
      'GET',
      { 'if-none-match': 'xyzzy', 'if-modified-since': AFTER },
      STRONG,
      notModified,
    ],
    // The order of §13.2.2.
    [
      'a failed If-Match comes before a matching If-None-Match',
      'GET',
      { 'if-match': '"other"', 'if-none-match': '"xyzzy"' },
      STRONG,
      failed('If-Match'),
    ],
    [
      'a failed If-Unmodified-Since comes before a matching If-Modified-Since',
      'GET',
      { 'if-unmodified-since': BEFORE, 'if-modified-since': AFTER },
      STRONG,
      failed('If-Unmodified-Since'),
    ],
    [
      'If-Match passes, then If-None-Match matches: 304',
      'GET',
      { 'if-match': '"xyzzy"', 'if-none-match': '"xyzzy"' },
      STRONG,
      notModified,
    ],
  ])('%s', (_what, method, headers, validators, expected) => {
    expect(evaluatePreconditions(method, headers, validators)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, PreconditionOutcome]>([
    ['Cache-Control: no-cache, matching If-None-Match', { 'if-none-match': '"xyzzy"' }, proceed],
    ['Cache-Control: no-cache, matching If-Modified-Since', { 'if-modified-since': LM_TEXT }, proceed],
    ['Cache-Control: no-cache does not stop a 412', { 'if-match': '"other"' }, failed('If-Match')],
  ])("noCacheRequestsFull (as Express's fresh): %s", (_what, headers, expected) => {
    const withNoCache = { ...headers, 'cache-control': 'max-age=0,\tno-cache' };
    expect(evaluatePreconditions('GET', withNoCache, STRONG, { noCacheRequestsFull: true })).toEqual(expected);
    if (expected.kind === 'proceed') {
      // Without the option (Django), no-cache changes nothing.
      expect(evaluatePreconditions('GET', withNoCache, STRONG).kind).toBe('not-modified');
    }
  });

  it('evaluateFreshness is steps 3-4 alone: If-Match and If-Unmodified-Since are not looked at', () => {
    const headers = { 'if-match': '"other"', 'if-unmodified-since': BEFORE, 'if-none-match': '"xyzzy"' };
    expect(evaluateFreshness('GET', headers, STRONG)).toEqual(notModified);
    expect(evaluatePreconditions('GET', headers, STRONG)).toEqual(failed('If-Match'));
  });
});

describe('evaluateRange (RFC 9110 §14.2, If-Range §13.1.5)', () => {
  const SIZE = 1000;
  const full: RangeOutcome = { kind: 'full' };
  const partial = (start: number, end: number): RangeOutcome => ({ kind: 'partial', start, end });
  const unsatisfiable: RangeOutcome = { kind: 'unsatisfiable', size: SIZE };

  it.each<[string, string, Record<string, string>, ConditionalValidators, RangeOutcome]>([
    ['no Range', 'GET', {}, STRONG, full],
    ['the first 500 bytes (RFC example)', 'GET', { range: 'bytes=0-499' }, STRONG, partial(0, 499)],
    ['the second 500 bytes', 'GET', { range: 'bytes=500-999' }, STRONG, partial(500, 999)],
    ['a suffix (RFC: bytes=-500)', 'GET', { range: 'bytes=-500' }, STRONG, partial(500, 999)],
    ['an open range (RFC: bytes=9500-, here 900-)', 'GET', { range: 'bytes=900-' }, STRONG, partial(900, 999)],
    [
      'the first and last bytes only (RFC: bytes=0-0,-1) is two parts: full',
      'GET',
      { range: 'bytes=0-0,-1' },
      STRONG,
      full,
    ],
    ['overlapping parts combine into one', 'GET', { range: 'bytes=0-10, 5-20' }, STRONG, partial(0, 20)],
    ['adjacent parts combine into one', 'GET', { range: 'bytes=0-9,10-19' }, STRONG, partial(0, 19)],
    ['an end past the size is clamped', 'GET', { range: 'bytes=990-5000' }, STRONG, partial(990, 999)],
    ['a suffix longer than the file is all of it (§14.1.3)', 'GET', { range: 'bytes=-5000' }, STRONG, partial(0, 999)],
    ['a suffix as long as the file', 'GET', { range: 'bytes=-1000' }, STRONG, partial(0, 999)],
    ['a long suffix in a list', 'GET', { range: 'bytes=0-0, -5000' }, STRONG, partial(0, 999)],
    ['a zero-length suffix: 416', 'GET', { range: 'bytes=-0' }, STRONG, unsatisfiable],
    ['a start at the size: 416', 'GET', { range: 'bytes=1000-' }, STRONG, unsatisfiable],
    ['a start past the size: 416', 'GET', { range: 'bytes=5000-6000' }, STRONG, unsatisfiable],
    ['malformed: full', 'GET', { range: 'bytes=abc' }, STRONG, full],
    [
      'start after end (an invalid range, rejected: §15.5.17): 416',
      'GET',
      { range: 'bytes=10-5' },
      STRONG,
      unsatisfiable,
    ],
    ['another unit: full', 'GET', { range: 'items=0-5' }, STRONG, full],
    ['whitespace before the unit', 'GET', { range: ' bytes=0-4' }, STRONG, partial(0, 4)],
    ['HEAD like GET', 'HEAD', { range: 'bytes=0-4' }, STRONG, partial(0, 4)],
    ['POST ignores Range', 'POST', { range: 'bytes=0-4' }, STRONG, full],
    // §13.1.5 If-Range.
    ['If-Range, the same strong tag', 'GET', { range: 'bytes=0-4', 'if-range': '"xyzzy"' }, STRONG, partial(0, 4)],
    ['If-Range, another tag: full', 'GET', { range: 'bytes=0-4', 'if-range': '"other"' }, STRONG, full],
    ['If-Range, a weak tag: full', 'GET', { range: 'bytes=0-4', 'if-range': 'W/"xyzzy"' }, STRONG, full],
    ['If-Range, a weak current tag: full', 'GET', { range: 'bytes=0-4', 'if-range': '"xyzzy"' }, WEAK, full],
    ['If-Range, weak against weak: full', 'GET', { range: 'bytes=0-4', 'if-range': 'W/"xyzzy"' }, WEAK, full],
    [
      'If-Range, a tag holding the current one: full',
      'GET',
      { range: 'bytes=0-4', 'if-range': '"a", "xyzzy"' },
      STRONG,
      full,
    ],
    ['If-Range, exactly Last-Modified', 'GET', { range: 'bytes=0-4', 'if-range': LM_TEXT }, STRONG, partial(0, 4)],
    ['If-Range, a later date: full', 'GET', { range: 'bytes=0-4', 'if-range': AFTER }, STRONG, full],
    ['If-Range, an earlier date: full', 'GET', { range: 'bytes=0-4', 'if-range': BEFORE }, STRONG, full],
    ['If-Range, an invalid date: full', 'GET', { range: 'bytes=0-4', 'if-range': 'yesterday' }, STRONG, full],
    [
      'If-Range, a date without Last-Modified: full',
      'GET',
      { range: 'bytes=0-4', 'if-range': LM_TEXT },
      { etag: '"x"' },
      full,
    ],
    [
      'If-Range, the date of a Last-Modified less than 1 s before Date (weak): full',
      'GET',
      { range: 'bytes=0-4', 'if-range': LM_TEXT },
      { ...STRONG, date: LM },
      full,
    ],
    [
      'If-Range, the date of a Last-Modified 1 s before Date (strong)',
      'GET',
      { range: 'bytes=0-4', 'if-range': LM_TEXT },
      { ...STRONG, date: LM + 1 },
      partial(0, 4),
    ],
    ['If-Range without Range: full', 'GET', { 'if-range': '"xyzzy"' }, STRONG, full],
    [
      'a failed If-Range beats an unsatisfiable range: full',
      'GET',
      { range: 'bytes=5000-', 'if-range': '"other"' },
      STRONG,
      full,
    ],
  ])('%s', (_what, method, headers, validators, expected) => {
    expect(evaluateRange(method, headers, SIZE, validators)).toEqual(expected);
  });

  it.each<[string, string, Record<string, string>, FileOutcome]>([
    [
      'a failed If-Match before the range',
      'GET',
      { 'if-match': '"other"', range: 'bytes=0-4' },
      failed('If-Match') as FileOutcome,
    ],
    ['a 304 before the range', 'GET', { 'if-none-match': '"xyzzy"', range: 'bytes=0-4' }, { kind: 'not-modified' }],
    ['a passing If-Match, then the range', 'GET', { 'if-match': '"xyzzy"', range: 'bytes=0-4' }, partial(0, 4)],
    ['a 416 after the preconditions pass', 'GET', { 'if-match': '*', range: 'bytes=5000-' }, unsatisfiable],
  ])('evaluateFileRequest: %s', (_what, method, headers, expected) => {
    expect(evaluateFileRequest(method, headers, SIZE, STRONG)).toEqual(expected);
  });
});
