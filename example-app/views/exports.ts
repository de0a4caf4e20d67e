/**
 * The chair's CSV exports, as dccnsys's `get_submissions_csv` and `get_authors_csv`: attachments
 * with a timestamped file name, written with csv-stringify.
 *
 * - Submissions: an `HttpResponse` written through as a file (Django's `csv.writer(response)`).
 *   Its name starts with the conference's short name, which is not ASCII ("DCCN Zürich 2026").
 * - Authors: a `StreamingHttpResponse` pulled straight from a SQLite cursor (`iterate()`), so the
 *   export is never held in memory whole.
 */
import { Readable } from 'node:stream';
import { pipeline as pipelineStreams } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { stringify } from 'csv-stringify';
import { HttpResponse, StreamingHttpResponse, contentDispositionHeader } from '../../lib/index.js';
import { AUTHORS_CSV_SQL, AUTHOR_CSV_COLUMNS, countriesOf } from '../db.js';
import { siteOf } from '../site.js';

/** The columns of the submissions export (dccnsys's, without the Russian-name ones). */
export const SUBMISSION_CSV_COLUMNS = [
  '#',
  'ID',
  'TITLE',
  'AUTHORS',
  'COUNTRY',
  'CORR_AUTHOR',
  'CORR_EMAIL',
  'LANGUAGE',
  'STATUS',
  'LINK',
] as const;

/** `YYYYMMDD_HHMM` in the server's time zone, as dccnsys's `datetime.now().strftime("%Y%m%d_%H%M")`. */
export function timestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}_${two(date.getHours())}${two(date.getMinutes())}`;
}

/** Submissions, one row each, with an absolute link to the manuscript when there is one. */
export async function submissionsCsv(req: Request): Promise<HttpResponse> {
  const { store, settings } = siteOf(req);
  const conference = store.conference();
  const response = new HttpResponse('', { contentType: 'text/csv; charset=utf-8' });
  // Set by hand, as Django code does: the library sends a non-ASCII name as RFC 6266's filename*.
  const name = `${conference.shortName.replace(/\s+/g, '-')}-submissions-${timestamp(settings.now())}.csv`;
  response.set('Content-Disposition', `attachment; filename="${name}"`);

  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const rows = store.submissions().map((submission, index) => {
    const owner = submission.correspondingAuthor;
    return {
      '#': index + 1,
      ID: submission.id,
      TITLE: submission.title,
      AUTHORS: submission.authors.map((author) => author.fullName).join(', '),
      COUNTRY: countriesOf(submission),
      CORR_AUTHOR: owner?.fullName ?? '',
      CORR_EMAIL: owner?.email ?? '',
      LANGUAGE: submission.language,
      STATUS: submission.status,
      LINK: submission.manuscript ? `${origin}/chair/submissions/${submission.id}/manuscript/` : '',
    };
  });
  // The response as a Writable: csv-stringify pipes into it as it would into a file.
  await pipeline(
    Readable.from(rows),
    stringify({ header: true, columns: [...SUBMISSION_CSV_COLUMNS] }),
    response.asWritable(),
  );
  return response;
}

/** Authors, streamed from a cursor over a read-only connection that closes with the response. */
export function authorsCsv(req: Request): StreamingHttpResponse {
  const { store, settings } = siteOf(req);
  function* cursor(): Generator<unknown> {
    // Opened on the first read, closed when the cursor ends, fails, or the response is closed
    // early (the client went away): StreamingHttpResponse destroys the stream, which returns
    // this generator, which runs `finally`.
    const reader = store.openReader();
    try {
      yield* reader.db.prepare(AUTHORS_CSV_SQL).iterate();
    } finally {
      reader.release();
    }
  }
  const csv = pipelineStreams(
    Readable.from(cursor()),
    stringify({ header: true, columns: [...AUTHOR_CSV_COLUMNS] }),
    // Errors reach the response through the stream; a client that left early is not one.
    () => {},
  );
  const response = new StreamingHttpResponse(csv, { contentType: 'text/csv; charset=utf-8' });
  response.set('Content-Disposition', contentDispositionHeader(true, `authors-${timestamp(settings.now())}.csv`) ?? '');
  return response;
}
