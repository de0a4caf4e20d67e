/** Whether a value is a plain object: Django's `isinstance(data, dict)` for a JavaScript value. */

/**
 * Whether `value` is a plain object: `{...}` or `Object.create(null)`, from this realm or
 * another. An object literal made in another realm (a `vm` context, as jest runs each test
 * file in one; a native addon's result, such as a better-sqlite3 row read inside jest) has
 * that realm's `Object.prototype`, so the check is on the prototype's place in its chain (a
 * root: its own prototype is `null`), not on this realm's `Object.prototype`. A `Map`, a
 * `Date`, an array or a class instance is not plain.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}
