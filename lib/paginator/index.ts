/** Django's `django.core.paginator`. */
export { EmptyPage, InvalidPage, PageNotAnInteger } from './errors.js';
export { Page } from './page.js';
export {
  Paginator,
  type ElidedPageRangeOptions,
  type PaginatorErrorMessages,
  type PaginatorOptions,
} from './paginator.js';
export { isPaginationSource, type MaybePromise, type ObjectList, type PaginationSource } from './source.js';
