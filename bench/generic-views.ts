/**
 * The `list-view` scenario: a `ListView` page of 25 rows from a 100,000-row SQLite table
 * (better-sqlite3, one `count(*)` and one `LIMIT … OFFSET` query), beside the same page written
 * by hand in Express (the same two queries, `res.render` of the same template).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type express from 'express';
import nunjucks from 'nunjucks';
import { ListView, type PaginationSource } from '../lib/index.js';
import type { Scenario } from './scenarios.js';

const ROWS = 100_000;
const PER_PAGE = 25;
/** A page in the middle of the table. */
const PAGE = 2_000;

interface Row {
  id: number;
  title: string;
  status: string;
}

function openTable(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE submission (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO submission (title, status) VALUES (?, ?)');
  const statuses = ['submitted', 'under_review', 'accepted', 'rejected'];
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i += 1) insert.run(`Submission ${i}`, statuses[i % statuses.length]);
  })();
  return db;
}

/** Mount both routes of the scenario, with nunjucks as the app's view engine for them. */
export function mountGenericViews(app: express.Express): void {
  const db = openTable();
  const count = db.prepare('SELECT count(*) AS n FROM submission').pluck();
  const slice = db.prepare('SELECT id, title, status FROM submission ORDER BY id LIMIT ? OFFSET ?');
  nunjucks.configure(join(__dirname, 'templates'), { express: app, autoescape: true });

  app.get('/list-view/handwritten', (req, res) => {
    const number = Number(req.query.page ?? 1);
    const total = count.get() as number;
    const rows = slice.all(PER_PAGE, (number - 1) * PER_PAGE) as Row[];
    res.render('list-view.njk', {
      object_list: rows,
      page_obj: { number },
      paginator: { numPages: Math.ceil(total / PER_PAGE), count: total },
    });
  });

  class SubmissionList extends ListView<Row> {
    override templateName = 'list-view.njk';
    override paginateBy = PER_PAGE;
    override queryset: PaginationSource<Row> = {
      count: () => count.get() as number,
      slice: (start, end) => slice.all(end - start, start) as Row[],
    };
  }
  app.get('/list-view/adapter', SubmissionList.asView());
}

/** The scenario, registered in scenarios.ts. */
export const LIST_VIEW_SCENARIO: Scenario = {
  id: 'list-view',
  label: `\`ListView\` page of ${PER_PAGE} rows from a ${ROWS.toLocaleString('en')}-row SQLite table vs the same page by hand`,
  short: 'ListView page (SQLite, 100k rows)',
  kind: 'requests',
  baseline: { name: 'count + LIMIT + res.render', server: 'express', path: `/list-view/handwritten?page=${PAGE}` },
  adapter: { name: 'ListView (paginateBy 25)', server: 'express', path: `/list-view/adapter?page=${PAGE}` },
  target: 0.8,
  status: 200,
  sameHeaders: ['content-type', 'content-length', 'etag'],
  sameBody: true,
};
