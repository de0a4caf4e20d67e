/**
 * CSRF tokens both ways with a real Django 5.2 (`django.middleware.csrf.CsrfViewMiddleware`
 * and `{% csrf_token %}` under RequestFactory): a cookie and token Django renders pass
 * csrfViewMiddleware() here; a cookie and token this package renders pass Django's
 * middleware; the masked 64-character cookie older Django versions wrote is read; and the
 * same forged requests get the same reason strings from both.
 */
import type { Express } from 'express';
import express from 'express';
import request from 'supertest';
import { HttpResponse, csrfViewMiddleware, render, view } from '../../lib/index.js';
import { unmaskCipherToken } from '../../lib/middleware/csrf/token.js';
import { useNunjucks } from '../helpers/nunjucks.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

const SETTINGS = {
  SECRET_KEY: 'django-insecure-csrf-interop',
  ALLOWED_HOSTS: ['testserver', 'www.example.com'],
  USE_TZ: true,
  TEMPLATES: [
    {
      BACKEND: 'django.template.backends.django.DjangoTemplates',
      OPTIONS: { context_processors: ['django.template.context_processors.csrf'] },
    },
  ],
};

/** Django renders `{% csrf_token %}` for a visitor with no cookie (or `cookie`): its Set-Cookie value and the page's token. */
const RENDER = `
import sys, json, re
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, _mask_cipher_secret
from django.template import RequestContext, Template
from django.test import RequestFactory
data = json.load(sys.stdin)
def page(request):
    return HttpResponse(Template('{% csrf_token %}').render(RequestContext(request)))
out = []
for _ in range(data['n']):
    req = RequestFactory().get('/')
    resp = CsrfViewMiddleware(page)(req)
    token = re.search('value="([^"]+)"', resp.content.decode()).group(1)
    out.append({'cookie': resp.cookies['csrftoken'].value, 'token': token, 'vary': resp.get('Vary')})
old = [_mask_cipher_secret(x['cookie']) for x in out]
print(json.dumps({'rendered': out, 'old_cookies': old}))
`;

/** Django's CsrfViewMiddleware on each request: accepted, or the reason it logs. */
const CHECK = `
import sys, json, logging
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.test import RequestFactory
data = json.load(sys.stdin)
reasons = []
class Keep(logging.Handler):
    def emit(self, record):
        reasons.append(record.args[0])
logger = logging.getLogger('django.security.csrf')
logger.addHandler(Keep())
logger.propagate = False
def view(request):
    return HttpResponse('OK')
out = []
for case in data:
    rf = RequestFactory()
    headers = {k.lower(): v for k, v in case.get('headers', {}).items()}
    kwargs = {'secure': case.get('secure', False), 'headers': headers}
    if case.get('form') is not None:
        req = rf.post('/', data=case['form'], **kwargs)
    else:
        req = rf.generic(case.get('method', 'POST'), '/', **kwargs)
    if case.get('cookie') is not None:
        req.COOKIES['csrftoken'] = case['cookie']
    mw = CsrfViewMiddleware(view)
    mw.process_request(req)
    del reasons[:]
    result = mw.process_view(req, view, (), {})
    out.append('accepted' if result is None else reasons[0])
print(json.dumps(out))
`;

interface Case {
  method?: string;
  cookie?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  secure?: boolean;
}

/** This package's answer to each case: accepted, or the reason given to failureView. */
async function packageVerdicts(cases: Case[]): Promise<string[]> {
  const reasons: string[] = [];
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(
    csrfViewMiddleware({
      fetchMetadata: false,
      failureView: (_req, reason) => (reasons.push(reason), new HttpResponse('', { status: 403 })),
    }),
  );
  app.all('/', (_req, res) => void res.send('OK'));
  const out: string[] = [];
  for (const c of cases) {
    const method = (c.method ?? 'POST').toLowerCase() as 'post';
    const client = request(app);
    let req = client[method]('/');
    req = req.set('Host', c.headers?.Host ?? 'testserver');
    for (const [name, value] of Object.entries(c.headers ?? {})) if (name !== 'Host') req = req.set(name, value);
    if (c.cookie !== undefined) req = req.set('Cookie', `csrftoken=${c.cookie}`);
    if (c.secure) req = req.set('X-Forwarded-Proto', 'https');
    if (c.form !== undefined) req = req.type('form').send(c.form);
    const before = reasons.length;
    const res = await req;
    out.push(res.status === 200 ? 'accepted' : (reasons[before] ?? `status ${res.status}`));
  }
  return out;
}

/** An app rendering csrfInput() in a Nunjucks page at GET /, and accepting POST /. */
function site(): Express {
  const app = useNunjucks(express());
  app.use(csrfViewMiddleware());
  app.get(
    '/',
    view((req) => render(req, 'csrf/token')),
  );
  app.post('/', (_req, res) => void res.send('OK'));
  return app;
}

