/**
 * Writing your own decorator with `makeDecorator`, as healthchecks'
 * `authorize` and `cors`: a typed field added to `req`, a typed response, over HTTP on
 * Express 4 and 5. tsc checks this file (the typecheck includes __tests__): the
 * `@ts-expect-error` lines fail the typecheck if the types stop catching those mistakes.
 */
import type { Request } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseForbidden,
  JsonResponse,
  makeDecorator,
  patchResult,
  patchVaryHeaders,
  requireGET,
  view,
  type CustomDecorator,
  type NextView,
} from '../../../lib/index.js';
import { RequestFactory } from '../../../lib/testing/index.js';
import { expressVersions } from '../../helpers/apps.js';

interface Project {
  code: string;
  checks: string[];
}
const projects = new Map<string, Project>([['key-1', { code: 'p1', checks: ['backup', 'cron'] }]]);

/** healthchecks' `authorize`: the project of the request's API key on `req.project`, or 401. */
const authorize = makeDecorator<{ project: Project }>('authorize', (next) => async (req, res) => {
  const project = projects.get(req.get('X-Api-Key') ?? '');
  if (project === undefined) return new HttpResponse('Wrong API key', { status: 401 });
  const response = await next(Object.assign(req, { project }), res);
  return patchResult(response, (r) => patchVaryHeaders(r, ['X-Api-Key']));
});

/** healthchecks' `cors`: the CORS headers on whatever the view returned. */
const cors = makeDecorator('cors', (next) => async (req, res) => {
  const response = await next(req, res);
  return patchResult(response, (r) => {
    if (r instanceof HttpResponse) r.set('Access-Control-Allow-Origin', '*');
    else r.headers.set('Access-Control-Allow-Origin', '*');
  });
});

// The view reads req.project typed, and the route's params stay typed.
const listChecks = authorize((req) => new JsonResponse({ project: req.project.code, checks: req.project.checks }));
const oneCheck = authorize((req: Request<{ name: string }> & { project: Project }) =>
  req.project.checks.includes(req.params.name)
    ? new JsonResponse({ name: req.params.name })
    : new HttpResponseForbidden(),
);

describe.each(expressVersions)('makeDecorator on %s', (_label, createApp) => {
  const app = createApp();
  app.get('/api/v1/checks/', view(listChecks, cors, requireGET));
  app.get('/api/v1/checks/:name', cors(oneCheck)); // without view(): answers too
  app.get('/web', view(cors(async () => Response.json({ web: true }))));

  it('adds a typed field to req for the view, and answers without calling it when it refuses', async () => {
    const ok = await request(app).get('/api/v1/checks/').set('X-Api-Key', 'key-1').expect(200);
    expect(ok.body).toEqual({ project: 'p1', checks: ['backup', 'cron'] });
    expect(ok.headers['vary']).toBe('X-Api-Key');
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const refused = await request(app).get('/api/v1/checks/').set('X-Api-Key', 'nope').expect(401);
    expect(refused.text).toBe('Wrong API key');
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('works with route params, mounted without view()', async () => {
    const found = await request(app).get('/api/v1/checks/cron').set('X-Api-Key', 'key-1').expect(200);
    expect(found.body).toEqual({ name: 'cron' });
    await request(app).get('/api/v1/checks/other').set('X-Api-Key', 'key-1').expect(403);
  });

  it('patches a web Response through patchResult', async () => {
    const response = await request(app).get('/web').expect(200);
    expect(response.body).toEqual({ web: true });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('makeDecorator types', () => {
  it('keeps the view callable as a view, with the typed response', async () => {
    const req = new RequestFactory({ headers: { 'X-Api-Key': 'key-1' } }).get('/api/v1/checks/');
    const response = await listChecks(req, req.res);
    expect(response).toBeInstanceOf(JsonResponse);
  });

  it('catches the mistakes at compile time', () => {
    const typed: CustomDecorator<{ project: Project }> = authorize;
    // @ts-expect-error -- cors adds no project to req
    cors((req) => new HttpResponse(String(req.project)));
    // @ts-expect-error -- a view returns a response, not a string
    typed(() => 'not a response');
    const wrap = (next: NextView<{ project: Project }>) => next;
    // @ts-expect-error -- next needs req to carry the project
    makeDecorator<{ project: Project }>('x', (next) => (req, res) => wrap(next)(req, res));
    expect(typeof typed).toBe('function');
  });
});
