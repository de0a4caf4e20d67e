/** Django's `django.views`: class-based views and view decorators. */
export {
  RedirectView,
  View,
  type ClassViewHandler,
  type HttpMethodName,
  type ViewClass,
  type ViewInitArgs,
  type ViewMethodResult,
} from './base.js';
