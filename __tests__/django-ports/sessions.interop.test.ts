/**
 * Sessions shared with real Django 5.2 (django.contrib.sessions): a session Django writes is read
 * by sessionMiddleware() and the reverse, on each engine — signed_cookies, db on SQLite and on
 * PostgreSQL, cache on Redis through Django's own RedisCache (pickles) — and a tampered cookie
 * or row is an empty session on both sides, never a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvRedis from '@keyv/redis';
import Database from 'better-sqlite3';
import express, { type Express } from 'express';
import Keyv from 'keyv';
import pg from 'pg';
import request from 'supertest';
import {
  CacheSessionStore,
  DatabaseSessionStore,
  SignedCookieSessionStore,
  getSession,
  sessionMiddleware,
  type SessionStore,
  type SessionValue,
} from '../../lib/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';
import { describeWithPostgres, startPostgres, type PostgresServer } from '../helpers/postgres.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';

// Each case starts Python (and Django) once or twice: seconds each on a busy machine.
jest.setTimeout(120_000);

const SECRET = 'django-insecure-interop-secret';
const OLD_SECRET = 'the-key-before-rotation';

/** What Django is asked to do: write sessions, read them back. */
type Op =
  | { op: 'write'; data: Array<[string, SessionValue]>; expiry?: number | { seconds: number; datetime: true } }
  | { op: 'read'; key: string };
interface Result {
  key?: string | null;
  data?: Record<string, SessionValue>;
  expiryAge?: number;
  expireAtBrowserClose?: boolean;
}

const SCRIPT = String.raw`
import json, sys, datetime
from importlib import import_module
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
if 'django.contrib.sessions' in settings.INSTALLED_APPS and 'dummy' not in settings.DATABASES['default'].get('ENGINE', 'dummy'):
    call_command('migrate', 'sessions', verbosity=0)
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
out = []
for op in json.load(sys.stdin)['ops']:
    if op['op'] == 'write':
        s = SessionStore()
        s.update(dict(op['data']))
        e = op.get('expiry')
        if isinstance(e, dict):
            s.set_expiry(timezone.now() + datetime.timedelta(seconds=e['seconds']))
        elif e is not None:
            s.set_expiry(e)
        s.save()
        out.append({'key': s.session_key})
    else:
        s = SessionStore(session_key=op['key'])
        data = dict(s.items())
        out.append({'key': s.session_key, 'data': data, 'expiryAge': s.get_expiry_age(),
                    'expireAtBrowserClose': s.get_expire_at_browser_close()})
print(json.dumps(out))
`;

function django(settings: Record<string, unknown>, ops: Op[]): Result[] {
  return runDjango52<Result[]>(
    SCRIPT,
    { ops },
    {
      settings: {
        SECRET_KEY: SECRET,
        SECRET_KEY_FALLBACKS: [OLD_SECRET],
        USE_TZ: true,
        INSTALLED_APPS: ['django.contrib.contenttypes', 'django.contrib.sessions'],
        DATABASES: {},
        ...settings,
      },
    },
  );
}

/** An app whose /write stores the JSON body in the session and /read answers what it holds. */
function nodeApp(store: SessionStore, secretKey = SECRET): Express {
  const app = express();
  app.use(express.json());
  app.use(sessionMiddleware({ secretKey, secretKeyFallbacks: [OLD_SECRET], store }));
  app.post('/write', (req, res) => {
    const session = getSession(req);
    const { expiry, ...data } = req.body as { expiry?: number } & Record<string, SessionValue>;
    session.update(data);
    if (expiry !== undefined) session.setExpiry(expiry);
    res.send('written');
  });
  app.get('/read', (req, res) => {
    const session = getSession(req);
    res.json({
      keys: session.keys(),
      data: Object.fromEntries(session.entries()),
      expiryAge: session.getExpiryAge(),
      expireAtBrowserClose: session.getExpireAtBrowserClose(),
    });
  });
  return app;
}

function cookieOf(res: request.Response): string {
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sessionid='));
  if (cookie === undefined) throw new Error('no session cookie');
  return cookie.slice('sessionid='.length, cookie.indexOf(';'));
}

