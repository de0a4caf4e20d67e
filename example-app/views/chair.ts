/** The public home page and the chair's pages (dccnsys's `chair/views`), rendered with nunjucks. */
import type { Request } from 'express';
import { z } from 'zod';
import {
  ListView,
  UpdateView,
  messages,
  reverse,
  type HttpResponse,
  type Page,
  type PaginationSource,
  type SchemaForm,
} from '../../lib/index.js';
import { countriesOf, type Submission } from '../db.js';
import { STATUSES, type SubmissionStatus } from '../seed-data.js';
import { page, pageContext, siteOf, submissionOr404 } from '../site.js';
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

/** A `?q=…&status=…&page=…` query string, without the empty ones and without `page=1`. */
function listUrl(q: string, status: SubmissionStatus | undefined, number: number): string {
  return `/chair/${queryString({ q, status, page: number === 1 ? undefined : number })}`;
}

/** A submission as the chair's list shows it: with its authors' countries. */
export type ListedSubmission = Submission & { countries: string };

/**
 * The chair's list (a `ListView`): search, status filter and pages of {@link ITEMS_PER_PAGE}
 * (`?page=3`, `?page=last`). The source runs one `count(*)` and one `LIMIT … OFFSET` query per
 * page; a page that is not a number, or past the last one, is Django's 404.
 */
export class SubmissionListView extends ListView<ListedSubmission> {
  override templateName = 'chair/submissions.njk';
  override paginateBy = ITEMS_PER_PAGE;

  /** The search words, trimmed. */
  get q(): string {
    return typeof this.request.query.q === 'string' ? this.request.query.q.trim() : '';
  }

  /** The status filter, if it names one. */
  get status(): SubmissionStatus | undefined {
    return parseStatus(this.request.query.status);
  }

  override getQueryset(): PaginationSource<ListedSubmission> {
    const { store } = siteOf(this.request);
    const filter = { q: this.q, status: this.status };
    return {
      count: () => store.countSubmissions(filter),
      slice: (start, end) =>
        store
          .submissions({ ...filter, offset: start, limit: end - start })
          .map((submission) => ({ ...submission, countries: countriesOf(submission) })),
    };
  }

  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const context = await super.getContextData(kwargs);
    const page = context.page_obj as Page<ListedSubmission>;
    const { q, status } = this;
    return {
      ...pageContext(this.request),
      ...context,
      q,
      status: status ?? '',
      statuses: STATUSES,
      pageLinks: [...page.paginator.getElidedPageRange(page.number, { onEachSide: 2, onEnds: 1 })].map((number) =>
        typeof number === 'number' ? { number, url: listUrl(q, status, number) } : { number, url: null },
      ),
      previousUrl: page.hasPrevious() ? listUrl(q, status, page.previousPageNumber()) : null,
      nextUrl: page.hasNext() ? listUrl(q, status, page.nextPageNumber()) : null,
    };
  }
}

/** One submission: its authors, manuscript and the decision buttons. A missing one is a 404. */
export function submissionDetail(req: Request): Promise<HttpResponse> {
  const { store } = siteOf(req);
  const submission = submissionOr404(store, req.params.id);
  return page(req, 'chair/submission.njk', { submission, statuses: STATUSES });
}

/** The chair's decision form: one of the statuses, with Django's `ChoiceField` message otherwise. */
export const decisionForm = z.object({
  status: z.enum(STATUSES, {
    error: (issue) =>
      `Select a valid choice. ${typeof issue.input === 'string' ? issue.input : ''} is not one of the available choices.`,
  }),
});

/**
 * The chair's decision (an `UpdateView` on {@link decisionForm}), posted from the detail page: a
 * valid one is recorded and redirects back to it (post/redirect/get); an invalid one shows the
 * page again with the form's errors (200), as Django's `UpdateView`.
 */
export class SubmissionDecisionView extends UpdateView<Submission, typeof decisionForm> {
  override templateName = 'chair/submission.njk';
  override formClass = decisionForm;
  override contextObjectName = 'submission';

  override getSuccessUrl(): Promise<string> {
    return Promise.resolve(reverse('submission', { args: [(this.object as Submission).id] }));
  }

  override getObject(): Promise<Submission> {
    return Promise.resolve(submissionOr404(siteOf(this.request).store, this.params.id));
  }

  override saveObject(form: SchemaForm<typeof decisionForm>): Promise<Submission> {
    const submission = this.object as Submission;
    siteOf(this.request).store.setStatus(submission.id, form.cleanedData.status);
    announceDecision(this.request);
    messages.success(this.request, 'Decision recorded');
    return Promise.resolve({ ...submission, status: form.cleanedData.status });
  }

  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return { ...pageContext(this.request), statuses: STATUSES, ...(await super.getContextData(kwargs)) };
  }
}
