/** Django's `Page`: one page of a {@link Paginator}, its objects already fetched. */
import type { Paginator } from './paginator.js';

/**
 * One page of objects (Django's `Page`): `objectList` (an array), `number` (1-based) and its
 * `paginator`, with Django's navigation methods. Iterable, with `length`.
 *
 * @example
 * ```njk
 * {% for item in page_obj %}{{ item.title }}{% endfor %}
 * {% if page_obj.hasNext() %}<a href="?page={{ page_obj.nextPageNumber() }}">next</a>{% endif %}
 * Showing {{ page_obj.startIndex() }}–{{ page_obj.endIndex() }} of {{ paginator.count }}
 * ```
 */
export class Page<T> implements Iterable<T> {
  /** The objects on this page. */
  readonly objectList: readonly T[];
  /** The page's 1-based number. */
  readonly number: number;
  /** The paginator it belongs to. */
  readonly paginator: Paginator<T>;

  constructor(objectList: readonly T[], number: number, paginator: Paginator<T>) {
    this.objectList = objectList;
    this.number = number;
    this.paginator = paginator;
  }

  /** How many objects the page holds (Django's `len(page)`). */
  get length(): number {
    return this.objectList.length;
  }

  /** The page's objects, in order (Django's `Page` is a sequence). */
  [Symbol.iterator](): Iterator<T> {
    return this.objectList[Symbol.iterator]();
  }

  /** `<Page 2 of 5>`, as Django's `repr(page)`. */
  toString(): string {
    return `<Page ${this.number} of ${this.paginator.numPages}>`;
  }

  /** Whether a later page exists. */
  hasNext(): boolean {
    return this.number < this.paginator.numPages;
  }

  /** Whether an earlier page exists. */
  hasPrevious(): boolean {
    return this.number > 1;
  }

  /** Whether there is any other page (Django's `has_other_pages`). */
  hasOtherPages(): boolean {
    return this.hasPrevious() || this.hasNext();
  }

  /** The next page's number. @throws EmptyPage on the last page. */
  nextPageNumber(): number {
    return this.paginator.validateNumber(this.number + 1);
  }

  /** The previous page's number. @throws EmptyPage on the first page. */
  previousPageNumber(): number {
    return this.paginator.validateNumber(this.number - 1);
  }

  /** The 1-based index of the page's first object among all objects; 0 when there are none. */
  startIndex(): number {
    if (this.paginator.count === 0) return 0;
    return this.paginator.perPage * (this.number - 1) + 1;
  }

  /** The 1-based index of the page's last object among all objects (the last page takes the orphans). */
  endIndex(): number {
    if (this.number === this.paginator.numPages) return this.paginator.count;
    return this.number * this.paginator.perPage;
  }
}
