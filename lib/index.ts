/**
 * express-httpresponse: Django's `django.http` response layer for Express.
 *
 * @packageDocumentation
 */
export {
  BadHeaderError,
  BadRequest,
  BadSignature,
  DisallowedRedirect,
  Http404,
  HttpError,
  PermissionDenied,
  SignatureExpired,
  SuspiciousOperation,
  isHttpError,
  type HttpErrorOptions,
} from './errors.js';
export { ResponseHeaders, type HeaderValue, type HeadersInit } from './headers.js';
export {
  ResponseCookie,
  type CookieJar,
  type CookieOptions,
  type DeleteCookieOptions,
  type SameSite,
  type SignedCookieOptions,
} from './cookies.js';
export { getSignedCookie, type GetSignedCookieOptions } from './get-signed-cookie.js';
export { HttpResponseBase, isHttpResponse, type ResourceCloser, type ResponseInit } from './response-base.js';
export {
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseForbidden,
  HttpResponseGone,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseNotModified,
  HttpResponseServerError,
  type Body,
} from './response.js';
export {
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  HttpResponseRedirectBase,
  MAX_URL_REDIRECT_LENGTH,
  type RedirectInit,
} from './redirect.js';
export { JsonResponse, djangoJsonReplacer, type JsonReplacer, type JsonResponseInit } from './json-response.js';
export {
  StreamingHttpResponse,
  type NodeReadableLike,
  type StreamingBody,
  type StreamingChunk,
  type StreamingContent,
} from './streaming-response.js';
export { FileResponse, type FileResponseInit, type FileSource } from './file-response.js';
export { sendResponse, type SendableResponse } from './send.js';
export { view, type ViewHandler, type ViewMiddleware, type ViewResult } from './view.js';
export {
  httpErrorHandler,
  statusOfError,
  type ErrorViewHandler,
  type HttpErrorHandlerOptions,
} from './error-handler.js';
