/**
 * Cross-check of `format: 'django'` signed cookies against a Django from before 5.2.17
 * (Debian's python3-django, Django 3.2), which signs with the salt `name + salt`: getSignedCookie
 * reads the cookies its `set_signed_cookie` writes as Django 5.2.17 does (with
 * `signedCookieLegacySaltFallback`, on by default, as `SIGNED_COOKIE_LEGACY_SALT_FALLBACK`), and
 * such a Django does not read setSignedCookie's cookies, which are signed as Django 5.2.17's (see
 * signed-cookies.interop.test.ts). Needs `/usr/bin/python3` with Django importable
 * (`apt-get install -y python3-django`); skipped, saying so, when it is not.
 */
import type { IncomingMessage } from 'node:http';
import { HttpResponse, getSignedCookie } from '../../lib/index.js';
import { describeWithDjango, runDjangoScript } from '../helpers/django.js';

const SECRET = 'crosscheck-secret-key';

const DJANGO_SCRIPT = String.raw`
import json, sys, time
from unittest import mock
from django.conf import settings
settings.configure(SECRET_KEY=sys.argv[1], DEFAULT_CHARSET="utf-8")
import django
django.setup()
from django.core import signing
from django.http import HttpRequest, HttpResponse, parse_cookie

results = []
for op in json.loads(sys.stdin.read()):
    if op["op"] == "read":
        request = HttpRequest()
        request.COOKIES = parse_cookie(op["cookie"])
        try:
            value = request.get_signed_cookie(op["name"], salt=op["salt"])
            results.append({"value": value})
        except signing.BadSignature as e:
            results.append({"error": type(e).__name__})
    else:
        response = HttpResponse()
        with mock.patch("time.time", return_value=op.get("at") or time.time()):
            response.set_signed_cookie(op["name"], op["value"], salt=op["salt"])
        results.append({"setCookie": response.cookies[op["name"]].OutputString()})
print(json.dumps(results))
`;

type DjangoOp =
  | { op: 'read'; cookie: string; name: string; salt: string }
  | { op: 'write'; name: string; value: string; salt: string; at?: number };

function runDjango(ops: DjangoOp[]): Array<{ value?: string; error?: string; setCookie?: string }> {
  return runDjangoScript(DJANGO_SCRIPT, ops, [SECRET]);
}

// CI installs Debian's python3-django (.ci/run), so there the cross-check must run; on a
// developer's machine without it, the suite is skipped with a word saying why.
const describeDjango = describeWithDjango('Django cross-check');

/** A request carrying `cookie` as its Cookie header. */
function requestWithCookie(cookie: string): IncomingMessage {
  return { headers: { cookie } } as IncomingMessage;
}

const VALUES = ['hello', 'a b;c', 'é', 'x:y:z', '', '{"json": [1, 2]}', 'back\\slash "quoted"'];

describeDjango('format: django against a Django before 5.2.17 (python3-django)', () => {
  const now = Math.floor(Date.now() / 1000);
  const ours = (value: string, salt: string) =>
    new HttpResponse()
      .setSignedCookie('c', value, { format: 'django', secret: SECRET, salt })
      .cookies.get('c')
      ?.toString()
      .split('; ')[0] as string;

  // Django starts slowly: every case goes through one Python run.
  let writtenByDjango: string[] = [];
  let readsOfOurs: Array<{ value?: string; error?: string }> = [];
  let aged = '';
  beforeAll(() => {
    const results = runDjango([
      ...VALUES.map((value): DjangoOp => ({ op: 'write', name: 'c', value, salt: 'salt' })),
      ...VALUES.map((value): DjangoOp => ({ op: 'read', cookie: ours(value, 'salt'), name: 'c', salt: 'salt' })),
      { op: 'write', name: 'c', value: 'v', salt: '', at: now - 120 },
    ]);
    writtenByDjango = results.slice(0, VALUES.length).map((r) => (r.setCookie as string).split('; ')[0] as string);
    readsOfOurs = results.slice(VALUES.length, 2 * VALUES.length);
    aged = (results.at(-1)?.setCookie as string).split('; ')[0] as string;
  });

  it.each(VALUES.map((value, index) => [value, index] as const))(
    'getSignedCookie reads %j signed by its set_signed_cookie, as Django 5.2.17 does with the legacy fallback',
    (value, index) => {
      const request = requestWithCookie(writtenByDjango[index] as string);
      expect(getSignedCookie(request, 'c', { format: 'django', secret: SECRET, salt: 'salt' })).toBe(value);
      expect(
        getSignedCookie(request, 'c', {
          format: 'django',
          secret: SECRET,
          salt: 'salt',
          signedCookieLegacySaltFallback: true,
        }),
      ).toBe(value);
    },
  );

  it.each(VALUES.map((value, index) => [value, index] as const))(
    'getSignedCookie refuses %j signed by its set_signed_cookie with signedCookieLegacySaltFallback: false',
    (_value, index) => {
      const request = requestWithCookie(writtenByDjango[index] as string);
      expect(() =>
        getSignedCookie(request, 'c', {
          format: 'django',
          secret: SECRET,
          salt: 'salt',
          signedCookieLegacySaltFallback: false,
        }),
      ).toThrow(/^Signature of cookie "c" does not match$/);
    },
  );

  it('does not read what setSignedCookie signs (the salt of Django 5.2.17)', () => {
    expect(readsOfOurs).toEqual(VALUES.map(() => ({ error: 'BadSignature' })));
  });

  it('getSignedCookie applies maxAge to its cookies', () => {
    expect(() =>
      getSignedCookie(requestWithCookie(aged), 'c', { format: 'django', secret: SECRET, maxAge: 60 }),
    ).toThrow(/^Signature age 12\d(\.\d+)? > 60 seconds$/);
    expect(getSignedCookie(requestWithCookie(aged), 'c', { format: 'django', secret: SECRET, maxAge: 300 })).toBe('v');
  });
});
