/**
 * Django 5.2.17's signed cookies (`HttpResponse.set_signed_cookie`, `HttpRequest.get_signed_cookie`
 * and the setting `SIGNED_COOKIE_LEGACY_SALT_FALLBACK`) against setSignedCookie and
 * getSignedCookie over HTTP on Express 4 and 5: what one signs, with or without a salt, the other
 * reads; the bytes are Django's; a cookie in the format of Django before 5.2.17 (salt
 * `name + salt`) is read or refused exactly as Django 5.2.17 reads or refuses it, with the
 * fallback on and off; and both agree on max_age and SECRET_KEY_FALLBACKS.
 */
import type { Express } from 'express';
import request from 'supertest';
import { BadSignature, HttpResponse, getSignedCookie, view, JsonResponse } from '../../lib/index.js';
import { b62Decode } from '../../lib/http/django-signer.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

jest.setTimeout(120_000);

const SECRET_KEY = 'django-insecure-signed-cookies-interop';
const OLD_KEY = 'the-key-before-rotation';
const SETTINGS = { SECRET_KEY, SECRET_KEY_FALLBACKS: [OLD_KEY], DEFAULT_CHARSET: 'utf-8' };

/** What Django is asked to do. */
type Op =
  // set_signed_cookie (legacy: what Django before 5.2.17 wrote), at `at` seconds when given, with `key` as SECRET_KEY.
  | { op: 'write'; name: string; value: string; salt: string; legacy?: boolean; at?: number; key?: string }
  // get_signed_cookie on a request carrying `cookie`, with SIGNED_COOKIE_LEGACY_SALT_FALLBACK = fallback.
  | { op: 'read'; cookie: string; name: string; salt: string; maxAge?: number; fallback: boolean };
/** Django's answer: the Set-Cookie it wrote, the value it read, or the class of the error it raised. */
interface Result {
  setCookie?: string;
  value?: string;
  error?: string;
}

const SCRIPT = String.raw`
import json, sys
from unittest import mock
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, parse_cookie

def write(op):
    response = HttpResponse()
    if op.get('legacy'):
        # What Django before 5.2.17 signed: get_cookie_signer(salt=name + salt).
        signed = signing.get_cookie_signer(salt=signing._cookie_signer_legacy_salt(op['name'], op['salt'])).sign(op['value'])
        response.set_cookie(op['name'], signed)
    else:
        response.set_signed_cookie(op['name'], op['value'], salt=op['salt'])
    return {'setCookie': response.cookies[op['name']].OutputString()}

out = []
for op in json.load(sys.stdin):
    if op['op'] == 'write':
        settings.SECRET_KEY = op.get('key') or settings.SECRET_KEY
        try:
            if op.get('at') is not None:
                with mock.patch('time.time', return_value=op['at']):
                    out.append(write(op))
            else:
                out.append(write(op))
        finally:
            settings.SECRET_KEY = '${SECRET_KEY}'
    else:
        settings.SIGNED_COOKIE_LEGACY_SALT_FALLBACK = op['fallback']
        request = HttpRequest()
        request.COOKIES = parse_cookie(op['cookie'])
        try:
            out.append({'value': request.get_signed_cookie(op['name'], salt=op['salt'], max_age=op.get('maxAge'))})
        except signing.BadSignature as e:
            out.append({'error': type(e).__name__})
print(json.dumps(out))
`;

const VALUES = ['hello', 'a b;c', 'é', 'x:y:z', '', '{"json": [1, 2]}', 'back\\slash "quoted"'];
// '' (Django's default), ASCII, and one Python counts as 2 characters where JavaScript counts 3.
const SALTS = ['', 'salt', 'é😀'];
const CASES = VALUES.flatMap((value) => SALTS.map((salt) => ({ value, salt })));

/** An app writing `name=value` signed with `salt` on /set, and answering getSignedCookie's result on /get. */
function signedCookieApp(createApp: AppFactory): Express {
  const app = createApp();
  app.get(
    '/set',
    view((req) => {
      const { name = '', value = '', salt = '' } = req.query as Record<string, string | undefined>;
      return new HttpResponse('set').setSignedCookie(name, value, { format: 'django', secret: SECRET_KEY, salt });
    }),
  );
  app.get(
    '/get',
    view((req) => {
      const { name, salt, maxAge, fallback } = req.query as Record<string, string | undefined>;
      try {
        const value = getSignedCookie(req, name ?? '', {
          format: 'django',
          secret: [SECRET_KEY, OLD_KEY],
          salt: salt ?? '',
          ...(maxAge !== undefined ? { maxAge: Number(maxAge) } : {}),
          ...(fallback !== undefined ? { signedCookieLegacySaltFallback: fallback === 'true' } : {}),
        });
        return new JsonResponse({ value });
      } catch (err) {
        if (!(err instanceof BadSignature)) throw err;
        return new JsonResponse({ error: err.name });
      }
    }),
  );
  return app;
}

