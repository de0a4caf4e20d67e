/** The public home page and the chair's pages (dccnsys's `chair/views`), rendered with nunjucks. */
import type { Request } from 'express';
import { BadRequest, Http404, redirect, type HttpResponse } from '../../lib/index.js';
import { countriesOf } from '../db.js';
import { STATUSES, type SubmissionStatus } from '../seed-data.js';
import { page, parseId, siteOf, submissionOr404 } from '../site.js';
import { announceDecision } from './live.js';

/** Submissions per page of the chair's list (dccnsys's `ITEMS_PER_PAGE`). */
export const ITEMS_PER_PAGE = 10;

/** A status from a query string or form, or `undefined` when it names none. */
export function parseStatus(value: unknown): SubmissionStatus | undefined {
  return STATUSES.find((status) => status === value);
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The home page: the conference, its numbers, the accepted papers. */
export function home(req: Request): Promise<HttpResponse> {
  const { store } = siteOf(req);
  const counts = store.statusCounts();
  return page(req, 'home.njk', {
    counts,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
    accepted: store.submissions({ status: 'accepted' }),
  });
}

/** The chair's list: search, status filter and pages of {@link ITEMS_PER_PAGE}, as Django's `Paginator`. */
export function submissionList(req: Request): Promise<HttpResponse> {
  const { store } = siteOf(req);
  const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
  const status = parseStatus(req.query.status);
  const count = store.countSubmissions({ q, status });
  const pages = Math.max(1, Math.ceil(count / ITEMS_PER_PAGE));
  const pageNumber = req.query.page === undefined ? 1 : parseId(req.query.page);
  // Django's ListView answers a page past the end, or not a number, with 404.
  if (pageNumber === undefined || pageNumber > pages)
    throw new Http404(`Invalid page (${typeof req.query.page === 'string' ? req.query.page : '?'}).`);
  const submissions = store.submissions({
    q,
    status,
    offset: (pageNumber - 1) * ITEMS_PER_PAGE,
    limit: ITEMS_PER_PAGE,
  });
  const link = (number: number): string =>
    `/chair/${queryString({ q, status, page: number === 1 ? undefined : number })}`;
  return page(req, 'chair/submissions.njk', {
    q,
    status: status ?? '',
    statuses: STATUSES,
    count,
    page: pageNumber,
    pages,
    submissions: submissions.map((submission) => ({
      ...submission,
      countries: countriesOf(submission),
    })),
    previousUrl: pageNumber > 1 ? link(pageNumber - 1) : null,
    nextUrl: pageNumber < pages ? link(pageNumber + 1) : null,
  });
}

/** One submission: its authors, manuscript and the decision buttons. A missing one is a 404. */
export function submissionDetail(req: Request): Promise<HttpResponse> {
  const { store } = siteOf(req);
  const submission = submissionOr404(store, req.params.id);
  return page(req, 'chair/submission.njk', { submission, statuses: STATUSES });
}

/** The chair's decision, posted from the detail page; then back to it (post/redirect/get). */
export function submissionDecision(req: Request): HttpResponse | ReturnType<typeof redirect> {
  const { store } = siteOf(req);
  const submission = submissionOr404(store, req.params.id);
  const status = parseStatus((req.body as Record<string, unknown> | undefined)?.status);
  if (status === undefined) throw new BadRequest(`Unknown decision; choose one of ${STATUSES.join(', ')}.`);
  store.setStatus(submission.id, status);
  announceDecision(req);
  return redirect(`/chair/submissions/${submission.id}/`);
}
