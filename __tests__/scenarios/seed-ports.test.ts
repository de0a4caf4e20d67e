/**
 * The five Django projects of the django.http HttpResponse examples page
 * (https://www.fullstackpython.com/django-http-httpresponse-examples.html: AuditLog, dccnsys,
 * django-angular, django-axes, django-extensions), ported line
 * by line as a Django user would port them, and run over real HTTP on Express 4 and 5.
 * Each Django line is quoted above its port.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse as parseDisposition } from 'content-disposition';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import express, { type Request } from 'express';
import request from 'supertest';
import {
  Http404,
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseForbidden,
  HttpResponseNotFound,
  HttpResponseRedirect,
  JsonResponse,
  MiddlewareMixin,
  StreamingHttpResponse,
  View,
  djangoJsonReplacer,
  getObjectOr404,
  httpErrorHandler,
  isHttpResponse,
  render,
  requireGET,
  view,
  viewMiddleware,
} from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';

// ---------------------------------------------------------------------------------------
// Example 1: AuditLog — src/auditlog_tests/tests.py, MiddlewareTest
// ---------------------------------------------------------------------------------------

/** Django's `pre_save` signal, as far as the tests look at it. */
const preSave = {
  listeners: new Set<string>(),
  hasListeners(): boolean {
    return this.listeners.size > 0;
  },
};
interface AuditRequest {
  user?: { isAuthenticated: boolean; username?: string };
}

class AuditlogMiddleware extends MiddlewareMixin {
  override processRequest(req: Request): undefined {
    // if hasattr(request, 'user') and request.user.is_authenticated: pre_save.connect(...)
    if ((req as AuditRequest).user?.isAuthenticated) preSave.listeners.add('auditlog');
    return undefined;
  }
  override processResponse(_req: Request, response: HttpResponse): HttpResponse {
    preSave.listeners.delete('auditlog');
    return response;
  }
  override processException(): undefined {
    preSave.listeners.delete('auditlog');
    return undefined;
  }
}

