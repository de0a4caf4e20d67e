/**
 * The example app: a conference management site (after dccnsys) whose every view returns a
 * response object. `createApp()` builds it on a SQLite file (created and seeded when missing);
 * `server.ts` listens; the tests build their own on a temporary file.
 *
 * This file is the site's settings, `MIDDLEWARE` and URLconf.
 */
import { dirname, join } from 'node:path';
import express from 'express';
import nunjucks from 'nunjucks';
import Keyv from 'keyv';
import {
  DatabaseSessionStore,
  authenticationMiddleware,
  cacheControl,
  cachePage,
  csrfViewMiddleware,
  httpErrorHandler,
  messagesMiddleware,
  neverCache,
  notFound,
  path,
  requireGET,
  requirePOST,
  requireSafe,
  urlpatterns,
  sessionMiddleware,
  view,
  varyOnCookie,
  viewMiddleware,
} from '../lib/index.js';
import { SecurityHeadersMiddleware, chairRequired } from './auth.js';
import { ConferenceStore } from './db.js';
import type { Site, SiteSettings } from './site.js';
import { submissionIndex, submissionItem } from './views/api.js';
import { LockedOutView, LoginView, logout } from './views/accounts.js';
import { authorAutocomplete } from './views/autocomplete.js';
import { SubmissionDecisionView, SubmissionListView, home, submissionDetail } from './views/chair.js';
import { submissionCounts } from './views/live.js';
import { pageNotFound } from './views/errors.js';
import { authorsCsv, submissionsCsv } from './views/exports.js';
import { ManuscriptDownloadView } from './views/manuscripts.js';
import { PROGRAMME_CACHE_SECONDS, programme } from './views/programme.js';
import { djangoProxy } from './strangler/proxy.js';

/** Where `npm start` keeps its data (git-ignored). */
export const DEFAULT_DB_PATH = join(__dirname, 'data', 'conference.sqlite3');

/** Options of {@link createApp}. */
export interface CreateAppOptions extends Partial<SiteSettings> {
  /** The SQLite file; created and seeded when missing. @defaultValue `example-app/data/conference.sqlite3` */
  dbPath?: string;
  /** An open store instead of `dbPath` (the caller closes it). */
  store?: ConferenceStore;
  /**
   * Django's `SECRET_KEY`: signs the sessions' data and auth hashes and the messages cookie,
   * the same key as the Django site's when one shares the database.
   * @defaultValue `SECRET_KEY` from the environment, else a dev-only key
   */
  secret?: string;
  /** The Express to build on (the tests pass Express 4 too). @defaultValue Express 5 */
  express?: typeof express;
  /**
   * The Django site that still serves what is not migrated (`npm run start:strangler`):
   * every path this app does not serve is forwarded there, and Django's accounts pages
   * replace this app's own. @defaultValue none: this app serves everything
   */
  djangoUpstream?: string;
}