describeWithDjango52('CSRF interop with Django 5.2')('CSRF interop with Django 5.2', () => {
  const django = runDjango52<{
    rendered: Array<{ cookie: string; token: string; vary: string }>;
    old_cookies: string[];
  }>(RENDER, { n: 20 }, { settings: SETTINGS });

  it('accepts the cookie and the token Django renders, in the form and in the header', async () => {
    const app = site();
    for (const { cookie, token, vary } of django.rendered) {
      expect(cookie).toMatch(/^[a-zA-Z0-9]{32}$/);
      expect(vary).toBe('Cookie');
      expect(
        (
          await request(app)
            .post('/')
            .set('Cookie', `csrftoken=${cookie}`)
            .type('form')
            .send({ csrfmiddlewaretoken: token })
        ).text,
      ).toBe('OK');
      expect((await request(app).post('/').set('Cookie', `csrftoken=${cookie}`).set('X-CSRFToken', token)).text).toBe(
        'OK',
      );
      expect((await request(app).post('/').set('Cookie', `csrftoken=${cookie}`).set('X-CSRFToken', cookie)).text).toBe(
        'OK',
      );
    }
  });

  it("passes Django's CsrfViewMiddleware with the cookie and the token rendered here", async () => {
    const app = site();
    const cases: Case[] = [];
    for (let i = 0; i < 20; i++) {
      const page = await request(app).get('/');
      const cookie = /^csrftoken=(\w+);/.exec((page.headers['set-cookie'] as unknown as string[])[0]!)![1]!;
      const token = /value="(\w+)"/.exec(page.text)![1]!;
      expect(unmaskCipherToken(token)).toBe(cookie);
      cases.push({ cookie, form: { csrfmiddlewaretoken: token } }, { cookie, headers: { 'X-CSRFToken': token } });
      cases.push({ cookie, form: { csrfmiddlewaretoken: token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } });
    }
    const verdicts = runDjango52<string[]>(CHECK, cases, { settings: SETTINGS });
    expect(verdicts.filter((_, i) => i % 3 !== 2).every((v) => v === 'accepted')).toBe(true);
    expect(verdicts.filter((_, i) => i % 3 === 2).every((v) => v === 'CSRF token from POST incorrect.')).toBe(true);
  });

  it('reads the masked 64-character cookie an older Django wrote, and writes back the 32-character secret', async () => {
    const app = site();
    for (const [i, old] of django.old_cookies.entries()) {
      const { cookie: secret, token } = django.rendered[i]!;
      expect(old).toHaveLength(64);
      expect(
        (
          await request(app)
            .post('/')
            .set('Cookie', `csrftoken=${old}`)
            .type('form')
            .send({ csrfmiddlewaretoken: token })
        ).text,
      ).toBe('OK');
      const page = await request(app).get('/').set('Cookie', `csrftoken=${old}`);
      expect((page.headers['set-cookie'] as unknown as string[])[0]).toMatch(new RegExp(`^csrftoken=${secret};`));
    }
  });

  it('gives the reason Django gives, request for request', async () => {
    const secret = django.rendered[0]!.cookie;
    const token = django.rendered[0]!.token;
    const cases: Case[] = [
      { form: { csrfmiddlewaretoken: token } },
      { cookie: secret },
      { cookie: secret, form: { csrfmiddlewaretoken: 'a'.repeat(16) } },
      { cookie: secret, form: { csrfmiddlewaretoken: '*'.repeat(64) } },
      { cookie: secret, form: { csrfmiddlewaretoken: 'a'.repeat(64) } },
      { cookie: secret, headers: { 'X-CSRFToken': 'a'.repeat(63) } },
      { cookie: secret, headers: { 'X-CSRFToken': '-'.repeat(32) } },
      { cookie: secret, headers: { 'X-CSRFToken': 'a'.repeat(32) } },
      { cookie: 'a'.repeat(16), headers: { 'X-CSRFToken': token } },
      { cookie: '*'.repeat(32), headers: { 'X-CSRFToken': token } },
      { method: 'PUT', cookie: secret, headers: { 'X-CSRFToken': token } },
      { method: 'DELETE' },
      { cookie: secret, headers: { 'X-CSRFToken': token, Origin: 'null' } },
      { cookie: secret, headers: { 'X-CSRFToken': token, Origin: 'https://www.evil.org' } },
      { cookie: secret, headers: { 'X-CSRFToken': token, Origin: 'http://testserver' } },
      { cookie: secret, headers: { 'X-CSRFToken': token, Origin: 'http://testserver:8000' } },
      { cookie: secret, headers: { 'X-CSRFToken': token, Origin: 'https://[' } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token, Referer: 'https://www.evil.org/x' } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token, Referer: 'http://testserver/x' } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token, Referer: '//testserver/x' } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token, Referer: 'https://testserver/x' } },
      { cookie: secret, secure: true, headers: { 'X-CSRFToken': token, Origin: 'https://testserver' } },
      {
        cookie: secret,
        secure: true,
        headers: { Host: 'www.example.com', 'X-CSRFToken': token, Referer: 'https://www.example.com:8443/' },
      },
      { cookie: secret, form: { other: '1' }, headers: { 'X-CSRFToken': token } },
      { cookie: secret, form: { csrfmiddlewaretoken: token }, headers: { 'X-CSRFToken': 'a'.repeat(64) } },
    ];
    const ours = await packageVerdicts(cases);
    const theirs = runDjango52<string[]>(CHECK, cases, { settings: SETTINGS });
    expect(ours).toEqual(theirs);
  });
});
