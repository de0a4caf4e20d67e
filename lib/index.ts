/**
 * express-httpresponse: Django's `django.http` response layer for Express.
 *
 * @module express-httpresponse
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
} from './http/errors.js';
export { ResponseHeaders, type HeaderValue, type HeadersInit } from './http/headers.js';
export {
  ResponseCookie,
  type CookieJar,
  type CookieOptions,
  type DeleteCookieOptions,
  type SameSite,
  type SignedCookieOptions,
} from './http/cookies.js';
export { getSignedCookie, type GetSignedCookieOptions } from './http/get-signed-cookie.js';
export { HttpResponseBase, isHttpResponse, type ResourceCloser, type ResponseInit } from './http/response-base.js';
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
} from './http/response.js';
export {
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  HttpResponseRedirectBase,
  MAX_URL_REDIRECT_LENGTH,
  type RedirectInit,
} from './http/redirect.js';
export { JsonResponse, djangoJsonReplacer, type JsonReplacer, type JsonResponseInit } from './http/json-response.js';
export {
  StreamingHttpResponse,
  type NodeReadableLike,
  type StreamingBody,
  type StreamingChunk,
  type StreamingContent,
} from './http/streaming-response.js';
export {
  EventStreamResponse,
  lastEventId,
  type EventSourceLike,
  type EventStreamInit,
  type EventStreamItem,
  type ServerSentEvent,
} from './http/event-stream-response.js';
export {
  ProblemDetailsResponse,
  type ProblemDetails,
  type ProblemDetailsInit,
  type WrittenProblemDetails,
} from './http/problem-details-response.js';
export { FileResponse, type FileResponseInit, type FileSource } from './http/file-response.js';
export { sendResponse, type SendableResponse } from './express/send.js';
export { view } from './express/view.js';
export { requestSignal } from './express/request-signal.js';
export type { AnyViewHandler, ViewDecorator, ViewHandler, ViewMiddleware, ViewResult } from './views/types.js';
export {
  httpErrorHandler,
  statusOfError,
  type ErrorViewHandler,
  type HttpErrorHandlerOptions,
} from './express/error-handler.js';
export { contentDispositionHeader } from './http/content-disposition.js';
export * from './views/index.js';
export {
  addNeverCacheHeaders,
  getConditionalResponse,
  getMaxAge,
  hasVaryHeader,
  patchCacheControl,
  patchResponseHeaders,
  patchVaryHeaders,
  type CacheControlOptions,
  type PatchableResponse,
  type Validators,
} from './utils/cache.js';
export * from './shortcuts.js';
export * from './middleware/index.js';
export * from './fetch.js';
export * from './utils/http.js';

// Django's django.core.paginator and django.views.generic (list, detail, edit).
export * from './paginator/index.js';
export * from './views/generic/index.js';

// Sessions: Django's django.contrib.sessions (SessionMiddleware, SessionBase and its engines).
export * from './sessions/index.js';
export {
  SessionMiddleware,
  findSession,
  getSession,
  sessionMiddleware,
  type OpenSession,
  type SessionMiddlewareOptions,
  type SessionRequest,
} from './middleware/session.js';

// Django's django.urls: path(), rePath(), include(), urlpatterns(), reverse(), resolve().
export * from './urls/index.js';

// Django's signing, password hashers (django.contrib.auth) and messages (django.contrib.messages).
export {
  Signer,
  TimestampSigner,
  constantTimeCompare,
  getCookieSigner,
  jsonSerializer,
  saltedHmac,
  signingDumps,
  signingLoads,
  type SignObjectOptions,
  type SignerOptions,
  type SigningAlgorithm,
  type SigningDumpsOptions,
  type SigningLoadsOptions,
  type SigningSerializer,
} from './http/django-signer.js';
export * from './auth/index.js';
export * as messages from './messages/index.js';
export {
  MessageMiddleware,
  messagesMiddleware,
  type MessageStorageClass,
  type MessagesMiddlewareOptions,
} from './middleware/messages.js';
export * from './messages/storage/index.js';

// Express apps as they are: cookie values and lifetimes, files under a root, negotiation.
export { MAX_COOKIE_AGE, type CookieValue } from './http/cookies.js';
export { type Dotfiles } from './http/file-response.js';
export type { ErrorHandlers } from './express/error-statuses.js';
export {
  NotAcceptable,
  formatView,
  getPreferredType,
  type FormatHandler,
  type FormatResult,
  type Formats,
} from './views/format-view.js';
export type { RouteViewHandler } from './views/types.js';
