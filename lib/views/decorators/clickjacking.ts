/**
 * Django's `django/views/decorators/clickjacking.py`: `xframe_options_deny`,
 * `xframe_options_sameorigin` and `xframe_options_exempt`, with the semantics of Django's
 * `XFrameOptionsMiddleware`, whose place in Express is taken by middleware such as helmet's
 * `frameguard`, which sets `X-Frame-Options` on `res` before the view runs.
 */
import type { Response as ExpressResponse } from 'express';
import type { ViewDecorator, ViewResult } from '../types.js';
import { decorator, labelDecorator, patchResult } from './wrap.js';

/** Set `X-Frame-Options: value` on the view's response unless the view set one (Django's decorators). */
function xFrameOptions(value: 'DENY' | 'SAMEORIGIN', label: string): ViewDecorator {
  return labelDecorator(
    decorator(
      label,
      (next) => async (req, res) =>
        patchResult(await next(req, res), (response) => {
          const headers: Pick<Headers, 'has' | 'set'> = response.headers;
          if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', value);
        }),
    ),
    label,
  );
}

/**
 * Django's `xframe_options_deny`: the response carries `X-Frame-Options: DENY` (no page may
 * frame it) unless the view set the header itself. It wins over a site-wide value that
 * middleware such as helmet's `frameguard` put on `res`, as Django's decorator wins over
 * `XFrameOptionsMiddleware`.
 *
 * @example
 * ```ts
 * app.get('/account/', view(account, xFrameOptionsDeny));
 * ```
 */
export const xFrameOptionsDeny: ViewDecorator = xFrameOptions('DENY', 'xFrameOptionsDeny');

/**
 * Django's `xframe_options_sameorigin`: the response carries `X-Frame-Options: SAMEORIGIN`
 * (only pages of the same origin may frame it) unless the view set the header itself; it wins
 * over a site-wide value set by middleware.
 *
 * @example
 * ```ts
 * app.get('/preview/', view(preview, xFrameOptionsSameOrigin));
 * ```
 */
export const xFrameOptionsSameOrigin: ViewDecorator = xFrameOptions('SAMEORIGIN', 'xFrameOptionsSameOrigin');

/** Remove what middleware put on `res`, unless the head is already out (the view wrote `res`). */
function dropMiddlewareHeader(res: ExpressResponse): void {
  if (!res.headersSent) res.removeHeader('X-Frame-Options');
}

/**
 * Django's `xframe_options_exempt`: the response goes out without the `X-Frame-Options` that
 * site-wide middleware (helmet's `frameguard`, or any `res.setHeader('X-Frame-Options', …)`
 * before the view) put on `res`, so the page may be framed, as Django's
 * `XFrameOptionsMiddleware` leaves an exempt response alone. A header the view (or a decorator
 * inside this one) set on its own response stays, as in Django.
 *
 * @example
 * ```ts
 * app.use(helmet());
 * app.get('/embed/', view(embed, xFrameOptionsExempt));
 * ```
 */
export const xFrameOptionsExempt: ViewDecorator = labelDecorator(
  decorator('xFrameOptionsExempt', (next) => async (req, res) => {
    const result: ViewResult | void = await next(req, res);
    dropMiddlewareHeader(res);
    return result;
  }),
  'xFrameOptionsExempt',
);
