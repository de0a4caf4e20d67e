/**
 * Django's tests/urlpatterns_reverse/middleware.py. Django's `request.urlconf` (a URLconf for
 * one request) is, on Express, a middleware handing the request to another URLconf; the
 * response middleware reverse with the `url()` of the request (`res.locals.url`), which
 * reverses in the URLconf that answered it.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  HttpResponse,
  MiddlewareMixin,
  StreamingHttpResponse,
  type TemplateUrl,
  type UrlPatterns,
  notFound,
  urlpatterns,
} from '../../../lib/index.js';
import * as urlconfInner from './urlconf-inner.js';

/** `request.urlconf = urlconf` for every request: `urlconf` answers, or 404; `null` leaves the app's URLconf to answer. */
function setUrlconf(urlconf: UrlPatterns | null): RequestHandler {
  return function urlconfMiddleware(req: Request, res: Response, next: NextFunction): void {
    if (urlconf === null) {
      next();
      return;
    }
    urlconf(req, res, (err?: unknown) => {
      if (err !== undefined) next(err);
      else notFound()(req, res, next);
    });
  };
}

/**
 * Django's `ChangeURLconfMiddleware`: `request.urlconf = urlconf_inner`. Its URLconf answers
 * at the root of the app without Express mounting it there: it declares its prefix.
 */
export const changeURLconfMiddleware = setUrlconf(urlpatterns(urlconfInner.urlpatterns, { prefix: '/' }));

/** Django's `NullChangeURLconfMiddleware`: `request.urlconf = None`. */
export const nullChangeURLconfMiddleware = setUrlconf(null);

function urlOf(req: Request): TemplateUrl {
  return req.res!.locals.url as TemplateUrl;
}

/** Django's `ReverseInnerInResponseMiddleware`: `HttpResponse(reverse('inner'))`. */
export class ReverseInnerInResponseMiddleware extends MiddlewareMixin {
  override processResponse(req: Request): HttpResponse {
    return new HttpResponse(urlOf(req)('inner'));
  }
}

/** Django's `ReverseOuterInResponseMiddleware`: `HttpResponse(reverse('outer'))`. */
export class ReverseOuterInResponseMiddleware extends MiddlewareMixin {
  override processResponse(req: Request): HttpResponse {
    return new HttpResponse(urlOf(req)('outer'));
  }
}

/** Django's `ReverseInnerInStreaming`: a streaming response whose one chunk is `reverse('inner')`. */
export class ReverseInnerInStreaming extends MiddlewareMixin {
  override processView(req: Request): StreamingHttpResponse {
    return new StreamingHttpResponse(
      (function* stream() {
        yield urlOf(req)('inner');
      })(),
    );
  }
}

/** Django's `ReverseOuterInStreaming`: a streaming response whose one chunk is `reverse('outer')`. */
export class ReverseOuterInStreaming extends MiddlewareMixin {
  override processView(req: Request): StreamingHttpResponse {
    return new StreamingHttpResponse(
      (function* stream() {
        yield urlOf(req)('outer');
      })(),
    );
  }
}
