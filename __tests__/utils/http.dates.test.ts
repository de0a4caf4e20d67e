/**
 * HTTP dates in one unit: `parseHttpDate` gives the seconds since the epoch that `httpDate`
 * takes (as Django's `parse_http_date` and `http_date`, django/utils/http.py), so every date
 * read in any of RFC 9110 §5.6.7's three forms is written back as the IMF-fixdate of the same
 * second; a number of milliseconds is refused with the fix.
 */
import fc from 'fast-check';
import { httpDate, parseHttpDate } from '../../lib/index.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The three forms of one instant (whole seconds), written by hand from the calendar fields. */
function forms(seconds: number): { imf: string; rfc850: string; asctime: string } {
  const d = new Date(seconds * 1000);
  const day = DAYS[d.getUTCDay()] as string;
  const month = MONTHS[d.getUTCMonth()] as string;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const year = d.getUTCFullYear();
  return {
    imf: `${day.slice(0, 3)}, ${pad(d.getUTCDate())} ${month} ${pad(year, 4)} ${time} GMT`,
    rfc850: `${day}, ${pad(d.getUTCDate())}-${month}-${pad(year % 100)} ${time} GMT`,
    asctime: `${day.slice(0, 3)} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${pad(year, 4)}`,
  };
}

// Every second from the year 0 to 9999, the years an IMF-fixdate can write.
const anySecond = fc.integer({ min: -62_167_219_200, max: 253_402_300_799 });
// RFC 850's two-digit year is read within 50 years of now (Django's rule).
const thisYear = new Date().getUTCFullYear();
const rfc850Second = fc.integer({
  min: Date.UTC(thisYear - 49, 0, 1) / 1000,
  max: Date.UTC(thisYear + 50, 11, 31, 23, 59, 59) / 1000,
});

describe('httpDate(parseHttpDate(x))', () => {
  it('is x for every IMF-fixdate from the year 0 to 9999', () => {
    fc.assert(
      fc.property(anySecond, (seconds) => {
        const { imf } = forms(seconds);
        expect(parseHttpDate(imf)).toBe(seconds);
        expect(httpDate(parseHttpDate(imf))).toBe(imf);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the IMF-fixdate of the same second for an asctime date', () => {
    fc.assert(
      fc.property(anySecond, (seconds) => {
        const { imf, asctime } = forms(seconds);
        expect(parseHttpDate(asctime)).toBe(seconds);
        expect(httpDate(parseHttpDate(asctime))).toBe(imf);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the IMF-fixdate of the same second for an RFC 850 date', () => {
    fc.assert(
      fc.property(rfc850Second, (seconds) => {
        const { imf, rfc850 } = forms(seconds);
        expect(parseHttpDate(rfc850)).toBe(seconds);
        expect(httpDate(parseHttpDate(rfc850))).toBe(imf);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['the epoch', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['before the epoch', 'Sun, 06 Nov 1904 08:49:37 GMT'],
    ['a year below 100, not read as 19xx', 'Sat, 01 Jan 0050 00:00:00 GMT'],
    ['a leap day', 'Thu, 29 Feb 2024 23:59:59 GMT'],
    ['the last second of 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('holds on %s', (_what, imf) => {
    expect(httpDate(parseHttpDate(imf))).toBe(imf);
  });
});

describe('httpDate(date)', () => {
  it('takes a Date, rounded down to the second', () => {
    expect(httpDate(new Date('1994-11-06T08:49:37.999Z'))).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });

  it('writes now without an argument (Django: http_date())', () => {
    const before = Math.floor(Date.now() / 1000);
    const written = parseHttpDate(httpDate());
    const after = Math.floor(Date.now() / 1000);
    expect(written).toBeGreaterThanOrEqual(before);
    expect(written).toBeLessThanOrEqual(after);
  });

  it('refuses milliseconds, naming the Date or the seconds to pass instead', () => {
    expect(() => httpDate(784111777000)).toThrow(
      new RangeError(
        'httpDate() takes seconds since the epoch, and 784111777000 seconds is after the year 9999: it looks like milliseconds (Date.now()). Pass a Date (new Date(784111777000)) or seconds (Math.floor(784111777000 / 1000)).',
      ),
    );
  });

  it.each([
    [
      'a string',
      'Sun, 06 Nov 1994 08:49:37 GMT',
      TypeError,
      /must be a Date or a number of seconds since the epoch \(got string\)/,
    ],
    ['NaN', Number.NaN, TypeError, /\(got NaN\)/],
    ['an invalid Date', new Date(Number.NaN), TypeError, /httpDate\(\) is an invalid Date/],
    ['a year before 0', -62_167_219_201, RangeError, /from the year 0 to 9999/],
  ])('refuses %s', (_what, value, type, message) => {
    expect(() => httpDate(value as never)).toThrow(type);
    expect(() => httpDate(value as never)).toThrow(message);
  });
});
