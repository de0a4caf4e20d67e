/** `httpErrorHandler()`: Django's exception-to-response mapping as Express error middleware. */
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import statuses from 'statuses';
import { ProblemDetailsResponse, type ProblemDetails } from '../http/problem-details-response.js';
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';
import { HttpResponse } from '../http/response.js';
import { patchVaryHeaders } from '../utils/cache.js';
import { prefersJson } from '../utils/negotiate.js';
import { sendResponse } from './send.js';
import {
  applyErrorHeaders,
  errorHandlerTable,
  exposedMessage,
  handlerFor,
  type ErrorHandlers,
  type ErrorViewHandler,
} from './error-statuses.js';

export type { ErrorHandlers, ErrorViewHandler } from './error-statuses.js';

/** Options of {@link httpErrorHandler}. */
export interface HttpErrorHandlerOptions {
  /**
   * Show the error's message and stack on 500 pages, and the message (`detail`) and stack in
   * JSON problems (Django's `DEBUG = True`). Never in production. @defaultValue false
   */
  debug?: boolean;
  /** Answers 404s (`Http404`). @defaultValue Django's "Not Found" page, or a JSON problem to a client that prefers JSON */
  handler404?: ErrorViewHandler;
  /** Answers 403s (`PermissionDenied`). @defaultValue Django's "403 Forbidden" page, or a JSON problem */
  handler403?: ErrorViewHandler;
  /** Answers 400s (`BadRequest`, `SuspiciousOperation`, `DisallowedRedirect`). @defaultValue Django's "Bad Request (400)" page, or a JSON problem */
  handler400?: ErrorViewHandler;
  /** Answers everything else: 500. @defaultValue Django's "Server Error (500)" page, or a JSON problem */
  handler500?: ErrorViewHandler;
  /**
   * A view per status, for any 4xx or 5xx (`http-errors`' and body-parser's included):
   * `{ 401: loginPage, 413: (req, res, err) => ..., 429: slowDown }`. With `handler400` …
   * `handler500`, each status once. A 5xx without its own view gets `handler500`.
   * @defaultValue none: Django's page for the status (its reason phrase), or a JSON problem
   */
  handlers?: ErrorHandlers;
  /**
   * Reports server errors (status 500 and up).
   * @defaultValue `console.error`, except when the app's `env` setting is `'test'`
   */
  log?: (err: unknown, req: Request) => void;
}

/** Django's default error page (`django/views/defaults.py`), HTML-escaped. */
function errorPage(title: string, details = ''): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${escapeHtml(title)}</title>\n</head>\n<body>\n  <h1>${escapeHtml(title)}</h1><p>${escapeHtml(details)}</p>\n</body>\n</html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The status an error maps to: its `status`/`statusCode` when that is a 4xx or 5xx code
 * (this package's errors, `http-errors`, body-parser), else 500.
 */
export function statusOfError(err: unknown): number {
  const candidate =
    typeof err === 'object' && err !== null
      ? ((err as { status?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode)
      : undefined;
  return typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 400 && candidate <= 599
    ? candidate
    : 500;
}

/**
 * The RFC 9457 problem for `status`: `type` `about:blank` and the reason phrase as `title`;
 * with `debug`, the error's message as `detail` and its `stack`.
 */
function defaultProblem(status: number, err: unknown, debug: boolean): ProblemDetailsResponse {
  const problem: ProblemDetails = { status, title: statuses.message[status] ?? 'Error' };
  const exposed = exposedMessage(err);
  if (exposed !== undefined) problem.detail = exposed;
  if (debug) {
    if (err instanceof Error) {
      problem.detail = `${err.name}: ${err.message}`;
      if (err.stack !== undefined) problem.stack = err.stack.split('\n');
    } else {
      problem.detail = String(err);
    }
  }
  return new ProblemDetailsResponse(problem);
}

/**
 * The default answer for `status`: a JSON problem to a client that prefers JSON (`Accept`),
 * else Django's page. Either way `Vary: Accept`, since the answer depends on it.
 */
function defaultResponse(req: Request, status: number, err: unknown, debug: boolean): HttpResponseBase {
  const response = prefersJson(req) ? defaultProblem(status, err, debug) : defaultPage(status, err, debug);
  applyErrorHeaders(response, err);
  return patchVaryHeaders(response, ['Accept']);
}

function defaultPage(status: number, err: unknown, debug: boolean): HttpResponse {
  // An error that marks its message safe (http-errors' expose) shows it, as http-errors means.
  const exposed = exposedMessage(err);
  let body: string;
  if (status === 404) body = errorPage('Not Found', exposed ?? 'The requested resource was not found on this server.');
  else if (status === 403) body = errorPage('403 Forbidden', exposed);
  else if (status === 400) body = errorPage('Bad Request (400)', exposed);
  else if (status === 500) {
    const details = debug && err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : (exposed ?? '');
    body = errorPage('Server Error (500)', details);
  } else body = errorPage(`${status} ${statuses.message[status] ?? 'Error'}`, exposed);
  return new HttpResponse(body, { status });
}

/**
 * Express error middleware that answers as Django does: `Http404` → 404,
 * `PermissionDenied` → 403, `BadRequest` and `SuspiciousOperation` → 400, anything
 * else → 500 "Server Error (500)" without the error's message or stack (unless `debug`).
 * A client that prefers JSON (`Accept: application/json` or `application/problem+json`,
 * ranked by `req.accepts`) gets an RFC 9457 {@link ProblemDetailsResponse} instead, with
 * `status` and `title` (the reason phrase) only; a browser still gets the HTML page.
 * `handler404`, `handler403`, `handler400` and `handler500` replace the default pages.
 * Once headers are sent it hands the error on to Express, which closes the connection.
 *
 * @example
 * ```ts
 * app.use(httpErrorHandler({ handler404: (req) => render(req, '404', {}, { status: 404 }) }));
 * ```
 */
export function httpErrorHandler(options: HttpErrorHandlerOptions = {}): ErrorRequestHandler {
  const { debug = false } = options;
  const handlers = errorHandlerTable(options.handlers, options);
  const log =
    options.log ??
    ((err: unknown, req: Request) => {
      if (req.app?.get('env') !== 'test') console.error(err);
    });

  // Four named parameters: Express recognises error middleware by arity.
  return function httpErrorHandlerMiddleware(err: unknown, req: Request, res: Response, next: NextFunction): void {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = statusOfError(err);
    if (status >= 500) log(err, req);
    const handler = handlerFor(handlers, status);
    const fallback = (): void => {
      sendResponse(res, defaultResponse(req, status, err, debug)).catch(next);
    };
    if (handler === undefined) {
      fallback();
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res, err))
      .then(
        (response) => {
          if (isHttpResponse(response)) applyErrorHeaders(response, err);
          return sendResponse(res, response);
        },
        (handlerError: unknown) => {
          log(handlerError, req);
          fallback();
        },
      )
      .catch(next);
  };
}
