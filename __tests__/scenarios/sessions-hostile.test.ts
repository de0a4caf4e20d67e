/**
 * Sessions under attack and under load: oversized and malformed cookies, forged and stale
 * signed cookies, and 1,000 concurrent requests on one session, over real HTTP on Express 4
 * and 5, on the SQLite, Keyv and (where installed) Redis stores.
 */
import type { AddressInfo } from 'node:net';
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import KeyvRedis from '@keyv/redis';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import Keyv from 'keyv';
import request from 'supertest';
import {
  CacheSessionStore,
  DatabaseSessionStore,
  SignedCookieSessionStore,
  TimestampSigner,
  getSession,
  sessionMiddleware,
  type SessionStore,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { signedAt } from '../helpers/clock.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';

const SECRET = 'hostile-tests-secret';
const COOKIE_SALT = 'django.contrib.sessions.backends.signed_cookies';
const DB_SALT = 'django.contrib.sessions.SessionStore';

/** `payload` (already JSON, or not) as Django's `signing.dumps` signs it, uncompressed. */
function signedJson(payload: string, key: string, salt: string): string {
  return new TimestampSigner({ key, salt }).sign(Buffer.from(payload, 'latin1').toString('base64url'));
}

function sqliteStore(db = new Database(':memory:')): DatabaseSessionStore {
  db.exec(
    'CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL)',
  );
  return new DatabaseSessionStore({
    query: (sql, params) => {
      const statement = db.prepare(sql);
      return statement.reader ? statement.all(...params) : statement.run(...params);
    },
  });
}

function app(createApp: AppFactory, store: SessionStore): Express {
  const made = createApp();
  made.use(sessionMiddleware({ secretKey: SECRET, store, storeTimeout: 30 }));
  made.get('/mark/:n', (req, res) => {
    getSession(req).set(`r${req.params.n}`, Number(req.params.n));
    res.send('marked');
  });
  made.get('/get', (req, res) => {
    res.json(Object.fromEntries(getSession(req).entries()));
  });
  made.get('/set', (req, res) => {
    getSession(req).set('user', 'alice');
    res.send('set');
  });
  return made;
}

function sessionCookie(res: request.Response): string | undefined {
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sessionid='));
  return cookie === undefined ? undefined : cookie.slice('sessionid='.length, cookie.indexOf(';'));
}

/** GET `path` on `port` with `cookie`; the status. */
function get(port: number, path: string, cookie: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', path, headers: { cookie }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** 1,000 requests at once on one session, each setting a key of its own: every key is kept. */
async function thousandAtOnce(made: Express): Promise<void> {
  const first = await request(made).get('/set').expect(200);
  const key = sessionCookie(first)!;
  const server: Server = createServer(made);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1000 });
  try {
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, (_, n) => get(port, `/mark/${n}`, `sessionid=${key}`, agent)),
    );
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  const res = await request(made).get('/get').set('Cookie', `sessionid=${key}`).expect(200);
  const data = res.body as Record<string, unknown>;
  expect(data.user).toBe('alice');
  const marks = Object.keys(data).filter((name) => name.startsWith('r'));
  expect(marks).toHaveLength(1000);
  for (let n = 0; n < 1000; n++) expect(data[`r${n}`]).toBe(n);
}

