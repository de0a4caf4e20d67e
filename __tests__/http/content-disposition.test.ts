/**
 * contentDispositionHeader: Django 4.2's tests for content_disposition_header
 * (tests/utils_tests/test_http.py, ContentDispositionHeaderTests.test_basic), ported case by
 * case, and the hand-set Content-Disposition rule. Each header is also read back with the
 * `content-disposition` parser, as a browser reads it.
 */
import { parse } from 'content-disposition';
import { HttpResponse, contentDispositionHeader } from '../../lib/index.js';

describe('contentDispositionHeader(asAttachment, filename) — Django test_basic', () => {
  // Django's ASCII cases, unchanged.
  it.each([
    [false, undefined, null],
    [false, null, null],
    [false, '', null],
    [false, 'example', 'inline; filename="example"'],
    [true, undefined, 'attachment'],
    [true, null, 'attachment'],
    [true, 'example', 'attachment; filename="example"'],
    [true, '"example" file\\name', 'attachment; filename="\\"example\\" file\\\\name"'],
  ])('(%p, %j) is %j', (asAttachment, filename, expected) => {
    expect(contentDispositionHeader(asAttachment, filename)).toBe(expected);
  });

  // Django sends only `filename*=utf-8''…` for these; the API adds the ASCII fallback that
  // the content-disposition library writes, and spells the charset UTF-8 (both mean the same).
  it.each([
    ['espécimen', "filename*=utf-8''esp%C3%A9cimen", 'attachment; filename="esp?cimen"'],
    [
      '"espécimen" filename',
      "filename*=utf-8''%22esp%C3%A9cimen%22%20filename",
      'attachment; filename="\\"esp?cimen\\" filename"',
    ],
  ])("(true, %j) carries Django's %s after an ASCII fallback", (filename, djangoPart, fallback) => {
    const header = contentDispositionHeader(true, filename) as string;
    expect(header).toBe(`${fallback}; ${djangoPart.replace("utf-8''", "UTF-8''")}`);
    expect(parse(header).parameters['filename']).toBe(filename);
  });
});

describe('contentDispositionHeader: what a browser reads back', () => {
  it.each([
    ['résumé.csv', 'inline; filename="r?sum?.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv'],
    ['投稿.csv', 'inline; filename="??.csv"; filename*=UTF-8\'\'%E6%8A%95%E7%A8%BF.csv'],
    ['😀 report.csv', 'inline; filename="?? report.csv"; filename*=UTF-8\'\'%F0%9F%98%80%20report.csv'],
    ["it's (1).txt", 'inline; filename="it\'s (1).txt"'],
    ['100%.txt', 'inline; filename="100%.txt"'],
  ])('%j → %s, ASCII only, parsed back to the name', (filename, expected) => {
    const header = contentDispositionHeader(false, filename) as string;
    expect(header).toBe(expected);
    expect(header).toMatch(/^[\x20-\x7e]*$/);
    expect(parse(header)).toEqual({ type: 'inline', parameters: expect.objectContaining({ filename }) });
  });

  it('keeps directories in the name, as Django does (FileResponse strips them itself)', () => {
    expect(contentDispositionHeader(true, 'reports/q1.csv')).toBe('attachment; filename="reports/q1.csv"');
  });

  it('refuses a file name that is not a string, or not well-formed text', () => {
    expect(() => contentDispositionHeader(true, 42 as unknown as string)).toThrow(
      new TypeError(
        'contentDispositionHeader() filename must be a string (got number); convert it with String() first.',
      ),
    );
    expect(() => contentDispositionHeader(true, 'a\ud800.txt')).toThrow(TypeError);
    expect(() => contentDispositionHeader(true, 'a\ud800.txt')).toThrow(/holds half of a surrogate pair/);
  });
});

describe('a Content-Disposition set by hand', () => {
  const set = (value: string): string | undefined =>
    new HttpResponse().set('Content-Disposition', value).get('Content-Disposition');

  it.each([
    ['attachment; filename="submissions-20240101_1200.csv"'],
    ['attachment; filename=books.csv'],
    ['inline'],
    ["attachment; filename*=UTF-8''%E6%8A%95%E7%A8%BF.csv"],
    ['attachment; filename="100%25.csv"'],
  ])('is kept exactly as written when it is ASCII: %s', (value) => {
    expect(set(value)).toBe(value);
  });

  it.each([
    ['Latin-1', 'résumé.csv'],
    ['CJK', '投稿.csv'],
    ['emoji', '😀 report.csv'],
  ])('with a %s filename is stored in RFC 6266 form', (_label, name) => {
    const stored = set(`attachment; filename="${name}"`) as string;
    expect(stored).toBe(contentDispositionHeader(true, name));
    expect(parse(stored).parameters['filename']).toBe(name);
  });

  it.each([
    [
      'an unquoted name',
      'attachment; filename=résumé.csv',
      'attachment; filename="r?sum?.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv',
    ],
    [
      'other parameters',
      'inline; filename="投稿.csv"; size=12',
      'inline; filename="??.csv"; filename*=UTF-8\'\'%E6%8A%95%E7%A8%BF.csv; size=12',
    ],
    [
      'any casing and spacing',
      'Attachment;FileName="é.txt"',
      'attachment; filename="?.txt"; filename*=UTF-8\'\'%C3%A9.txt',
    ],
    [
      'a non-ASCII fallback beside filename*',
      'attachment; filename="résumé.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv',
      'attachment; filename="r?sum?.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv',
    ],
    [
      'escaped quotes',
      'attachment; filename="say \\"é\\".txt"',
      'attachment; filename="say \\"?\\".txt"; filename*=UTF-8\'\'say%20%22%C3%A9%22.txt',
    ],
  ])('with %s is rewritten: %s', (_label, value, expected) => {
    expect(set(value)).toBe(expected);
  });

  it("keeps Django's rule when the non-ASCII text is not the file name", () => {
    // Latin-1 stays Latin-1; anything else becomes an RFC 2047 word, as for every header.
    expect(set('attachment; filename="a.csv"; title="é"')).toBe('attachment; filename="a.csv"; title="é"');
    expect(set('attachment; title="投稿"')).toBe(
      `=?utf-8?b?${Buffer.from('attachment; title="投稿"').toString('base64')}?=`,
    );
  });

  it('still refuses newlines', () => {
    expect(() => set('attachment; filename="é\r\nX-Evil: 1"')).toThrow(/Header values can't contain newlines/);
  });

  it('is rewritten through every way of setting a header', () => {
    const expected = contentDispositionHeader(true, 'é.csv');
    expect(
      new HttpResponse('', { headers: { 'content-disposition': 'attachment; filename="é.csv"' } }).get(
        'Content-Disposition',
      ),
    ).toBe(expected);
    expect(
      new HttpResponse().headers.set('CONTENT-DISPOSITION', 'attachment; filename="é.csv"').get('content-disposition'),
    ).toBe(expected);
    const r = new HttpResponse();
    expect(r.setDefault('Content-Disposition', 'attachment; filename="é.csv"')).toBe(expected);
  });
});
