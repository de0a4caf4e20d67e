/**
 * The auth decorators against real Django 3.2: `login_required`, `user_passes_test` and
 * `permission_required` decorate the same view on both sides, and the same requests (sent as
 * raw bytes over loopback, so nothing re-encodes them) must get the same status and the same
 * `Location`, byte for byte: paths and queries with spaces, `+`, `&`, `?`, `#`, `%`, unicode and
 * bytes that are not UTF-8, login URLs with their own query and fragment, on this host or
 * another, and other redirect field names. Required in CI, skipped with a warning elsewhere.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import {
  HttpResponse,
  httpErrorHandler,
  loginRequired,
  permissionRequired,
  userPassesTest,
  view,
  type ViewMiddleware,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { describeWithDjango, runDjangoScript } from '../helpers/django.js';

const DJANGO_SCRIPT = String.raw`
import json, sys
from django.conf import settings
urlpatterns = []
settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="crosscheck", ROOT_URLCONF="__main__",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"])
import django
django.setup()
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.contrib.auth.decorators import login_required, user_passes_test, permission_required

class User:
    def __init__(self, perms, authenticated=True):
        self.perms = set(perms); self.is_authenticated = authenticated
    def has_perms(self, perms):
        return self.is_authenticated and all(p in self.perms for p in perms)

USERS = {"anon": User([], False), "alice": User(["polls.add"]), "bob": User(["polls.add", "polls.change"])}

def plain(request):
    return HttpResponse("ok")

def decorated(case):
    kind, options = case["kind"], case.get("options", {})
    login_url = options.get("loginUrl")
    field = options.get("redirectFieldName", "next")
    if kind == "loginRequired":
        return login_required(plain, login_url=login_url, redirect_field_name=field)
    if kind == "userPassesTest":
        return user_passes_test(lambda u: "polls.change" in u.perms, login_url=login_url, redirect_field_name=field)(plain)
    if kind == "permissionRequired":
        return permission_required(case["perms"], login_url=login_url, raise_exception=options.get("raiseException", False))(plain)
    raise ValueError(kind)

results = []
factory = RequestFactory()
for case in json.loads(sys.stdin.read()):
    path, _, query = case["url"].partition("?")
    # QUERY_STRING as a WSGI server passes it: the bytes on the wire, read as latin-1.
    req = factory.generic("GET", path, HTTP_HOST=case.get("host", "testserver"), QUERY_STRING=query)
    req.user = USERS[case["user"]]
    try:
        response = decorated(case)(req)
        results.append({"status": response.status_code, "location": response.get("Location")})
    except PermissionDenied:
        results.append({"status": 403, "location": None})
print(json.dumps(results))
`;

interface Options {
  loginUrl?: string;
  redirectFieldName?: string | null;
  raiseException?: boolean;
}
interface Case {
  kind: 'loginRequired' | 'userPassesTest' | 'permissionRequired';
  url: string;
  user: 'anon' | 'alice' | 'bob';
  perms?: string | string[];
  options?: Options;
  host?: string;
}

/** The users, as Express auth middleware would put them on req.user. */
const USERS: Record<string, object | undefined> = {
  anon: undefined,
  alice: { name: 'alice', permissions: ['polls.add'] },
  bob: { name: 'bob', permissions: ['polls.add', 'polls.change'] },
};

function decoratorFor(testCase: Case): ViewMiddleware {
  const options = testCase.options ?? {};
  switch (testCase.kind) {
    case 'loginRequired':
      return Object.keys(options).length === 0 ? loginRequired : loginRequired(options);
    case 'userPassesTest':
      return userPassesTest(
        (user?: { permissions: string[] }) => user?.permissions.includes('polls.change') === true,
        options,
      );
    case 'permissionRequired':
      return permissionRequired(testCase.perms ?? [], options);
  }
}

/** Request paths as they go on the wire (ASCII escapes, and latin-1 bytes in the query). */
const URLS = [
  '/protected/',
  '/protected/?a=1&b=2',
  '/protected/?',
  '/caf%C3%A9/?q=caf%C3%A9',
  '/a%20b/?x=a+b%20c',
  '/p/?next=/x/&y=%26&z=%3F%23',
  '/p/?u=%C3%BC&v=%FC', // (Node's parser refuses a raw byte over 0x7f in the target: 400)
  '/%2Fevil/',
  '/a%41b/%7e/',
  '/broken%E9/x',
  "/p/!$'()*,;:@=/",
  '/p/?a=%2B+&b=~&c=a/b&d=[]|"',
  '/p/?%25=%25%25',
  '/p/%25/%2525/',
];
const LOGIN_URLS: Array<string | undefined> = [
  undefined,
  '/login/',
  '/login/?a=1',
  '/login/?next=/old/&x=y%20z+w',
  '/login/?flag&=v&&e=',
  '/login/#top',
  'http://testserver/login/',
  'https://testserver/login/',
  'http://other.example/login/',
  '//other.example/login/',
  '//testserver/login/',
  'https://sso.example/cas/login?service=app',
];
const FIELDS: Array<string | null | undefined> = [undefined, 'then', null];