describe.each(expressVersions)('hostile session cookies on %s', (_label, createApp) => {
  it.each([
    ['an 8 KB value', 'a'.repeat(8 * 1024)],
    ['a quoted value', '"abcdefghijklmnopqrstuvwxyz012345"'],
    ['a value with a NUL', 'abcdefgh\\000ijklmnop'],
    ['an empty value', ''],
    ['percent-escapes', '%61%62%63%64%65%66%67%68'],
    ['a SQL injection', "abcdefgh' OR '1'='1"],
    ['a path', '../../../../etc/passwd'],
  ])('a DB session cookie with %s is a new session, never an error', async (_what, value) => {
    const made = app(createApp, sqliteStore());
    await request(made).get('/get').set('Cookie', `sessionid=${value}`).expect(200, {});
    const res = await request(made).get('/set').set('Cookie', `sessionid=${value}`).expect(200);
    expect(sessionCookie(res)).toMatch(/^[a-z0-9]{32}$/);
  });

  it('reads the last of several sessionid cookies, as Django does', async () => {
    const made = app(createApp, sqliteStore());
    const key = sessionCookie(await request(made).get('/set'))!;
    await request(made)
      .get('/get')
      .set('Cookie', `sessionid=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz; other=1; sessionid=${key}`)
      .expect(200, { user: 'alice' });
  });

  it.each([
    ['oversized (5 KB)', () => 'A'.repeat(5 * 1024)],
    ['without a signature', () => 'eyJhIjoxfQ'],
    ['signed with another key', () => signedJson('{"user":"mallory"}', 'guess', COOKIE_SALT)],
    ['signed for another purpose (the db salt)', () => signedJson('{"user":"mallory"}', SECRET, DB_SALT)],
    [
      'older than cookieAge',
      () =>
        signedAt(Math.floor(Date.now() / 1000) - 1209601, () => signedJson('{"user":"mallory"}', SECRET, COOKIE_SALT)),
    ],
    ['signed JSON that is not an object', () => signedJson('[1,2]', SECRET, COOKIE_SALT)],
    ['signed text that is not JSON', () => signedJson('{not json', SECRET, COOKIE_SALT)],
    ['a compressed marker on bytes that do not inflate', () => `.AAAA:${'x'}`],
  ])('a signed-cookie session %s is an empty session', async (_what, make) => {
    const made = app(createApp, new SignedCookieSessionStore());
    await request(made).get('/get').set('Cookie', `sessionid=${make()}`).expect(200, {});
  });

  it('a DB session holding a zip bomb signed with the site’s key is an empty session', async () => {
    const db = new Database(':memory:');
    const made = app(createApp, sqliteStore(db));
    // 64 MiB of zeros deflate to 64 kB; the signers stop inflating at 16 MiB.
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const data = new TimestampSigner({ key: SECRET, salt: DB_SALT }).sign(`.${bomb.toString('base64url')}`);
    db.prepare('INSERT INTO django_session VALUES (?, ?, ?)').run(
      'zipbombzipbombzipbombzipbombzipb',
      data,
      '2999-12-31 00:00:00.000000',
    );
    await request(made).get('/get').set('Cookie', 'sessionid=zipbombzipbombzipbombzipbombzipb').expect(200, {});
  });

  it('a signed cookie with a forged payload but a real signature of other data fails', async () => {
    const made = app(createApp, new SignedCookieSessionStore());
    const real = sessionCookie(await request(made).get('/set'))!;
    const [, timestamp, signature] = real.split(':');
    const forged = `${Buffer.from('{"user":"mallory"}').toString('base64url')}:${timestamp}:${signature}`;
    await request(made).get('/get').set('Cookie', `sessionid=${forged}`).expect(200, {});
  });
});

describe.each(expressVersions)('1,000 concurrent requests on one session, on %s', (_label, createApp) => {
  jest.setTimeout(180_000);

  it('on SQLite: every request’s change is kept, nothing corrupted', async () => {
    await thousandAtOnce(app(createApp, sqliteStore()));
  });

  it('on Keyv in memory: every request’s change is kept', async () => {
    await thousandAtOnce(app(createApp, new CacheSessionStore(new Keyv())));
  });
});

describeWithRedis('1,000 concurrent requests on Redis')('1,000 concurrent requests on one session, on Redis', () => {
  jest.setTimeout(180_000);
  let redis: RedisServer;
  const adapters: Array<KeyvRedis<unknown>> = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(adapters.map((adapter) => adapter.disconnect(true)));
    await redis?.stop();
  });

  it.each(expressVersions)(
    'with Django’s pickles, on %s: every request’s change is kept',
    async (_label, createApp) => {
      const adapter = new KeyvRedis(redis.url);
      adapters.push(adapter);
      const keyv = new Keyv(adapter);
      keyv.on('error', () => {});
      await thousandAtOnce(app(createApp, new CacheSessionStore(keyv, { serializer: 'pickle' })));
    },
  );
});
