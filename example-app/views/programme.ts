/** The public programme: the accepted papers, kept a minute by `cachePage` (Django's `@cache_page(60)`). */
import type { Request } from 'express';
import type { HttpResponse } from '../../lib/index.js';
import { page, siteOf } from '../site.js';

/** How long the programme page is kept, in seconds. */
export const PROGRAMME_CACHE_SECONDS = 60;

/** `GET /programme/`: every accepted paper with its authors. */
export function programme(req: Request): Promise<HttpResponse> {
  const { store } = siteOf(req);
  return page(req, 'programme.njk', {
    accepted: store.submissions({ status: 'accepted' }),
    cacheSeconds: PROGRAMME_CACHE_SECONDS,
  });
}