/** The Express app, with its store in `app.locals.site`. */
export function createApp(options: CreateAppOptions = {}): express.Express {
  const dbPath = options.dbPath ?? DEFAULT_DB_PATH;
  const store = options.store ?? new ConferenceStore(dbPath);
  const settings: SiteSettings = {
    // Manuscripts live beside the database (Django's MEDIA_ROOT).
    mediaRoot: options.mediaRoot ?? (store.path === ':memory:' ? join(__dirname, 'data') : dirname(store.path)),
    failureLimit: options.failureLimit ?? 3,
    coolOffSeconds: options.coolOffSeconds ?? 30 * 60,
    lockoutUrl: options.lockoutUrl,
    now: options.now ?? (() => new Date()),
    passwordHashers: options.passwordHashers,
  };
  const site: Site = { store, settings };

  const app = (options.express ?? express)();
  app.locals.site = site;
  const templates = nunjucks.configure(join(__dirname, 'templates'), { autoescape: true, express: app });
  templates.addFilter('statusLabel', (status: string) => status.replace('_', ' '));
  app.set('view engine', 'njk');
  app.set('views', join(__dirname, 'templates'));

  // The strangler façade: what is not migrated goes to Django before anything here reads it.
  if (options.djangoUpstream !== undefined) app.use(djangoProxy(options.djangoUpstream));
  app.use('/static', express.static(join(__dirname, 'static'), { fallthrough: false }));
  app.use(express.urlencoded({ extended: false }));
  // MIDDLEWARE, in Django's order: SessionMiddleware, CsrfViewMiddleware (every unsafe request
  // below, plain handlers too), AuthenticationMiddleware, MessageMiddleware. Sessions live in
  // Django's django_session table of the same file, logins are Django's auth_user rows.
  const secretKey = options.secret ?? process.env.SECRET_KEY ?? 'dev-only-secret: set SECRET_KEY in production';
  const sessions = new DatabaseSessionStore({
    query: (sql, params) => {
      const statement = store.db.prepare(sql);
      return statement.reader ? statement.all(...params) : statement.run(...params);
    },
  });
  app.use(sessionMiddleware({ secretKey, store: sessions }));
  app.use(csrfViewMiddleware());
  app.use(
    authenticationMiddleware({
      getUser: (id) => store.userById(id),
      // Django's update_last_login, its receiver of the user_logged_in signal.
      userLoggedIn: (_req, user) => store.touchLastLogin(user.id, settings.now()),
    }),
  );
  app.use(messagesMiddleware());
  // Around every view below, outermost first.
  app.use(viewMiddleware(SecurityHeadersMiddleware.asMiddleware()));

  // ROOT_URLCONF: every page by name; templates link with url('name', ...) and views redirect by
  // name, so no URL is written twice.
  // Django's @cache_page(60) @vary_on_cookie: one copy for every visitor without a cookie, one
  // per session otherwise. The store is this app's own (a Keyv in memory); several processes
  // would share one with `new Keyv(new KeyvRedis(url))`.
  const pageCache = new Keyv();
  const noCache = cacheControl({ noCache: true });
  app.use(
    urlpatterns([
      path('', view(home), { name: 'home' }),
      path('events/submissions', view(submissionCounts), { name: 'submission-counts' }),
      path(
        'programme/',
        view(programme, requireSafe, cachePage(PROGRAMME_CACHE_SECONDS, { cache: pageCache }), varyOnCookie),
        { name: 'programme' },
      ),
      path('accounts/login/', view(LoginView.asHandler(), neverCache), { name: 'login' }),
      path('accounts/logout/', view(logout, requirePOST), { name: 'logout' }),
      path('accounts/locked/', view(LockedOutView.asHandler(), requireGET), { name: 'lockout' }),
      path('chair/', view(SubmissionListView.asHandler(), chairRequired, requireGET), { name: 'submissions' }),
      path('chair/submissions/<id>/', view(submissionDetail, chairRequired, requireGET), { name: 'submission' }),
      path('chair/submissions/<id>/decision/', view(SubmissionDecisionView.asHandler(), chairRequired, requirePOST), {
        name: 'submission-decision',
      }),
      path(
        'chair/submissions/<id>/manuscript/',
        view(ManuscriptDownloadView.asHandler({ store, mediaRoot: settings.mediaRoot }), chairRequired),
        { name: 'manuscript' },
      ),
      path('chair/export/submissions.csv', view(submissionsCsv, chairRequired, requireGET), {
        name: 'export-submissions',
      }),
      path('chair/export/authors.csv', view(authorsCsv, chairRequired, requireSafe), { name: 'export-authors' }),
      path('chair/authors/autocomplete/', view(authorAutocomplete, chairRequired, requireGET), {
        name: 'author-autocomplete',
      }),
      path('api/submissions/', view(submissionIndex, noCache, requireGET), { name: 'api-submissions' }),
      path('api/submissions/<id>/', view(submissionItem, noCache, requireGET), { name: 'api-submission' }),
    ]),
  );

  // No pattern matched: Django's resolver raises Http404, and handler404 answers it.
  app.use(notFound());
  app.use(httpErrorHandler({ handler404: pageNotFound }));
  return app;
}
