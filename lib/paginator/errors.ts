/** The errors of Django's `django.core.paginator`: which page number was wrong, and how. */

/** A page number that names no page (Django's `InvalidPage`): the base of the two below. */
export class InvalidPage extends Error {
  /** `'InvalidPage'`: the class name, kept in minified builds. */
  override readonly name: string = 'InvalidPage';
}

/** A page number that is not an integer, such as `'x'`, `null` or `1.5` (Django's `PageNotAnInteger`). */
export class PageNotAnInteger extends InvalidPage {
  /** `'PageNotAnInteger'`. */
  override readonly name: string = 'PageNotAnInteger';
}

/** A page number below 1 or past the last page (Django's `EmptyPage`). */
export class EmptyPage extends InvalidPage {
  /** `'EmptyPage'`. */
  override readonly name: string = 'EmptyPage';
}