/** Values of every JSON type, non-ASCII text and key order included. */
const RICH: Record<string, SessionValue> = {
  _auth_user_id: '1',
  _auth_user_backend: 'django.contrib.auth.backends.ModelBackend',
  name: 'Zoë — 東京 😀',
  count: 42,
  ratio: 0.5,
  big: 2 ** 40,
  negative: -(2 ** 40),
  flag: true,
  none: null,
  list: [1, 'two', [3], { four: 4 }],
  '10': 'a numeric key keeps its place',
  nested: { a: { b: ['c'] } },
};

/** RICH's keys in the order Python keeps them (a JS object puts '10' first). */
const RICH_ORDER = [
  '_auth_user_id',
  '_auth_user_backend',
  'name',
  'count',
  'ratio',
  'big',
  'negative',
  'flag',
  'none',
  'list',
  '10',
  'nested',
];

/** The shared checks, for one engine: `store` on the Node side, `settings` on Django's, `tamper` behind both. */
function interop(
  label: string,
  setup: () => { store: SessionStore; settings: Record<string, unknown> },
  tamper: (key: string) => Promise<string>,
): void {
  it(`${label}: a session Django writes is read by the package, values and order intact`, async () => {
    const { store, settings } = setup();
    const [written] = django(settings, [
      { op: 'write', data: RICH_ORDER.map((key) => [key, RICH[key]!]), expiry: 300 },
    ]);
    const res = await request(nodeApp(store)).get('/read').set('Cookie', `sessionid=${written!.key}`).expect(200);
    expect(res.body).toEqual({
      keys: [...RICH_ORDER, '_session_expiry'],
      data: { ...RICH, _session_expiry: 300 },
      expiryAge: 300,
      expireAtBrowserClose: false,
    });
  });

  it(`${label}: a session the package writes is read by Django`, async () => {
    const { store, settings } = setup();
    const res = await request(nodeApp(store))
      .post('/write')
      .send({ ...RICH, expiry: 0 })
      .expect(200);
    const [read] = django(settings, [{ op: 'read', key: cookieOf(res) }]);
    expect(read!.data).toEqual({ ...RICH, _session_expiry: 0 });
    expect(read!.expireAtBrowserClose).toBe(true);
  });

  it(`${label}: an expiry Django 5.2 writes as an ISO date is honoured`, async () => {
    const { store, settings } = setup();
    const [written] = django(settings, [{ op: 'write', data: [['a', 1]], expiry: { seconds: 600, datetime: true } }]);
    const res = await request(nodeApp(store)).get('/read').set('Cookie', `sessionid=${written!.key}`).expect(200);
    expect(res.body.expiryAge).toBeGreaterThan(590);
    expect(res.body.expiryAge).toBeLessThanOrEqual(600);
  });

  it(`${label}: a tampered session is empty on both sides, never an error`, async () => {
    const { store, settings } = setup();
    const [written] = django(settings, [{ op: 'write', data: [['secret', 'x']] }]);
    const key = await tamper(written!.key!);
    const res = await request(nodeApp(store)).get('/read').set('Cookie', `sessionid=${key}`).expect(200);
    expect(res.body.data).toEqual({});
    const [read] = django(settings, [{ op: 'read', key }]);
    expect(read!.data).toEqual({});
  });

  it(`${label}: a session signed with a fallback key is read, and written again with the new key`, async () => {
    const { store, settings } = setup();
    const [written] = django({ ...settings, SECRET_KEY: OLD_SECRET, SECRET_KEY_FALLBACKS: [] }, [
      { op: 'write', data: [['kept', 'yes']] },
    ]);
    const app = nodeApp(store);
    const res = await request(app).get('/read').set('Cookie', `sessionid=${written!.key}`).expect(200);
    expect(res.body.data).toEqual({ kept: 'yes' });
    const saved = await request(app).post('/write').set('Cookie', `sessionid=${written!.key}`).send({ more: 1 });
    const [read] = django({ ...settings, SECRET_KEY_FALLBACKS: [] }, [{ op: 'read', key: cookieOf(saved) }]);
    expect(read!.data).toEqual({ kept: 'yes', more: 1 });
  });
}

