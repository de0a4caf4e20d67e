/** Python's `repr()` of the values in Django's `NoReverseMatch` messages: strings, numbers, tuples, lists, dicts. */
import { pyStr } from './route-pattern.js';

/** Python's `repr(value)` for a JavaScript value. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStr(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return pyDict(value as Record<string, unknown>);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an instance's own toString (a Date, a URL)
  return pyStr(String(value));
}

/** Python's `str(tuple(values))`: `()`, `(1,)`, `(1, 'a')`. */
export function pyTuple(values: readonly unknown[]): string {
  return values.length === 1 ? `(${pyRepr(values[0])},)` : `(${values.map(pyRepr).join(', ')})`;
}

/** Python's `str(dict)`: `{'pk': 1}`. */
export function pyDict(values: Record<string, unknown>): string {
  return `{${Object.entries(values)
    .map(([key, value]) => `${pyStr(key)}: ${pyRepr(value)}`)
    .join(', ')}}`;
}
