/**
 * The JSON API: the programme (accepted papers) for everyone, every submission for the chair.
 * `Cache-Control: no-cache` on every answer (as django-angular's `json_response`), `Http404`
 * for a missing submission, 400 for a bad query, 405 from `requireGET`.
 */
import type { Request } from 'express';
import { Http404, JsonResponse } from '../../lib/index.js';
import type { Submission } from '../db.js';
import { STATUSES } from '../seed-data.js';
import { NO_SUBMISSION, parseId, siteOf, userOf } from '../site.js';
import { parseStatus } from './chair.js';

/** The most a page of the list may hold. */
export const MAX_LIMIT = 100;

function bad(message: string): JsonResponse {
  return new JsonResponse({ error: message }, { status: 400 });
}

function serialize(submission: Submission, chair: boolean): Record<string, unknown> {
  return {
    id: submission.id,
    url: `/api/submissions/${submission.id}/`,
    title: submission.title,
    status: submission.status,
    language: submission.language,
    createdAt: submission.createdAt,
    authors: submission.authors.map((author) => ({
      id: author.id,
      name: author.fullName,
      nameLatin: author.fullNameLatin,
      affiliation: author.affiliation,
      country: author.country,
      // Addresses are for the chair only.
      ...(chair ? { email: author.email } : {}),
    })),
    ...(chair ? { abstract: submission.abstract, hasManuscript: submission.manuscript !== null } : {}),
  };
}

function integer(value: unknown, name: string, min: number, max: number): number | string {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    return `${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)}).`;
  }
  return Number(value);
}

/** `GET /api/submissions/?q=&status=&offset=&limit=`: a page of submissions, with `next`/`previous` links. */
export function submissionIndex(req: Request): JsonResponse {
  const { store } = siteOf(req);
  const chair = userOf(req)?.isChair === true;
  const { q, status: statusParam, offset: offsetParam = '0', limit: limitParam = '10' } = req.query;
  if (q !== undefined && typeof q !== 'string') return bad('q must be given once.');
  const offset = integer(offsetParam, 'offset', 0, 1e9);
  if (typeof offset === 'string') return bad(offset);
  const limit = integer(limitParam, 'limit', 1, MAX_LIMIT);
  if (typeof limit === 'string') return bad(limit);
  const status = statusParam === undefined ? undefined : parseStatus(statusParam);
  if (statusParam !== undefined && status === undefined) {
    return bad(`status must be one of ${STATUSES.join(', ')} (got ${JSON.stringify(statusParam)}).`);
  }
  // Anonymous visitors see the programme: accepted papers only.
  if (!chair && status !== undefined && status !== 'accepted') {
    return bad('Only the chair can list submissions that are not accepted; sign in first.');
  }
  const filter = { ...(q ? { q } : {}), status: chair ? status : 'accepted' } as const;
  const count = store.countSubmissions(filter);
  const results = store.submissions({ ...filter, offset, limit }).map((submission) => serialize(submission, chair));
  const link = (at: number): string => {
    const search = new URLSearchParams();
    if (q) search.set('q', q);
    if (status) search.set('status', status);
    search.set('offset', String(at));
    search.set('limit', String(limit));
    return `/api/submissions/?${search.toString()}`;
  };
  return new JsonResponse({
    count,
    next: offset + limit < count ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results,
  });
}

/** `GET /api/submissions/:id/`: one submission; 400 for an id that is not a number, 404 for a missing one. */
export function submissionItem(req: Request): JsonResponse {
  const { store } = siteOf(req);
  const chair = userOf(req)?.isChair === true;
  const id = parseId(req.params.id);
  if (id === undefined)
    return bad(`The submission id must be a positive integer (got ${JSON.stringify(req.params.id)}).`);
  const submission = store.submission(id);
  if (submission === undefined || (!chair && submission.status !== 'accepted')) {
    throw new Http404(NO_SUBMISSION);
  }
  return new JsonResponse(serialize(submission, chair));
}
