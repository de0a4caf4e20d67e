/**
 * Express's `next` for views: `view()` gives a view that takes a third parameter the route's
 * `next` (one that notes it was called), and keeps it per request here, so that the view still
 * gets it when decorators in between call it as `next(req, res)`. One map per process
 * (`Symbol.for` on `globalThis`), so the ESM and CommonJS copies of the package share it.
 */
import type { NextFunction } from 'express';
import type { AnyViewHandler } from './types.js';
import { processWide } from '../utils/process-wide.js';

const nextOfRequest = processWide('viewNext', () => new WeakMap<object, NextFunction>());

/** Keep `next` as the `next` of the view `view()` runs for `req`. */
export function setViewNext(req: object, next: NextFunction): void {
  nextOfRequest.set(req, next);
}

/** The `next` `view()` gave the view it runs for `req`, if it gave one. */
export function viewNextOf(req: object): NextFunction | undefined {
  return nextOfRequest.get(req);
}

/**
 * `view`, called with the request's `next` as its third argument when its caller gave none (a
 * decorator calls the view it wraps as `next(req, res)`).
 */
export function withViewNext(view: AnyViewHandler): AnyViewHandler {
  const withNext = function viewWithNext(this: unknown, req: object, res: unknown, next?: NextFunction) {
    return (view as (this: unknown, ...args: unknown[]) => ReturnType<AnyViewHandler>).call(
      this,
      req,
      res,
      next ?? nextOfRequest.get(req),
    );
  };
  // The view's own name, for messages and processView (Django's functools.wraps).
  Object.defineProperty(withNext, 'name', { value: view.name, configurable: true });
  return withNext as AnyViewHandler;
}
