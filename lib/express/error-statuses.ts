/**
 * What `httpErrorHandler()` reads off an error beyond its status: the view that answers that
 * status, the message an error marks safe to show (`expose`, as `http-errors` sets it), and the
 * headers it asks for (`http-errors`' `headers`, as Express's final handler sends them).
 */
import type { Request, Response } from 'express';
import { HTTP_ERROR_BRAND } from '../http/errors.js';
import { describe } from '../http/describe.js';
import type { HttpResponseBase } from '../http/response-base.js';
import type { ViewResult } from '../views/types.js';

/** A view that answers an error (Django's `handler404(request, exception)` and friends). */
export type ErrorViewHandler = (req: Request, res: Response, err: unknown) => ViewResult | Promise<ViewResult>;

/** The views of {@link httpErrorHandler} by status: any 4xx or 5xx code. */
export type ErrorHandlers = Readonly<Record<number, ErrorViewHandler>>;

/** Django's four handlers, as `httpErrorHandler()` options. */
export interface DjangoErrorHandlers {
  handler400?: ErrorViewHandler | undefined;
  handler403?: ErrorViewHandler | undefined;
  handler404?: ErrorViewHandler | undefined;
  handler500?: ErrorViewHandler | undefined;
}

const DJANGO_HANDLERS = [400, 403, 404, 500] as const;

/**
 * One table of the views by status, from `handlers` and Django's `handler400` … `handler500`.
 *
 * @throws TypeError for a status outside 400-599, a view that is not a function, or a status
 *   given both ways (`handlers[404]` and `handler404`).
 */
export function errorHandlerTable(
  handlers: ErrorHandlers | undefined,
  django: DjangoErrorHandlers,
): Map<number, ErrorViewHandler> {
  const table = new Map<number, ErrorViewHandler>();
  if (handlers !== undefined && (typeof handlers !== 'object' || handlers === null || Array.isArray(handlers))) {
    throw new TypeError(
      `httpErrorHandler() option handlers maps statuses to views, e.g. { 401: (req) => ..., 413: (req) => ... } (got ${describe(handlers)}).`,
    );
  }
  for (const [key, handler] of Object.entries(handlers ?? {})) {
    const status = Number(key);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(
        `httpErrorHandler() option handlers takes 4xx and 5xx statuses as keys (got ${JSON.stringify(key)}).`,
      );
    }
    table.set(status, checkView(`handlers[${status}]`, handler));
  }
  for (const status of DJANGO_HANDLERS) {
    const handler = django[`handler${status}`];
    if (handler === undefined) continue;
    if (table.has(status)) {
      throw new TypeError(
        `httpErrorHandler() got a view for ${status} twice, as handler${status} and as handlers[${status}]; pass it once.`,
      );
    }
    table.set(status, checkView(`handler${status}`, handler));
  }
  return table;
}

function checkView(name: string, handler: unknown): ErrorViewHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(
      `httpErrorHandler() option ${name} must be a view, (req, res, err) => response (got ${describe(handler)}).`,
    );
  }
  return handler as ErrorViewHandler;
}

/**
 * The view for `status`: its own, else `handler500` for any 5xx (Django's `handler500`
 * answers every server error), else none.
 */
export function handlerFor(table: ReadonlyMap<number, ErrorViewHandler>, status: number): ErrorViewHandler | undefined {
  return table.get(status) ?? (status >= 500 ? table.get(500) : undefined);
}

/**
 * The message of an error that marks it safe for the client, as `http-errors` does with
 * `expose` (true for its 4xx errors: body-parser's "request entity too large", a
 * `createError(401, 'Sign in first')`); else `undefined`. This package's own Django errors
 * (`Http404`, `PermissionDenied` …) keep Django's pages, which never show the message.
 */
export function exposedMessage(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  if ((err as { [HTTP_ERROR_BRAND]?: unknown })[HTTP_ERROR_BRAND] === true) return undefined;
  const { expose, message } = err as { expose?: unknown; message?: unknown };
  return expose === true && typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Put the headers an `http-errors` error asks for (`createError(401, { headers: {
 * 'WWW-Authenticate': 'Basic' } })`, `Retry-After` on a 429) on `response`, as Express's final
 * handler does, without replacing a header the response already has.
 */
export function applyErrorHeaders(response: HttpResponseBase, err: unknown): void {
  const headers = typeof err === 'object' && err !== null ? (err as { headers?: unknown }).headers : undefined;
  if (typeof headers !== 'object' || headers === null) return;
  for (const [name, value] of Object.entries(headers)) {
    if ((typeof value === 'string' || typeof value === 'number') && !response.has(name)) response.set(name, value);
  }
}
