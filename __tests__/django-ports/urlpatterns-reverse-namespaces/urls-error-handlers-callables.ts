/**
 * Django's tests/urlpatterns_reverse/urls_error_handlers_callables.py: the handlers as views.
 * Django reads them from the URLconf module; here they are `httpErrorHandler()`'s options.
 */
import type { ErrorViewHandler, UrlPatternEntry } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns: UrlPatternEntry[] = [];

export const handler400: ErrorViewHandler = emptyView;
export const handler403: ErrorViewHandler = emptyView;
export const handler404: ErrorViewHandler = emptyView;
export const handler500: ErrorViewHandler = emptyView;
