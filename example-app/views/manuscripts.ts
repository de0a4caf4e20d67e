/** The manuscript download: a class-based view answering with a `FileResponse` (ranges, conditional GET). */
import { join } from 'node:path';
import type { Request } from 'express';
import { FileResponse, Http404, View } from '../../lib/index.js';
import type { ConferenceStore } from '../db.js';
import { ensureManuscript } from '../manuscript-pdf.js';
import { submissionOr404 } from '../site.js';

/**
 * `GET /chair/submissions/:id/manuscript/`: the PDF as an attachment. A submission without a
 * manuscript is a 404, as a missing one is; other methods get 405 from `View`.
 */
export class ManuscriptDownloadView extends View {
  /** Where the submissions are. */
  store: ConferenceStore | null = null;
  /** Where the files are (Django's `MEDIA_ROOT`). */
  mediaRoot = '';

  override get(req: Request): FileResponse {
    const store = this.store as ConferenceStore;
    const submission = submissionOr404(store, req.params.id);
    if (submission.manuscript === null) throw new Http404(`Submission #${submission.id} has no manuscript yet.`);
    const path = ensureManuscript(join(this.mediaRoot, submission.manuscript), {
      id: submission.id,
      conference: store.conference().shortName,
      title: submission.title,
      authors: submission.authors.map((author) => author.fullNameLatin),
      abstract: submission.abstract,
    });
    return new FileResponse(path, { asAttachment: true, filename: `submission-${submission.id}.pdf` });
  }
}
