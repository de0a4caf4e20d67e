/** Dates as the whole seconds since the epoch that HTTP dates and Django's `http_date` use. */
import { types } from 'node:util';

// An IMF-fixdate's year has four digits (RFC 9110 §5.6.7): 0000-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z, in seconds since the epoch.
const FIRST_HTTP_SECOND = -62_167_219_200;
const LAST_HTTP_SECOND = 253_402_300_799;

/**
 * `value` as whole seconds since the epoch (rounded down, as Django's `int(timestamp)`): a
 * `Date`, or a number of seconds. `what` names the argument in the errors.
 *
 * @throws TypeError for anything else or an invalid `Date`; RangeError for a number no
 *   IMF-fixdate can write, naming milliseconds when it looks like them.
 */
export function toEpochSeconds(value: Date | number, what: string): number {
  // types.isDate, unlike instanceof, knows a Date made in another realm (a vm context, jest's).
  if (types.isDate(value)) {
    const millis = value.getTime();
    if (Number.isNaN(millis)) throw new TypeError(`${what} is an invalid Date (new Date(NaN)).`);
    return toEpochSeconds(Math.floor(millis / 1000), what);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(
      `${what} must be a Date or a number of seconds since the epoch (got ${value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value}).`,
    );
  }
  if (value > LAST_HTTP_SECOND) {
    throw new RangeError(
      `${what} takes seconds since the epoch, and ${value} seconds is after the year 9999: it looks like milliseconds (Date.now()). Pass a Date (new Date(${value})) or seconds (Math.floor(${value} / 1000)).`,
    );
  }
  if (value < FIRST_HTTP_SECOND) {
    throw new RangeError(`${what} must be a date from the year 0 to 9999, as HTTP dates are (got ${value} seconds).`);
  }
  return Math.floor(value);
}
