/**
 * The exceptions of Django's `django.http` and `django.core.exceptions` that a view
 * may throw. Each HTTP error carries `status` and `statusCode`, so Express's default
 * error handler, `http-errors` users and {@link httpErrorHandler} answer with the right code.
 *
 * @packageDocumentation
 */

/** Brand that recognises these errors across copies of the package (ESM and CJS). */
export const HTTP_ERROR_BRAND = Symbol.for('express-httpresponse.HttpError');

/** Options accepted by every error constructor here. */
export interface HttpErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * Base of the errors that map to an HTTP status. Not thrown itself; throw one of the
 * subclasses.
 */
export abstract class HttpError extends Error {
  /** The status a subclass answers with; read by the constructor. */
  static readonly status: number = 500;

  /** The HTTP status this error maps to (Express and `http-errors` read it). */
  readonly status: number;

  /** `true` for client errors: their message is safe to show (as in `http-errors`). */
  readonly expose: boolean;

  constructor(message?: string, options?: HttpErrorOptions) {
    super(message ?? '', options);
    const status = new.target.status;
    this.status = status;
    this.expose = status < 500;
  }

  /** Same as {@link HttpError.status}, for code that reads `statusCode`. */
  get statusCode(): number {
    return this.status;
  }

  /** @internal */
  declare readonly [HTTP_ERROR_BRAND]: true;
}
Object.defineProperty(HttpError.prototype, HTTP_ERROR_BRAND, { value: true });

/** Raised by a view when the requested object does not exist: 404 Not Found. */
export class Http404 extends HttpError {
  static override readonly status: number = 404;
  /** `'Http404'`: the class name, kept in minified builds. */
  override readonly name: string = 'Http404';
}

/** The user may not do this: 403 Forbidden. */
export class PermissionDenied extends HttpError {
  static override readonly status: number = 403;
  /** `'PermissionDenied'`: the class name, kept in minified builds. */
  override readonly name: string = 'PermissionDenied';
}

/** The request is malformed: 400 Bad Request. */
export class BadRequest extends HttpError {
  static override readonly status: number = 400;
  /** `'BadRequest'`: the class name, kept in minified builds. */
  override readonly name: string = 'BadRequest';
}

/** The request looks like an attack or a misuse: 400 Bad Request, logged as a security event. */
export class SuspiciousOperation extends HttpError {
  static override readonly status: number = 400;
  /** `'SuspiciousOperation'`: the class name, kept in minified builds. */
  override readonly name: string = 'SuspiciousOperation';
}

/**
 * A redirect to a URL with a scheme outside `http`, `https` and `ftp`, or longer than
 * the allowed length. A {@link SuspiciousOperation}: 400 Bad Request.
 */
export class DisallowedRedirect extends SuspiciousOperation {
  /** `'DisallowedRedirect'`: the class name, kept in minified builds. */
  override readonly name: string = 'DisallowedRedirect';
}

/**
 * A header name or value that cannot be sent: a newline (header injection), another
 * control character, or a name that is not an HTTP token. Thrown where the header is set.
 */
export class BadHeaderError extends Error {
  /** `'BadHeaderError'`: the class name, kept in minified builds. */
  override readonly name: string = 'BadHeaderError';
}

/** A signed cookie whose signature does not verify (Django's `signing.BadSignature`). */
export class BadSignature extends Error {
  /** `'BadSignature'`: the class name, kept in minified builds. */
  override readonly name: string = 'BadSignature';
}

/** A signed cookie older than the `maxAge` it was read with (Django's `signing.SignatureExpired`). */
export class SignatureExpired extends BadSignature {
  /** `'SignatureExpired'`: the class name, kept in minified builds. */
  override readonly name: string = 'SignatureExpired';
}

/** Whether `value` is one of this package's HTTP errors, from any copy of the package. */
export function isHttpError(value: unknown): value is HttpError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HTTP_ERROR_BRAND] === true;
}