describe('AuditLog: MiddlewareTest, hook by hook', () => {
  // def setUp(self): self.middleware = AuditlogMiddleware(); self.factory = RequestFactory()
  let middleware: AuditlogMiddleware;
  let factory: RequestFactory;
  const user = { isAuthenticated: true, username: 'test' };
  beforeEach(() => {
    middleware = new AuditlogMiddleware();
    factory = new RequestFactory();
    preSave.listeners.clear();
  });

  it('test_request_anonymous', () => {
    // request = self.factory.get('/'); request.user = AnonymousUser()
    const req = factory.get('/') as Request & AuditRequest;
    req.user = { isAuthenticated: false };
    middleware.processRequest(req);
    expect(preSave.hasListeners()).toBe(false);
    middleware.processException();
  });

  it('test_request', () => {
    const req = factory.get('/') as Request & AuditRequest;
    req.user = user;
    middleware.processRequest(req);
    expect(preSave.hasListeners()).toBe(true);
    middleware.processException();
  });

  it('test_response', () => {
    const req = factory.get('/') as Request & AuditRequest;
    req.user = user;
    middleware.processRequest(req);
    expect(preSave.hasListeners()).toBe(true);
    // self.middleware.process_response(request, HttpResponse())
    middleware.processResponse(req, new HttpResponse());
    expect(preSave.hasListeners()).toBe(false);
  });

  it('test_exception', () => {
    const req = factory.get('/') as Request & AuditRequest;
    req.user = user;
    middleware.processRequest(req);
    expect(preSave.hasListeners()).toBe(true);
    middleware.processException();
    expect(preSave.hasListeners()).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// Example 2: dccnsys — wwwdccn/chair/views, CSV EXPORTS
// ---------------------------------------------------------------------------------------

interface Profile {
  fullName: string;
  fullNameRus: string;
  country: string;
  city: string;
  affiliation: string;
  degree: string;
  role: string;
}
interface User {
  pk: number;
  email: string;
  profile: Profile;
}
interface Submission {
  pk: number;
  title: string;
  authors: User[];
  createdBy: User | null;
  reviewManuscript: boolean;
  language: string;
}
const ada: User = {
  pk: 1,
  email: 'ada@example.org',
  profile: {
    fullName: 'Ada Lovelace',
    fullNameRus: 'Ада Лавлейс',
    country: 'United Kingdom',
    city: 'London',
    affiliation: 'Analytical Engines, "Ltd"',
    degree: 'PhD',
    role: 'Researcher',
  },
};
const wei: User = {
  pk: 2,
  email: 'wei@example.cn',
  profile: {
    fullName: '张伟',
    fullNameRus: 'Чжан Вэй',
    country: 'China',
    city: 'Beijing',
    affiliation: 'Tsinghua',
    degree: 'MSc',
    role: 'Student',
  },
};
const conferences = new Map([
  [
    1,
    {
      pk: 1,
      submissions: [
        {
          pk: 10,
          title: 'Queues, with commas, and "quotes"',
          authors: [ada, wei],
          createdBy: ada,
          reviewManuscript: true,
          language: 'English',
        },
        {
          pk: 11,
          title: 'Многоканальные системы',
          authors: [wei],
          createdBy: null,
          reviewManuscript: false,
          language: '',
        },
      ] as Submission[],
    },
  ],
]);

/** datetime.now().strftime("%Y%m%d_%H%M") */
function strftimeStamp(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}`;
}

/** Python's csv.writer: `\r\n` after each row, fields quoted only when they need it. */
const csvWriterOptions = { record_delimiter: '\r\n' } as const;

const SUBMISSIONS_HEADER = ['#', 'ID', 'TITLE', 'AUTHORS', 'COUNTRY', 'CORR_AUTHOR', 'CORR_EMAIL', 'LANGUAGE', 'LINK'];

function submissionRows(req: Request, submissions: Submission[]): unknown[][] {
  const rows: unknown[][] = [];
  let number = 1;
  for (const sub of submissions) {
    const authors = sub.authors.map((pr) => pr.profile.fullName).join(', ');
    const countries = [...new Set(sub.authors.map((p) => p.profile.country))].join(', ');
    const owner = sub.createdBy;
    const corrAuthor = owner ? owner.profile.fullName : '';
    const corrEmail = owner ? owner.email : '';
    // request.build_absolute_uri(reverse('submissions:download-manuscript', args=[sub.pk]))
    const link = sub.reviewManuscript ? `${req.protocol}://${req.get('host')}/submissions/${sub.pk}/manuscript/` : '';
    const stype = sub.language;
    rows.push([number, sub.pk, sub.title, authors, countries, corrAuthor, corrEmail, stype, link]);
    number += 1;
  }
  return rows;
}

/** @chair_required @require_GET def get_submissions_csv(request, pk) */
const getSubmissionsCsv = requireGET(async (req: Request) => {
  // conference = get_object_or_404(Conference, pk=pk)
  const conference = getObjectOr404(conferences.get(Number(req.params['pk'])));
  const submissions = [...conference.submissions].sort((a, b) => a.pk - b.pk);

  // # Create the HttpResponse object with the appropriate CSV header.
  // response = HttpResponse(content_type='text/csv')
  const response = new HttpResponse(undefined, { contentType: 'text/csv' });
  // timestamp = datetime.now().strftime("%Y%m%d_%H%M")
  const timestamp = strftimeStamp();
  // response['Content-Disposition'] = f'attachment; filename="submissions-{timestamp}.csv"'
  response.set('Content-Disposition', `attachment; filename="submissions-${timestamp}.csv"`);

  // writer = csv.writer(response)
  const writer = stringify(csvWriterOptions);
  const written = pipeline(writer, response.asWritable());
  // writer.writerow([...header...])
  writer.write(SUBMISSIONS_HEADER);
  // for sub in submissions: ... writer.writerow(row)
  for (const row of submissionRows(req, submissions)) writer.write(row);
  writer.end();
  await written;

  // return response
  return response;
});

function authorRows(): unknown[][] {
  const rows: unknown[][] = [
    ['#', 'ID', 'FULL_NAME', 'FULL_NAME_RUS', 'DEGREE', 'COUNTRY', 'CITY', 'AFFILIATION', 'ROLE', 'EMAIL'],
  ];
  let number = 1;
  for (const user of [ada, wei]) {
    const prof = user.profile;
    rows.push([
      number,
      user.pk,
      prof.fullName,
      prof.fullNameRus,
      prof.degree,
      prof.country,
      prof.city,
      prof.affiliation,
      prof.role,
      user.email,
    ]);
    number += 1;
  }
  return rows;
}

/** def get_authors_csv(request, pk), buffered: the rows piped into the response. */
const getAuthorsCsv = requireGET(async (req: Request) => {
  getObjectOr404(conferences.get(Number(req.params['pk'])));
  const response = new HttpResponse(undefined, { contentType: 'text/csv' });
  const timestamp = strftimeStamp();
  response.set('Content-Disposition', `attachment; filename="authors-${timestamp}.csv"`);
  await pipeline(stringify(authorRows(), csvWriterOptions), response.asWritable());
  return response;
});

/** The same export streamed: the CSV is sent as it is produced. */
const getAuthorsCsvStreamed = requireGET((req: Request) => {
  getObjectOr404(conferences.get(Number(req.params['pk'])));
  const response = new StreamingHttpResponse(stringify(authorRows(), csvWriterOptions), { contentType: 'text/csv' });
  response.set('Content-Disposition', `attachment; filename="authors-${strftimeStamp()}.csv"`);
  return response;
});

/** A variant a user will write: the file named after something with non-ASCII text. */
const getAuthorsCsvNamed = requireGET(async () => {
  const response = new HttpResponse(undefined, { contentType: 'text/csv' });
  response.set('Content-Disposition', 'attachment; filename="авторы-投稿-😀.csv"');
  await pipeline(stringify(authorRows(), csvWriterOptions), response.asWritable());
  return response;
});

// ---------------------------------------------------------------------------------------
// Example 3: django-angular — djng/views/mixins.py, JSONBaseMixin
// ---------------------------------------------------------------------------------------

/** class JSONResponseException(Exception): status_code = 400 */
class JSONResponseException extends Error {
  statusCode = 400;
  constructor(message?: string, status?: number) {
    super(message);
    if (status !== undefined) this.statusCode = status;
  }
}

class JSONBaseMixin extends View {
  // json_encoder = DjangoJSONEncoder
  jsonEncoder = djangoJsonReplacer;
  // json_content_type = 'application/json;charset=UTF-8'
  jsonContentType = 'application/json;charset=UTF-8';

  // def json_response(self, response_data, status=200, **kwargs):
  jsonResponse(responseData: unknown, status = 200, space?: number): HttpResponse {
    // out_data = json.dumps(response_data, cls=self.json_encoder, **kwargs)
    const outData = JSON.stringify(responseData, this.jsonEncoder, space);
    // response = HttpResponse(out_data, self.json_content_type, status=status)
    const response = new HttpResponse(outData, this.jsonContentType, { status });
    // response['Cache-Control'] = 'no-cache'
    response.set('Cache-Control', 'no-cache');
    return response;
  }
}

class AngularView extends JSONBaseMixin {
  override get(req: Request): HttpResponse {
    try {
      if (req.query['fail'] !== undefined)
        throw new JSONResponseException('Bad input', Number(req.query['fail']) || undefined);
      return this.jsonResponse({ greeting: 'hello', at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), big: 2n ** 64n });
    } catch (err) {
      if (err instanceof JSONResponseException) return this.jsonResponse({ error: err.message }, err.statusCode);
      throw err;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Example 4: django-axes — axes/tests/test_utils.py, LockoutResponseTestCase
// ---------------------------------------------------------------------------------------

interface AxesSettings {
  AXES_COOLOFF_TIME?: number;
  AXES_LOCKOUT_TEMPLATE?: string;
  AXES_LOCKOUT_URL?: string;
}
let axesSettings: AxesSettings = {};

/** axes.helpers.get_lockout_response(request) */
async function getLockoutResponse(req: Request & { isAjax?: () => boolean }): Promise<HttpResponse> {
  const context: Record<string, unknown> = { failure_limit: 3, username: '' };
  if (axesSettings.AXES_COOLOFF_TIME !== undefined) context['cooloff_time'] = `PT${axesSettings.AXES_COOLOFF_TIME}H`;
  if (req.isAjax?.()) return new JsonResponse(context, { status: 403 });
  if (axesSettings.AXES_LOCKOUT_TEMPLATE)
    return render(req, axesSettings.AXES_LOCKOUT_TEMPLATE, context, { status: 403 });
  if (axesSettings.AXES_LOCKOUT_URL) return new HttpResponseRedirect(axesSettings.AXES_LOCKOUT_URL);
  let msg = 'Account locked: too many login attempts.';
  if (axesSettings.AXES_COOLOFF_TIME !== undefined) msg += ' Please try again later.';
  else msg += ' Contact an admin to unlock your account.';
  return new HttpResponseForbidden(msg);
}

const templates = mkdtempSync(join(tmpdir(), 'seed-axes-'));
writeFileSync(join(templates, 'example.html'), '');
afterAll(() => rmSync(templates, { recursive: true, force: true }));

describe('django-axes: LockoutResponseTestCase', () => {
  const app = express();
  beforeAll(() => {
    // The template case renders through the app's view engine, as Django's render() does.
    app.engine('html', (_path: string, options: object, callback: (err: null, html: string) => void) =>
      callback(null, `<h1>Locked out</h1><p>${String((options as { failure_limit?: number }).failure_limit)}</p>`),
    );
    app.set('view engine', 'html');
    app.set('views', templates);
  });
  // def setUp(self): self.request = HttpRequest()
  const makeRequest = (): Request & { isAjax?: () => boolean } => {
    const req = new RequestFactory({ app }).get('/') as Request & { isAjax?: () => boolean };
    return req;
  };
  afterEach(() => {
    axesSettings = {};
  });

  it('test_get_lockout_response_cool_off', async () => {
    axesSettings = { AXES_COOLOFF_TIME: 42 };
    const response = await getLockoutResponse(makeRequest());
    expect(response.statusCode).toBe(403);
  });

  it('test_get_lockout_response_lockout_template', async () => {
    axesSettings = { AXES_LOCKOUT_TEMPLATE: 'example.html' };
    const response = await getLockoutResponse(makeRequest());
    expect(response.text).toBe('<h1>Locked out</h1><p>3</p>');
  });

  it('test_get_lockout_response_lockout_url', async () => {
    axesSettings = { AXES_LOCKOUT_URL: 'https://example.com' };
    const response = await getLockoutResponse(makeRequest());
    // self.assertEqual(type(response), HttpResponseRedirect)
    expect(response.constructor).toBe(HttpResponseRedirect);
  });

  it('test_get_lockout_response_lockout_json', async () => {
    const req = makeRequest();
    req.isAjax = () => true;
    const response = await getLockoutResponse(req);
    expect(response.constructor).toBe(JsonResponse);
  });

  it('test_get_lockout_response_lockout_response', async () => {
    const response = await getLockoutResponse(makeRequest());
    // self.assertEqual(type(response), HttpResponse) — a 403 here, so its status class
    expect(response).toBeInstanceOf(HttpResponse);
    expect(response.constructor).toBe(HttpResponseForbidden);
    expect(isHttpResponse(response)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Example 5: django-extensions — django_extensions/admin/__init__.py, foreignkey_autocomplete
// ---------------------------------------------------------------------------------------

interface Row {
  pk: number;
  [field: string]: unknown;
}
const models: Record<string, Record<string, Row[]>> = {
  auth: {
    user: [
      { pk: 1, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org' },
      { pk: 2, first_name: 'Alan', last_name: 'Turing', email: 'alan@example.org' },
      { pk: 3, first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.mil' },
    ],
  },
};

class ForeignKeyAutocompleteAdminMixin {
  relatedStringFunctions: Record<string, (obj: Row) => string> = {};
  autocompleteLimit: number | null = null;

  foreignkeyAutocomplete(req: Request): HttpResponse {
    const query = (req.query['q'] as string | undefined) ?? null;
    const appLabel = (req.query['app_label'] as string | undefined) ?? null;
    const modelName = (req.query['model_name'] as string | undefined) ?? null;
    const searchFields = (req.query['search_fields'] as string | undefined) ?? null;
    const objectPk = (req.query['object_pk'] as string | undefined) ?? null;

    const toStringFunction =
      (modelName !== null ? this.relatedStringFunctions[modelName] : undefined) ??
      ((x: Row) => `${String(x['first_name'])} ${String(x['last_name'])}`);

    if (searchFields && appLabel && modelName && (query || objectPk)) {
      // def construct_search(field_name): ^ istartswith, = iexact, else icontains
      const constructSearch = (fieldName: string): ((row: Row, bit: string) => boolean) => {
        const at = (row: Row, name: string): string => (typeof row[name] === 'string' ? row[name] : '').toLowerCase();
        if (fieldName.startsWith('^')) return (row, bit) => at(row, fieldName.slice(1)).startsWith(bit.toLowerCase());
        if (fieldName.startsWith('=')) return (row, bit) => at(row, fieldName.slice(1)) === bit.toLowerCase();
        return (row, bit) => at(row, fieldName).includes(bit.toLowerCase());
      };
      const model = models[appLabel]?.[modelName];
      if (model === undefined) throw new Http404(`No model ${appLabel}.${modelName}`);
      let queryset = model;
      let data = '';
      if (query) {
        for (const bit of query.split(/\s+/).filter(Boolean)) {
          const orQueries = searchFields.split(',').map(constructSearch);
          queryset = queryset.filter((row) => orQueries.some((matches) => matches(row, bit)));
        }
        if (this.autocompleteLimit) queryset = queryset.slice(0, this.autocompleteLimit);
        // data = ''.join([six.u('%s|%s\n') % (to_string_function(f), f.pk) for f in queryset])
        data = queryset.map((f) => `${toStringFunction(f)}|${f.pk}\n`).join('');
      } else if (objectPk) {
        const obj = queryset.find((row) => String(row.pk) === objectPk);
        if (obj !== undefined) data = toStringFunction(obj);
      }
      // return HttpResponse(data, content_type='text/plain')
      return new HttpResponse(data, { contentType: 'text/plain' });
    }
    // return HttpResponseNotFound()
    return new HttpResponseNotFound();
  }
}

// ---------------------------------------------------------------------------------------
// All five over real HTTP
// ---------------------------------------------------------------------------------------

describe.each(expressVersions)('the seed page over HTTP (%s)', (_label, createApp) => {
  function appWithAll(): ReturnType<typeof createApp> {
    const app = createApp();
    const audited: boolean[] = [];
    app.locals['audited'] = audited;
    app.use((req, _res, next) => {
      (req as AuditRequest).user = { isAuthenticated: req.get('X-User') !== undefined };
      next();
    });
    app.use(viewMiddleware(AuditlogMiddleware.asMiddleware()));
    app.get(
      '/audit',
      view(() => {
        audited.push(preSave.hasListeners());
        return new HttpResponse('ok');
      }),
    );
    app.all('/conference/:pk/submissions.csv', view(getSubmissionsCsv));
    app.get('/conference/:pk/authors.csv', view(getAuthorsCsv));
    app.get('/conference/:pk/authors-streamed.csv', view(getAuthorsCsvStreamed));
    app.get('/conference/:pk/authors-named.csv', view(getAuthorsCsvNamed));
    app.get('/angular', AngularView.asView());
    const admin = new ForeignKeyAutocompleteAdminMixin();
    app.get(
      '/admin/foreignkey_autocomplete/',
      view((req) => admin.foreignkeyAutocomplete(req)),
    );
    app.use(httpErrorHandler());
    return app;
  }
  const app = appWithAll();

  describe('AuditLog', () => {
    it('connects the signal for a logged-in user while the view runs and disconnects it after', async () => {
      const audited = app.locals['audited'] as boolean[];
      await request(app).get('/audit').set('X-User', 'test').expect(200, 'ok');
      await request(app).get('/audit').expect(200, 'ok');
      expect(audited).toEqual([true, false]);
      expect(preSave.hasListeners()).toBe(false);
    });
  });

  describe('dccnsys CSV exports', () => {
    const expectedSubmissions = (host: string): string[][] => [
      SUBMISSIONS_HEADER,
      [
        '1',
        '10',
        'Queues, with commas, and "quotes"',
        'Ada Lovelace, 张伟',
        'United Kingdom, China',
        'Ada Lovelace',
        'ada@example.org',
        'English',
        `http://${host}/submissions/10/manuscript/`,
      ],
      ['2', '11', 'Многоканальные системы', '张伟', 'China', '', '', '', ''],
    ];

    it('get_submissions_csv: csv.writer(response) as a stream piped into the response', async () => {
      const res = await request(app).get('/conference/1/submissions.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="submissions-\d{8}_\d{4}\.csv"$/);
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expect(res.text.endsWith('\r\n')).toBe(true);
      const host = new URL(res.request.url).host;
      expect(parseCsv(res.text)).toEqual(expectedSubmissions(host));
    });

    it('get_submissions_csv: a missing conference is a 404, a POST a 405', async () => {
      await request(app).get('/conference/9/submissions.csv').expect(404);
      const res = await request(app).post('/conference/1/submissions.csv');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    });

    it.each([
      ['buffered through asWritable()', '/conference/1/authors.csv', true],
      ['streamed through StreamingHttpResponse', '/conference/1/authors-streamed.csv', false],
    ])('get_authors_csv %s', async (_how, path, buffered) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="authors-\d{8}_\d{4}\.csv"$/);
      if (buffered) expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      else expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(parseCsv(res.text)).toEqual(authorRows().map((row) => row.map(String)));
    });

    it('sends a hand-set non-ASCII file name so that a browser saves it under that name', async () => {
      const res = await request(app).get('/conference/1/authors-named.csv');
      const header = res.headers['content-disposition'] as string;
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(parseDisposition(header).parameters['filename']).toBe('авторы-投稿-😀.csv');
    });
  });

  describe('django-angular json_response', () => {
    it('sends the JSON with the mixin content type, no-cache and the DjangoJSONEncoder encodings', async () => {
      const res = await request(app).get('/angular');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(JSON.parse(res.text)).toEqual({
        greeting: 'hello',
        at: '2024-01-02T03:04:05.678Z',
        big: '18446744073709551616',
      });
    });

    it.each([
      ['', 400],
      ['422', 422],
    ])('answers JSONResponseException(status=%j) with its status', async (status, code) => {
      const res = await request(app).get('/angular').query({ fail: status });
      expect(res.status).toBe(code);
      expect(res.body).toEqual({ error: 'Bad input' });
      expect(res.headers['cache-control']).toBe('no-cache');
    });
  });

  describe('django-extensions foreignkey_autocomplete', () => {
    it('answers the matches as text/plain "name|pk" lines', async () => {
      const res = await request(app)
        .get('/admin/foreignkey_autocomplete/')
        .query({ q: 'a', app_label: 'auth', model_name: 'user', search_fields: '^first_name,email' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain');
      expect(res.text).toBe('Ada Lovelace|1\nAlan Turing|2\nGrace Hopper|3\n');
    });

    it('narrows with every word of the query', async () => {
      const res = await request(app)
        .get('/admin/foreignkey_autocomplete/')
        .query({ q: 'a tur', app_label: 'auth', model_name: 'user', search_fields: 'first_name,last_name' });
      expect(res.text).toBe('Alan Turing|2\n');
    });

    it('answers one object by object_pk', async () => {
      const res = await request(app)
        .get('/admin/foreignkey_autocomplete/')
        .query({ object_pk: '3', app_label: 'auth', model_name: 'user', search_fields: 'email' });
      expect(res.text).toBe('Grace Hopper');
    });

    it('is HttpResponseNotFound without the search parameters', async () => {
      const res = await request(app).get('/admin/foreignkey_autocomplete/').query({ q: 'a' });
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    });
  });
});

// ---------------------------------------------------------------------------------------
// The CSV export byte for byte against real Django (Debian's python3-django)
// ---------------------------------------------------------------------------------------

const PYTHON = '/usr/bin/python3';
const DJANGO_CSV = String.raw`
import csv, json, sys
from django.conf import settings
settings.configure(DEFAULT_CHARSET="utf-8")
import django
django.setup()
from django.http import HttpResponse
rows = json.loads(sys.stdin.read())
response = HttpResponse(content_type='text/csv')
response['Content-Disposition'] = 'attachment; filename="authors-20240101_1200.csv"'
writer = csv.writer(response)
for row in rows:
    writer.writerow(row)
sys.stdout.write(json.dumps({"body": response.content.decode("utf-8"), "disposition": response["Content-Disposition"], "type": response["Content-Type"]}))
`;
const djangoAvailable = ((): boolean => {
  try {
    return spawnSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
})();
if (!djangoAvailable) {
  console.warn('seed-ports: Django is not importable by /usr/bin/python3; the byte-for-byte CSV check is skipped.');
}

(djangoAvailable ? describe : describe.skip)('dccnsys get_authors_csv against real Django', () => {
  it('writes the same bytes and headers as Django', async () => {
    const run = spawnSync(PYTHON, ['-c', DJANGO_CSV], { input: JSON.stringify(authorRows()), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const django = JSON.parse(run.stdout) as { body: string; disposition: string; type: string };

    const response = new HttpResponse(undefined, { contentType: 'text/csv' });
    response.set('Content-Disposition', 'attachment; filename="authors-20240101_1200.csv"');
    await pipeline(stringify(authorRows(), csvWriterOptions), response.asWritable());
    expect(response.text).toBe(django.body);
    expect(response.get('Content-Disposition')).toBe(django.disposition);
    expect(response.get('Content-Type')).toBe(django.type);
  });
});

describe('HttpResponse.asWritable()', () => {
  it('encodes text with the response charset and passes bytes through', async () => {
    const response = new HttpResponse(undefined, { contentType: 'text/csv; charset=iso-8859-1' });
    const writable = response.asWritable();
    writable.write('café;');
    writable.write(Buffer.from([0xe9]));
    writable.write('e9', 'hex');
    await new Promise<void>((resolve) => writable.end(resolve));
    expect(response.content).toEqual(Buffer.from([...Buffer.from('caf'), 0xe9, 0x3b, 0xe9, 0xe9]));
  });

  it("fails the stream with the response's error when it refuses a chunk", async () => {
    const ascii = new HttpResponse(undefined, { contentType: 'text/plain; charset=us-ascii' });
    const writable = ascii.asWritable();
    await expect(
      new Promise((resolve, reject) => {
        writable.on('error', reject);
        writable.write('投稿', (err) => (err ? reject(err) : resolve(undefined)));
      }),
    ).rejects.toThrow(/Cannot encode "投" \(position 0\) as us-ascii/);
  });

  it('is a new view of the same body each time', async () => {
    const response = new HttpResponseBadRequest();
    await pipeline(stringify([['a']]), response.asWritable());
    await pipeline(stringify([['b']]), response.asWritable());
    expect(response.text).toBe('a\nb\n');
    expect(response.statusCode).toBe(400);
  });
});
