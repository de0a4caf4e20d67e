/** Django's `Paginator` (`django/core/paginator.py`), over an array or a counting, slicing source. */
import { describe } from '../http/describe.js';
import { EmptyPage, PageNotAnInteger } from './errors.js';
import { Page } from './page.js';
import { pythonInt } from './python-int.js';
import { isPaginationSource, type ObjectList } from './source.js';

/** The messages of the paginator's errors (Django's `error_messages`). */
export interface PaginatorErrorMessages {
  /** A page number that is not an integer. @defaultValue `'That page number is not an integer'` */
  invalidPage: string;
  /** A page number below 1. @defaultValue `'That page number is less than 1'` */
  minPage: string;
  /** A page number past the last page. @defaultValue `'That page contains no results'` */
  noResults: string;
}

/** The options of {@link Paginator}, Django's keyword arguments. */
export interface PaginatorOptions {
  /**
   * Objects that would be left alone on a last page of at most this many join the page before
   * (an integer, or a string of one). @defaultValue 0
   */
  orphans?: number | string;
  /** Whether the first page exists when there are no objects at all. @defaultValue true */
  allowEmptyFirstPage?: boolean;
  /** Messages replacing some or all of {@link Paginator.defaultErrorMessages}. */
  errorMessages?: Partial<PaginatorErrorMessages>;
}

/** The options of {@link Paginator.getElidedPageRange}. */
export interface ElidedPageRangeOptions {
  /** Pages shown on each side of the current one. @defaultValue 3 */
  onEachSide?: number;
  /** Pages shown at each end. @defaultValue 2 */
  onEnds?: number;
}