/** The `name=value` part of a Set-Cookie line. */
const pair = (setCookie: string): string => setCookie.split('; ')[0] as string;

/** The second a Django-signed Set-Cookie was signed at (`value:timestamp:signature`). */
const timestampOf = (setCookie: string): number => b62Decode(pair(setCookie).split(':').at(-2) as string);

/** What getSignedCookie answers for `cookie` (a `name=value` pair). */
async function readHere(
  app: Express,
  cookie: string,
  query: { name: string; salt: string; maxAge?: number; fallback?: boolean },
): Promise<Result> {
  const res = await request(app)
    .get('/get')
    .query({ ...query })
    .set('Cookie', cookie)
    .expect(200);
  return res.body as Result;
}

describeWithDjango52('signed cookies shared with Django 5.2.17')('signed cookies shared with Django 5.2.17', () => {
  describe.each(expressVersions)('on %s', (_label, createApp) => {
    const app = signedCookieApp(createApp);
    /** The Set-Cookie line setSignedCookie wrote for each case. */
    let ours: string[] = [];
    /** Django's answers, in the order asked. */
    let django: Result[] = [];
    const asked: Op[] = [];
    const ask = (op: Op): number => asked.push(op) - 1;

    // Indexes of Django's answers, filled in beforeAll.
    let readsOfOurs: number[][] = [];
    let sameSecond: number[] = [];
    let writes: number[] = [];
    let legacyWrites: number[] = [];
    let legacyReads: number[][] = [];
    let refusals: number[] = [];
    let collisions: number[] = [];
    let aged: { current: number; legacy: number; reads: number[] };
    let olderKey: { current: number; legacy: number };

    const NOW = Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      ours = await Promise.all(
        CASES.map(async ({ value, salt }) => {
          const res = await request(app).get('/set').query({ name: 'c', value, salt }).expect(200);
          return (res.headers['set-cookie'] as unknown as string[])[0] as string;
        }),
      );
      readsOfOurs = CASES.map(({ salt }, i) =>
        [true, false].map((fallback) => ask({ op: 'read', cookie: pair(ours[i]!), name: 'c', salt, fallback })),
      );
      // Django signing at the second of our timestamp: the same Set-Cookie, byte for byte.
      sameSecond = CASES.map(({ value, salt }, i) =>
        ask({ op: 'write', name: 'c', value, salt, at: timestampOf(ours[i]!) }),
      );
      writes = CASES.map(({ value, salt }) => ask({ op: 'write', name: 'c', value, salt }));
      legacyWrites = CASES.map(({ value, salt }) => ask({ op: 'write', name: 'c', value, salt, legacy: true }));
      refusals = [
        // Ours, read by Django with another salt, under another name, with another key.
        ask({ op: 'read', cookie: pair(ours[1]!), name: 'c', salt: 'other', fallback: true }),
        ask({ op: 'read', cookie: `d=${pair(ours[0]!).slice(2)}`, name: 'd', salt: '', fallback: true }),
      ];
      // Cookie "ab" salted "c" presented as cookie "a" salted "bc": "abc" either way in the legacy salt.
      collisions = [
        ask({ op: 'write', name: 'ab', value: 'v', salt: 'c' }),
        ask({ op: 'write', name: 'ab', value: 'v', salt: 'c', legacy: true }),
      ];
      aged = {
        current: ask({ op: 'write', name: 'c', value: 'v', salt: 's', at: NOW - 120 }),
        legacy: ask({ op: 'write', name: 'c', value: 'v', salt: 's', at: NOW - 120, legacy: true }),
        reads: [],
      };
      olderKey = {
        current: ask({ op: 'write', name: 'c', value: 'v', salt: '', key: OLD_KEY }),
        legacy: ask({ op: 'write', name: 'c', value: 'v', salt: '', key: OLD_KEY, legacy: true }),
      };
      const written = runDjango52<Result[]>(SCRIPT, asked, { settings: SETTINGS });
      // Second run: Django reads what it wrote in the legacy format, the collisions and the aged cookies.
      const second: Op[] = [];
      const ask2 = (op: Op): number => second.push(op) - 1 + asked.length;
      legacyReads = CASES.map(({ salt }, i) =>
        [true, false].map((fallback) =>
          ask2({ op: 'read', cookie: pair(written[legacyWrites[i]!]!.setCookie!), name: 'c', salt, fallback }),
        ),
      );
      collisions.push(
        ...collisions.flatMap((index) =>
          [true, false].map((fallback) =>
            ask2({
              op: 'read',
              cookie: `a=${pair(written[index]!.setCookie!).slice(3)}`,
              name: 'a',
              salt: 'bc',
              fallback,
            }),
          ),
        ),
      );
      aged.reads = [aged.current, aged.legacy].flatMap((index) =>
        [60, 300].map((maxAge) =>
          ask2({ op: 'read', cookie: pair(written[index]!.setCookie!), name: 'c', salt: 's', maxAge, fallback: true }),
        ),
      );
      django = [...written, ...runDjango52<Result[]>(SCRIPT, second, { settings: SETTINGS })];
    });

    it.each(CASES.map((c, i) => [c.value, c.salt, i] as const))(
      'Django 5.2.17 reads %j (salt %j) signed by setSignedCookie, with and without the legacy fallback',
      (value, _salt, i) => {
        expect(readsOfOurs[i]!.map((index) => django[index])).toEqual([{ value }, { value }]);
      },
    );

    it.each(CASES.map((c, i) => [c.value, c.salt, i] as const))(
      'setSignedCookie writes for %j (salt %j) the Set-Cookie Django 5.2.17 writes at the same second',
      (_value, _salt, i) => {
        expect(ours[i]).toBe(django[sameSecond[i]!]!.setCookie);
      },
    );

    it.each(CASES.map((c, i) => [c.value, c.salt, i] as const))(
      'getSignedCookie reads %j (salt %j) signed by Django 5.2.17’s set_signed_cookie, with and without the fallback',
      async (value, salt, i) => {
        const cookie = pair(django[writes[i]!]!.setCookie!);
        expect(await readHere(app, cookie, { name: 'c', salt })).toEqual({ value });
        expect(await readHere(app, cookie, { name: 'c', salt, fallback: false })).toEqual({ value });
      },
    );

    it.each(CASES.map((c, i) => [c.value, c.salt, i] as const))(
      'a cookie of the format before 5.2.17 (%j, salt %j) is read with the fallback and refused without, by both',
      async (value, salt, i) => {
        const cookie = pair(django[legacyWrites[i]!]!.setCookie!);
        expect(legacyReads[i]!.map((index) => django[index])).toEqual([{ value }, { error: 'BadSignature' }]);
        expect(await readHere(app, cookie, { name: 'c', salt })).toEqual({ value });
        expect(await readHere(app, cookie, { name: 'c', salt, fallback: true })).toEqual({ value });
        expect(await readHere(app, cookie, { name: 'c', salt, fallback: false })).toEqual({ error: 'BadSignature' });
      },
    );

    it('both refuse a cookie read with another salt or under another name', async () => {
      expect(refusals.map((index) => django[index])).toEqual([{ error: 'BadSignature' }, { error: 'BadSignature' }]);
      const other = pair(django[writes[1]!]!.setCookie!);
      expect(await readHere(app, other, { name: 'c', salt: 'other' })).toEqual({ error: 'BadSignature' });
      expect(await readHere(app, `d=${other.slice(2)}`, { name: 'd', salt: '' })).toEqual({ error: 'BadSignature' });
    });

    it('cookie "ab" salted "c" is not cookie "a" salted "bc", except in the legacy format with the fallback on, in both', async () => {
      const [current, legacy] = collisions.slice(0, 2).map((index) => `a=${pair(django[index]!.setCookie!).slice(3)}`);
      const djangoReads = collisions.slice(2).map((index) => django[index]);
      const expected: Result[] = [
        { error: 'BadSignature' },
        { error: 'BadSignature' },
        { value: 'v' },
        { error: 'BadSignature' },
      ];
      expect(djangoReads).toEqual(expected);
      const here: Result[] = [];
      for (const cookie of [current!, legacy!]) {
        for (const fallback of [true, false])
          here.push(await readHere(app, cookie, { name: 'a', salt: 'bc', fallback }));
      }
      expect(here).toEqual(expected);
    });

    it('both apply max_age to either format: a 120-second-old cookie is expired at 60, read at 300', async () => {
      const expected: Result[] = [
        { error: 'SignatureExpired' },
        { value: 'v' },
        { error: 'SignatureExpired' },
        { value: 'v' },
      ];
      expect(aged.reads.map((index) => django[index])).toEqual(expected);
      const here: Result[] = [];
      for (const index of [aged.current, aged.legacy]) {
        for (const maxAge of [60, 300]) {
          here.push(await readHere(app, pair(django[index]!.setCookie!), { name: 'c', salt: 's', maxAge }));
        }
      }
      expect(here).toEqual(expected);
    });

    it('getSignedCookie reads either format signed with a key of SECRET_KEY_FALLBACKS', async () => {
      for (const index of [olderKey.current, olderKey.legacy]) {
        expect(await readHere(app, pair(django[index]!.setCookie!), { name: 'c', salt: '' })).toEqual({ value: 'v' });
      }
    });
  });
});
