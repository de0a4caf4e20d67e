/**
 * django-extensions's `foreignkey_autocomplete`, for authors: plain text, one `name|pk` line per
 * match for `?q=`, the bare name for `?object_pk=`, and 404 when asked nothing.
 */
import type { Request } from 'express';
import { HttpResponse, HttpResponseNotFound } from '../../lib/index.js';
import { parseId, siteOf } from '../site.js';

/** The most lines an answer holds (django-extensions's `FOREIGNKEY_AUTOCOMPLETE_LIMIT`). */
export const AUTOCOMPLETE_LIMIT = 10;

/** `GET /chair/authors/autocomplete/?q=` or `?object_pk=`. */
export function authorAutocomplete(req: Request): HttpResponse {
  const { store } = siteOf(req);
  const { q, object_pk: objectPk } = req.query;
  if (typeof q === 'string' && q.trim() !== '') {
    const data = store
      .searchAuthors(q, AUTOCOMPLETE_LIMIT)
      .map((author) => `${author.fullName}|${author.id}\n`)
      .join('');
    return new HttpResponse(data, { contentType: 'text/plain; charset=utf-8' });
  }
  if (typeof objectPk === 'string') {
    const id = parseId(objectPk);
    const author = id === undefined ? undefined : store.author(id);
    return new HttpResponse(author?.fullName ?? '', { contentType: 'text/plain; charset=utf-8' });
  }
  return new HttpResponseNotFound();
}