function toInteger(name: string, value: unknown): number {
  const number = pythonInt(value);
  if (number === undefined) {
    throw new TypeError(`Paginator option ${name} must be an integer or a string of one (got ${describe(value)}).`);
  }
  return number;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function checkedCount(value: unknown): number {
  // pg answers count(*) (a bigint) as a string, mysql2 may as a BigInt.
  const number = typeof value === 'string' || typeof value === 'bigint' ? pythonInt(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw new TypeError(
      `The source's count() must give a whole number of objects, 0 or more (got ${describe(value)}).`,
    );
  }
  return number;
}

/**
 * Django's `Paginator`: splits `objectList` into pages of `perPage` objects. `objectList` is an
 * array or a {@link PaginationSource} (a database query: `count()` and `slice(start, end)`, sync
 * or async), which is asked for the count once and for one page's rows per page, never for all.
 *
 * `page()` and `getPage()` are async (the source may be); once one has resolved, `count`,
 * `numPages` and `pageRange` are known and read synchronously, as templates read them.
 *
 * @example
 * ```ts
 * const paginator = new Paginator(contacts, 25, { orphans: 3 });
 * const page = await paginator.getPage(req.query.page); // never throws: page 1 or the last
 * page.objectList; page.hasNext(); paginator.numPages; [...paginator.getElidedPageRange(page.number)];
 * ```
 */
export class Paginator<T = unknown> implements AsyncIterable<Page<T>> {
  /** What {@link getElidedPageRange} puts for the pages it leaves out. @defaultValue `'…'` */
  static ELLIPSIS = '…';
  /** Django's messages for the three wrong page numbers. */
  static defaultErrorMessages: Readonly<PaginatorErrorMessages> = {
    invalidPage: 'That page number is not an integer',
    minPage: 'That page number is less than 1',
    noResults: 'That page contains no results',
  };

  /** What is paginated. */
  readonly objectList: ObjectList<T>;
  /** Objects per page. */
  readonly perPage: number;
  /** The most objects a last page may have before they join the page before it. */
  readonly orphans: number;
  /** Whether the first page exists when there are no objects. */
  readonly allowEmptyFirstPage: boolean;
  /** The messages of {@link PageNotAnInteger} and {@link EmptyPage}. */
  readonly errorMessages: Readonly<PaginatorErrorMessages>;

  private counted: number | undefined;
  private counting: Promise<number> | undefined;

  /**
   * @param objectList - an array, or a source with `count()` and `slice(start, end)`.
   * @param perPage - objects per page: a positive integer, or a string of one.
   * @throws TypeError when `objectList` is neither, or `perPage`/`orphans` is not an integer.
   * @throws RangeError when `perPage` is below 1.
   */
  constructor(objectList: ObjectList<T>, perPage: number | string, options: PaginatorOptions = {}) {
    if (!Array.isArray(objectList) && !isPaginationSource(objectList)) {
      throw new TypeError(
        `Paginator needs an array, or a source with count() and slice(start, end) (got ${describe(objectList)}).`,
      );
    }
    this.objectList = objectList;
    this.perPage = toInteger('perPage', perPage);
    if (this.perPage < 1) throw new RangeError(`Paginator perPage must be 1 or more (got ${describe(perPage)}).`);
    this.orphans = toInteger('orphans', options.orphans ?? 0);
    this.allowEmptyFirstPage = options.allowEmptyFirstPage ?? true;
    const ctor = this.constructor as typeof Paginator;
    this.errorMessages = { ...ctor.defaultErrorMessages, ...(options.errorMessages ?? {}) };
  }

  /** What {@link getElidedPageRange} puts for the pages it leaves out: the class's `ELLIPSIS`. */
  get ELLIPSIS(): string {
    return (this.constructor as typeof Paginator).ELLIPSIS;
  }

  /**
   * How many objects there are in all. Counted once; for a source whose `count()` is async,
   * known once {@link getCount}, {@link page} or {@link getPage} has resolved.
   *
   * @throws Error when the source's count is async and not known yet.
   */
  get count(): number {
    if (this.counted !== undefined) return this.counted;
    const list = this.objectList;
    if (!isPaginationSource<T>(list)) return (this.counted = list.length);
    if (this.counting === undefined) {
      const answer = list.count();
      if (!isPromiseLike(answer)) return (this.counted = checkedCount(answer));
      this.counting = Promise.resolve(answer).then((value) => (this.counted = checkedCount(value)));
    }
    throw new Error(
      "Paginator.count is not known yet: the source's count() is async. Await paginator.getCount(), page() or getPage() first.",
    );
  }

  /** How many objects there are in all, counting them (once) if need be. */
  async getCount(): Promise<number> {
    if (this.counted !== undefined) return this.counted;
    const list = this.objectList;
    if (!isPaginationSource<T>(list)) return this.count;
    this.counting ??= Promise.resolve(list.count()).then((value) => (this.counted = checkedCount(value)));
    return this.counting;
  }

  /** How many pages there are: 0 only with no objects and `allowEmptyFirstPage: false`. */
  get numPages(): number {
    const count = this.count;
    if (count === 0 && !this.allowEmptyFirstPage) return 0;
    const hits = Math.max(1, count - this.orphans);
    return Math.ceil(hits / this.perPage);
  }

  /** The page numbers, `[1, 2, …, numPages]`, for a template's loop. */
  get pageRange(): number[] {
    return Array.from({ length: this.numPages }, (_, index) => index + 1);
  }

  /**
   * The page number `number` as an integer (Django's `validate_number`): what Python's `int()`
   * accepts (`3`, `'3'`, `' 3 '`, `3.0`).
   *
   * @throws PageNotAnInteger when it is not an integer (`'x'`, `null`, `1.5`).
   * @throws EmptyPage when it is below 1 or past the last page.
   */
  validateNumber(number: unknown): number {
    const value = pythonInt(number);
    if (value === undefined) throw new PageNotAnInteger(this.errorMessages.invalidPage);
    if (value < 1) throw new EmptyPage(this.errorMessages.minPage);
    if (value > this.numPages) throw new EmptyPage(this.errorMessages.noResults);
    return value;
  }

  /**
   * Page `number` (1-based), its objects fetched: one `slice()` of the source.
   *
   * @throws PageNotAnInteger / EmptyPage (rejects) as {@link validateNumber}.
   */
  async page(number: unknown): Promise<Page<T>> {
    await this.getCount();
    const valid = this.validateNumber(number);
    const bottom = (valid - 1) * this.perPage;
    let top = bottom + this.perPage;
    if (top + this.orphans >= this.count) top = this.count;
    return this.createPage(await this.slice(bottom, top), valid);
  }

  /**
   * A page whatever `number` is (Django's `get_page`): page 1 when it is not an integer, the
   * last page when it is out of range.
   *
   * @throws EmptyPage (rejects) only when there is no page at all (no objects and `allowEmptyFirstPage: false`).
   */
  async getPage(number: unknown): Promise<Page<T>> {
    await this.getCount();
    let valid: number;
    try {
      valid = this.validateNumber(number);
    } catch (err) {
      if (err instanceof PageNotAnInteger) valid = 1;
      else if (err instanceof EmptyPage) valid = this.numPages;
      else throw err;
    }
    return this.page(valid);
  }

  /**
   * The page numbers to show around page `number`, with {@link ELLIPSIS} for the ones left out:
   * for page 43 of 50, `1, 2, '…', 40, 41, 42, 43, 44, 45, 46, '…', 49, 50`. Lazy, as Django's
   * generator: `number` is validated when the first item is read.
   *
   * @throws PageNotAnInteger / EmptyPage (on iteration) as {@link validateNumber}.
   */
  *getElidedPageRange(number: unknown = 1, options: ElidedPageRangeOptions = {}): Generator<number | string> {
    const onEachSide = options.onEachSide ?? 3;
    const onEnds = options.onEnds ?? 2;
    const current = this.validateNumber(number);
    const numPages = this.numPages;
    const range = function* (start: number, stop: number): Generator<number> {
      for (let n = start; n < stop; n += 1) yield n;
    };
    if (numPages <= (onEachSide + onEnds) * 2) {
      yield* this.pageRange;
      return;
    }
    if (current > 1 + onEachSide + onEnds + 1) {
      yield* range(1, onEnds + 1);
      yield this.ELLIPSIS;
      yield* range(current - onEachSide, current + 1);
    } else {
      yield* range(1, current + 1);
    }
    if (current < numPages - onEachSide - onEnds - 1) {
      yield* range(current + 1, current + onEachSide + 1);
      yield this.ELLIPSIS;
      yield* range(numPages - onEnds + 1, numPages + 1);
    } else {
      yield* range(current + 1, numPages + 1);
    }
  }

  /** Every page in turn (Django's `for page in paginator`), each fetched as it is reached. */
  async *[Symbol.asyncIterator](): AsyncIterator<Page<T>> {
    await this.getCount();
    for (const number of this.pageRange) yield await this.page(number);
  }

  /**
   * The {@link Page} for `objectList` and `number` (Django's `_get_page` hook): override to
   * return a subclass of `Page`.
   */
  protected createPage(objectList: readonly T[], number: number): Page<T> {
    return new Page(objectList, number, this);
  }

  private async slice(start: number, end: number): Promise<readonly T[]> {
    const list = this.objectList;
    if (!isPaginationSource<T>(list)) return list.slice(start, end);
    // An empty page needs no query.
    if (end <= start) return [];
    const rows = await list.slice(start, end);
    return Array.isArray(rows) ? (rows as T[]) : Array.from(rows);
  }
}
