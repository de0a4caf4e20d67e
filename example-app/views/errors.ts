/** The app's own error pages (Django's `handler404`), given to `httpErrorHandler()`. */
import type { Request, Response } from 'express';
import { Http404, JsonResponse, type HttpResponse } from '../../lib/index.js';
import { page } from '../site.js';

/** The message of an `Http404` a view threw (a URL no route matches throws one without). */
function messageOf(err: unknown): string {
  return err instanceof Http404 ? err.message : '';
}

/** 404 for an unknown URL or a thrown `Http404`: JSON under `/api/`, the site's page elsewhere. */
export function pageNotFound(req: Request, _res: Response, err: unknown): JsonResponse | Promise<HttpResponse> {
  if (req.path.startsWith('/api/')) {
    const response = new JsonResponse({ error: messageOf(err) || 'Not found.' }, { status: 404 });
    response.set('Cache-Control', 'no-cache');
    return response;
  }
  return page(req, '404.njk', { message: messageOf(err) }, { status: 404 });
}