function withOptions(loginUrl: string | undefined, field: string | null | undefined): Options {
  const options: Options = {};
  if (loginUrl !== undefined) options.loginUrl = loginUrl;
  if (field !== undefined) options.redirectFieldName = field;
  return options;
}

const CASES: Case[] = [
  ...URLS.flatMap((url) =>
    LOGIN_URLS.flatMap((loginUrl) =>
      FIELDS.map((field): Case => ({
        kind: 'loginRequired',
        url,
        user: 'anon',
        options: withOptions(loginUrl, field),
      })),
    ),
  ),
  ...(['anon', 'alice', 'bob'] as const).flatMap((user): Case[] => [
    { kind: 'loginRequired', url: '/p/?a=1', user },
    { kind: 'userPassesTest', url: '/p/?a=1', user },
    { kind: 'userPassesTest', url: '/p/?a=1', user, options: { loginUrl: '/in/', redirectFieldName: 'go' } },
    { kind: 'permissionRequired', url: '/p/?a=1', user, perms: 'polls.add' },
    { kind: 'permissionRequired', url: '/p/?a=1', user, perms: ['polls.add', 'polls.change'] },
    { kind: 'permissionRequired', url: '/p/', user, perms: 'polls.change', options: { loginUrl: '/in/' } },
    { kind: 'permissionRequired', url: '/p/', user, perms: 'polls.change', options: { raiseException: true } },
  ]),
  // Another Host: the login page on testserver is then not "the same netloc".
  ...['http://testserver/login/', '/login/', '//example.org/login/'].map((loginUrl): Case => ({
    kind: 'loginRequired',
    url: '/p/?a=1',
    user: 'anon',
    host: 'example.org',
    options: { loginUrl },
  })),
];

/** One app answering every case at /<index>/<the case's url>. */
function appFor(createApp: AppFactory): Express {
  const app = createApp();
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const name = req.get('X-Test-User') ?? 'anon';
    (req as Request & { user?: object | undefined }).user = USERS[name];
    next();
  });
  CASES.forEach((testCase, index) => {
    app.use(`/${index}`, (req: Request, res: Response, next: NextFunction) => {
      // Mounted under /<index>: the decorators see req.originalUrl, the whole target.
      view(() => new HttpResponse('ok'), decoratorFor(testCase))(req, res, next);
    });
  });
  app.use(httpErrorHandler());
  return app;
}

/** GET `path` as raw bytes (latin-1), so no client re-encodes it. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }));
    });
    req.on('error', reject);
    req.end();
  });
}

const describeDjango = describeWithDjango('Auth decorators cross-check');

describeDjango('loginRequired, userPassesTest and permissionRequired against Django 3.2', () => {
  let django: Array<{ status: number; location: string | null }> = [];
  beforeAll(() => {
    django = runDjangoScript(DJANGO_SCRIPT, CASES);
  });

  describe.each(expressVersions)('on %s', (_label, createApp) => {
    it(`the same status and Location for ${CASES.length} requests`, async () => {
      const server = appFor(createApp).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const ours = [];
        for (const [index, testCase] of CASES.entries()) {
          const answer = await rawGet(port, `/${index}${testCase.url}`, {
            Host: testCase.host ?? 'testserver',
            'X-Test-User': testCase.user,
          });
          // The mount prefix is ours alone: take it out of next= as Django never saw it.
          const location =
            answer.location
              ?.replace(`next=/${index}/`, 'next=/')
              .replace(`then=/${index}/`, 'then=/')
              .replace(`go=/${index}/`, 'go=/')
              .replace(`testserver/${index}/`, 'testserver/')
              .replace(`example.org/${index}/`, 'example.org/') ?? null;
          ours.push({ case: testCase, status: answer.status, location });
        }
        expect(ours).toEqual(CASES.map((testCase, index) => ({ case: testCase, ...django[index] })));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