describeWithDjango52('Sessions shared with Django 5.2')('Sessions shared with Django 5.2', () => {
  describe('signed_cookies', () => {
    interop(
      'signed_cookies',
      () => ({
        store: new SignedCookieSessionStore(),
        settings: { SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies', INSTALLED_APPS: [] },
      }),
      async (key) => key.slice(0, 5) + (key[5] === 'A' ? 'B' : 'A') + key.slice(6),
    );

    it('signed_cookies: the cookie the package writes is the one Django writes for the same data and second', async () => {
      const res = await request(nodeApp(new SignedCookieSessionStore())).post('/write').send({ a: 1, b: 'é' });
      const cookie = cookieOf(res);
      const same = runDjango52<string>(
        String.raw`
import json, sys
from unittest import mock
from django.core import signing
from django.core.signing import b62_decode
cookie = json.load(sys.stdin)
ts = b62_decode(cookie.split(':')[-2])
with mock.patch('time.time', return_value=ts):
    print(json.dumps(signing.dumps({'a': 1, 'b': 'é'}, compress=True, salt='django.contrib.sessions.backends.signed_cookies')))
`,
        cookie,
        { settings: { SECRET_KEY: SECRET } },
      );
      expect(cookie).toBe(same);
    });
  });

  describe('db on SQLite', () => {
    let dir: string;
    let db: Database.Database;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'django-sessions-'));
      // Django makes the table (migrate sessions), then both sides share the file.
      django({ DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: join(dir, 'db.sqlite3') } } }, []);
      db = new Database(join(dir, 'db.sqlite3'));
    });
    afterAll(() => {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    interop(
      'db (SQLite)',
      () => ({
        store: new DatabaseSessionStore({
          query: (sql, params) => {
            const statement = db.prepare(sql);
            return statement.reader ? statement.all(...params) : statement.run(...params);
          },
        }),
        settings: { DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: join(dir, 'db.sqlite3') } } },
      }),
      async (key) => {
        db.prepare("UPDATE django_session SET session_data = 'x' || session_data WHERE session_key = ?").run(key);
        return key;
      },
    );
  });

  describeWithPostgres('db on PostgreSQL')('db on PostgreSQL', () => {
    let server: PostgresServer;
    let pool: pg.Pool;
    let databases: Record<string, unknown>;
    beforeAll(async () => {
      server = await startPostgres();
      databases = {
        default: {
          ENGINE: 'django.db.backends.postgresql',
          NAME: 'postgres',
          USER: 'postgres',
          HOST: '127.0.0.1',
          PORT: String(server.port),
        },
      };
      django({ DATABASES: databases }, []);
      pool = new pg.Pool({ connectionString: server.url, max: 2 });
      // An idle connection the server ends (57P01) is pg's to replace, as in any app (see docs/sessions.md);
      // a query that fails still fails its test.
      pool.on('error', () => {});
    }, 60_000);
    afterAll(async () => {
      await pool?.end();
      await server?.stop();
    });
    interop(
      'db (PostgreSQL)',
      () => ({
        store: new DatabaseSessionStore({ query: (sql, params) => pool.query(sql, params), placeholder: '$1' }),
        settings: { DATABASES: databases },
      }),
      async (key) => {
        await pool.query("UPDATE django_session SET session_data = 'x' || session_data WHERE session_key = $1", [key]);
        return key;
      },
    );
  });

  describeWithRedis('cache on Redis')('cache on Redis (Django’s RedisCache, pickles)', () => {
    let redis: RedisServer;
    const adapters: Array<KeyvRedis<unknown>> = [];
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await Promise.all(adapters.map((adapter) => adapter.disconnect(true)));
      await redis?.stop();
    });
    function store(): CacheSessionStore {
      const adapter = new KeyvRedis(redis.url);
      adapters.push(adapter);
      const keyv = new Keyv(adapter);
      keyv.on('error', () => {});
      return new CacheSessionStore(keyv, { serializer: 'pickle' });
    }
    const settings = (): Record<string, unknown> => ({
      SESSION_ENGINE: 'django.contrib.sessions.backends.cache',
      CACHES: { default: { BACKEND: 'django.core.cache.backends.redis.RedisCache', LOCATION: redis.url } },
    });
    interop(
      'cache (Redis)',
      () => ({ store: store(), settings: settings() }),
      async (key) => {
        const raw = runDjango52<string>(
          String.raw`
import json, sys, redis
r = redis.Redis.from_url(json.load(sys.stdin))
for k in r.keys(':1:django.contrib.sessions.cache*'):
    r.set(k, b'\x80\x05garbage')
print(json.dumps('ok'))
`,
          redis.url,
        );
        expect(raw).toBe('ok');
        return key;
      },
    );
  });
});
