/**
 * The CSRF scenarios: a form POST and a script POST (the `X-CSRFToken` header) through
 * `csrfViewMiddleware()`, beside the same route with no check and behind `csrf-csrf`'s
 * `doubleCsrfProtection` (see README.md for why csrf-csrf), and the cost of reading the form
 * token from the stream (the middleware before the body parser) rather than from `req.body`.
 */
import { createHmac } from 'node:crypto';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import express from 'express';
import { csrfViewMiddleware } from '../lib/index.js';
import type { Route, Scenario } from './scenarios.js';

/** A secret and a token of it (Django's test vectors), sent by every request. */
const SECRET = 'lcccccccX2kcccccccY2jcccccccssIC';
const TOKEN = '2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf';

/** csrf-csrf set up as its README shows, stateless: one secret, one identifier for every visitor. */
const LIB_SECRET = 'bench-csrf-csrf-secret';
const LIB_COOKIE = 'x-csrf-token';
const { doubleCsrfProtection } = doubleCsrf({
  getSecret: () => LIB_SECRET,
  getSessionIdentifier: () => 'bench',
  cookieName: LIB_COOKIE,
  getCsrfTokenFromRequest: (req) =>
    (req.body as Record<string, string> | undefined)?._csrf ?? req.headers['x-csrf-token'],
});
/** The token csrf-csrf's generateCsrfToken would give, for a fixed random value. */
const RANDOM = 'ab'.repeat(32);
const LIB_TOKEN = `${createHmac('sha256', LIB_SECRET)
  .update(['bench'.length, 'bench', RANDOM.length, RANDOM].join('!'))
  .digest('hex')}.${RANDOM}`;

/** The form every form route gets: a few fields and the token, as a browser posts them. */
const form = (field: string, token: string) =>
  `title=Keynote&speaker=Ada+Lovelace&abstract=${'x'.repeat(400)}&${field}=${encodeURIComponent(token)}`;
const FORM = 'application/x-www-form-urlencoded';

const route = (name: string, path: string, request: NonNullable<Route['request']>): Route => ({
  name,
  server: 'express',
  path,
  request,
});
const ours = {
  form: {
    method: 'POST',
    headers: { cookie: `csrftoken=${SECRET}`, 'content-type': FORM },
    body: form('csrfmiddlewaretoken', TOKEN),
  },
  header: { method: 'POST', headers: { cookie: `csrftoken=${SECRET}`, 'x-csrftoken': TOKEN } },
};
const lib = {
  form: {
    method: 'POST',
    headers: { cookie: `${LIB_COOKIE}=${LIB_TOKEN}`, 'content-type': FORM },
    body: form('_csrf', LIB_TOKEN),
  },
  header: { method: 'POST', headers: { cookie: `${LIB_COOKIE}=${LIB_TOKEN}`, 'x-csrf-token': LIB_TOKEN } },
};
const none = {
  form: { method: 'POST', headers: { 'content-type': FORM }, body: form('csrfmiddlewaretoken', TOKEN) },
  header: { method: 'POST', headers: {} },
};

const scenario = (id: string, label: string, short: string, baseline: Route, adapter: Route): Scenario => ({
  id,
  label,
  short,
  kind: 'requests',
  baseline,
  adapter,
  target: 0.8,
  status: 200,
  sameHeaders: ['content-type', 'content-length'],
  sameBody: true,
});

/** The CSRF pairs, for SCENARIOS. */
export const CSRF_SCENARIOS: Scenario[] = [
  scenario(
    'csrf-form',
    'form POST through `csrfViewMiddleware()` vs the same route with no check',
    'CSRF form POST vs no check',
    route('no check', '/csrf/none', none.form),
    route('csrfViewMiddleware', '/csrf/ours', ours.form),
  ),
  scenario(
    'csrf-header',
    '`X-CSRFToken` POST through `csrfViewMiddleware()` vs the same route with no check',
    'CSRF header POST vs no check',
    route('no check', '/csrf/none', none.header),
    route('csrfViewMiddleware', '/csrf/ours', ours.header),
  ),
  scenario(
    'csrf-lib-form',
    'form POST through `csrfViewMiddleware()` vs `csrf-csrf`',
    'CSRF form POST vs csrf-csrf',
    route('csrf-csrf', '/csrf/csrf-csrf', lib.form),
    route('csrfViewMiddleware', '/csrf/ours', ours.form),
  ),
  scenario(
    'csrf-lib-header',
    'header POST through `csrfViewMiddleware()` vs `csrf-csrf`',
    'CSRF header POST vs csrf-csrf',
    route('csrf-csrf', '/csrf/csrf-csrf', lib.header),
    route('csrfViewMiddleware', '/csrf/ours', ours.header),
  ),
  scenario(
    'csrf-unparsed',
    '`csrfViewMiddleware()` before the body parser (reads and puts back the body) vs after it (reads `req.body`)',
    'CSRF before the parser vs after',
    route('after express.urlencoded', '/csrf/ours', ours.form),
    route('before express.urlencoded', '/csrf/ours-first', ours.form),
  ),
];

/** The routes of CSRF_SCENARIOS, each answering `ok` to an accepted POST. */
export function mountCsrfRoutes(app: express.Express): void {
  const ok: express.RequestHandler = (_req, res) => void res.type('text').send('ok');
  const urlencoded = express.urlencoded({ extended: false });
  app.post('/csrf/none', urlencoded, ok);
  app.post('/csrf/ours', urlencoded, csrfViewMiddleware(), ok);
  app.post('/csrf/ours-first', csrfViewMiddleware(), urlencoded, ok);
  app.post('/csrf/csrf-csrf', cookieParser(), urlencoded, doubleCsrfProtection, ok);
}
