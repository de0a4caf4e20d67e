/** What a {@link Paginator} pages through: an array, or a source that counts and slices itself. */

/** A value, or a promise of it: a source may answer synchronously (better-sqlite3) or not (pg). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Rows kept elsewhere (a database table, an API): `count()` answers how many there are and
 * `slice(start, end)` the rows from index `start` up to, not including, `end` — as Django's
 * paginator calls `queryset.count()` and `queryset[start:end]` (`SELECT count(*)` and
 * `LIMIT end - start OFFSET start`). Either may be async. The paginator calls each at most once
 * per page, and never asks for more rows than one page holds.
 *
 * @example
 * ```ts
 * const submissions: PaginationSource<Submission> = {
 *   count: () => db.prepare('SELECT count(*) AS n FROM submission').get().n,
 *   slice: (start, end) =>
 *     db.prepare('SELECT * FROM submission ORDER BY id LIMIT ? OFFSET ?').all(end - start, start),
 * };
 * ```
 */
export interface PaginationSource<T> {
  /** How many objects there are in all: a number, or a bigint or numeric string as SQL clients give `count(*)`. */
  count(): MaybePromise<number | bigint | string>;
  /** The objects from index `start` (0-based, included) to `end` (excluded). */
  slice(start: number, end: number): MaybePromise<Iterable<T>>;
}

/** What a paginator (and a `ListView`'s `queryset`) accepts: an array or a {@link PaginationSource}. */
export type ObjectList<T> = readonly T[] | PaginationSource<T>;

/** Whether `value` is a {@link PaginationSource} (has `count()` and `slice()`), not an array. */
export function isPaginationSource<T>(value: unknown): value is PaginationSource<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as PaginationSource<T>).count === 'function' &&
    typeof (value as PaginationSource<T>).slice === 'function'
  );
}
