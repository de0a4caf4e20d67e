/**
 * Cross-check of `format: 'django'` signed cookies against real Django (Debian's
 * python3-django, Django 3.2): a cookie we sign is read by Django's
 * `request.get_signed_cookie`, and a cookie Django's `set_signed_cookie` writes is read by
 * getSignedCookie. Needs `/usr/bin/python3` with Django importable
 * (`apt-get install -y python3-django`); skipped, saying so, when it is not.
 */
import type { IncomingMessage } from 'node:http';
import { HttpResponse, getSignedCookie } from '../../lib/index.js';
import { djangoSignCookie } from '../../lib/http/django-signing.js';
import { signedAt } from '../helpers/clock.js';
import { describeWithDjango, runDjangoScript } from '../helpers/django.js';

const SECRET = 'crosscheck-secret-key';

const DJANGO_SCRIPT = String.raw`
import json, sys
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
            value = request.get_signed_cookie(op["name"], salt=op["salt"], max_age=op.get("maxAge"))
            results.append({"value": value})
        except signing.BadSignature as e:
            results.append({"error": type(e).__name__})
    else:
        response = HttpResponse()
        response.set_signed_cookie(op["name"], op["value"], salt=op["salt"])
        results.append({"setCookie": response.cookies[op["name"]].OutputString()})
print(json.dumps(results))
`;

type DjangoOp =
  | { op: 'read'; cookie: string; name: string; salt: string; maxAge?: number }
  | { op: 'write'; name: string; value: string; salt: string };

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

describeDjango('format: django against real Django (python3-django)', () => {
  const cases = VALUES.flatMap((value) => [[value, ''] as const, [value, 'salt'] as const]);
  const now = Math.floor(Date.now() / 1000);
  const old = signedAt(now - 120, () => djangoSignCookie('c', 'v', SECRET, ''));
  const ours = (name: string, value: string, secret: string, salt: string) =>
    new HttpResponse()
      .setSignedCookie(name, value, { format: 'django', secret, salt })
      .cookies.get(name)
      ?.toString()
      .split('; ')[0] as string;
  const wrongKey = [
    ours('c', 'v', SECRET, 'a'),
    ours('c', 'v', 'other', ''),
    `c=${ours('d', 'v', SECRET, '').slice(2)}`,
  ];

  // Django starts slowly: every case goes through one Python run.
  let readsOfOurs: Array<{ value?: string; error?: string }> = [];
  let writtenByDjango: string[] = [];
  let refusals: Array<{ value?: string; error?: string }> = [];
  let maxAgeReads: Array<{ value?: string; error?: string }> = [];
  beforeAll(() => {
    const results = runDjango([
      ...cases.map(([value, salt]): DjangoOp => ({
        op: 'read',
        cookie: ours('c', value, SECRET, salt),
        name: 'c',
        salt,
        maxAge: 60,
      })),
      ...VALUES.map((value): DjangoOp => ({ op: 'write', name: 'c', value, salt: 'salt' })),
      { op: 'read', cookie: wrongKey[0] as string, name: 'c', salt: 'b' },
      { op: 'read', cookie: wrongKey[1] as string, name: 'c', salt: '' },
      { op: 'read', cookie: wrongKey[2] as string, name: 'c', salt: '' },
      { op: 'read', cookie: `c=${old}`, name: 'c', salt: '', maxAge: 60 },
      { op: 'read', cookie: `c=${old}`, name: 'c', salt: '', maxAge: 300 },
    ]);
    readsOfOurs = results.slice(0, cases.length);
    writtenByDjango = results.slice(cases.length, cases.length + VALUES.length).map((r) => r.setCookie as string);
    refusals = results.slice(cases.length + VALUES.length, cases.length + VALUES.length + 3);
    maxAgeReads = results.slice(cases.length + VALUES.length + 3);
  });

  it.each(cases.map(([value, salt], index) => [value, salt, index] as const))(
    'Django reads %j (salt %j) signed by setSignedCookie',
    (value, _salt, index) => {
      expect(readsOfOurs[index]).toEqual({ value });
    },
  );

  it.each(VALUES.map((value, index) => [value, index] as const))(
    'getSignedCookie reads %j signed by Django’s set_signed_cookie',
    (value, index) => {
      const pair = writtenByDjango[index]?.split('; ')[0] as string;
      expect(
        getSignedCookie(requestWithCookie(pair), 'c', { format: 'django', secret: SECRET, salt: 'salt', maxAge: 60 }),
      ).toBe(value);
    },
  );

  it('Django refuses what we signed with another salt, secret or name', () => {
    expect(refusals).toEqual([{ error: 'BadSignature' }, { error: 'BadSignature' }, { error: 'BadSignature' }]);
  });

  it('Django and getSignedCookie agree on maxAge', () => {
    expect(maxAgeReads).toEqual([{ error: 'SignatureExpired' }, { value: 'v' }]);
    expect(() =>
      getSignedCookie(requestWithCookie(`c=${old}`), 'c', { format: 'django', secret: SECRET, maxAge: 60 }),
    ).toThrow(/^Signature age 12\d(\.\d+)? > 60 seconds$/);
    expect(getSignedCookie(requestWithCookie(`c=${old}`), 'c', { format: 'django', secret: SECRET, maxAge: 300 })).toBe(
      'v',
    );
  });
});
