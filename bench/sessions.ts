/**
 * The session scenarios: a signed-in user's request, which loads the user's session from the
 * store, reads who is signed in, counts the visit and saves the session back, through
 * `sessionMiddleware()` beside `express-session`:
 *
 * - `session-memory`: Django's cache engine on an in-memory Keyv (`CacheSessionStore(new
 *   Keyv())`) vs express-session's `MemoryStore`;
 * - `session-redis`: `CacheSessionStore` on `@keyv/redis` vs `connect-redis` on the `redis`
 *   client;
 * - `session-messages-redis`: the same on Redis, and the request also shows the flash message
 *   the previous request left and leaves a new one (post/redirect/get): `messagesMiddleware({
 *   storage: 'session' })` vs `connect-flash`, both keeping the messages in the session.
 *
 * What each side does per request, alike unless said:
 * - the request carries the cookie of a session that exists (one session per connection, as
 *   each user has their own: no two requests in flight share one), seeded when the server
 *   starts with the same data on both sides: a user id, the auth backend, a 64-character auth
 *   hash and a visit counter (Django's `_auth_user_*` keys), plus the pending message;
 * - one store read (the session) and, the session being changed, one save of the whole session
 *   (both save only what changed: `resave: false`, `saveUninitialized: false`, and Django's
 *   default `saveEveryRequest: false`), then a `Set-Cookie` of the session, valid two weeks
 *   (`Max-Age` here, `Expires` there), `HttpOnly`, `SameSite=Lax`, named `sessionid` on both;
 * - what differs by design: express-session's cookie is signed (`s:<id>.<HMAC-SHA256>`,
 *   checked on every request and signed again for the `Set-Cookie`); Django's session key is
 *   not signed (32 random characters of [a-z0-9], the key the store is looked up by). Django's
 *   cache engine saves a session only if it still exists (`UpdateError` otherwise: a logout in
 *   another tab), so the save is an `EXISTS` then a `SET` on Redis where connect-redis sends one
 *   `SET`; express-session also keeps its cookie's settings in the stored session (about 150
 *   bytes more); our side adds `Vary: Cookie`, as Django's middleware does.
 *
 * Any request whose session was not found answers 403, so the load fails the run; the check
 * before the load sends two requests per session and requires the second to see the visit the
 * first saved, on each side.
 */
import { createHash, createHmac } from 'node:crypto';
import KeyvRedis from '@keyv/redis';
import flash from 'connect-flash';
import { RedisStore } from 'connect-redis';
import express from 'express';
import expressSession from 'express-session';
import Keyv from 'keyv';
import { createClient } from 'redis';
import {
  CacheSessionStore,
  getSession,
  messages,
  messagesMiddleware,
  sessionMiddleware,
  type SessionData,
  type SessionStore,
} from '../lib/index.js';
import type { CheckFetch, Route, Scenario } from './scenarios.js';

const SECRET = 'bench-session-secret';
const COOKIE_NAME = 'sessionid';
/** Django's `SESSION_COOKIE_AGE` default, two weeks, on both sides. */
const AGE_SECONDS = 1_209_600;
/** Sessions seeded per scenario and side; connection `i` uses session `i % SESSIONS`. */
const SESSIONS = 256;
/** How many sessions the check before the load reads and writes twice, per side. */
const CHECKED_SESSIONS = 4;

/** The pending message of the messages scenario, as Django's SessionStorage keeps it. */
const DJANGO_PENDING = '[["__json_message", 0, 25, "Saved.", ""]]';

type Ids = 'session-memory' | 'session-redis' | 'session-messages-redis';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Our side's session key `i`: 32 characters of Django's [a-z0-9], as Django makes them. */
const djangoKey = (id: Ids, i: number): string => digest(`django ${id} ${i}`).toString('hex').slice(0, 32);
/** express-session's session id `i`: 32 base64url characters, as its `uid-safe` makes them. */
const expressSid = (id: Ids, i: number): string => digest(`express ${id} ${i}`).toString('base64url').slice(0, 32);
/** express-session's cookie value for `sid`: cookie-signature's `s:<sid>.<HMAC-SHA256, base64, unpadded>`, URL-encoded. */
const signedSid = (sid: string): string =>
  encodeURIComponent(`s:${sid}.${createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '')}`);

/** The signed-in user's data of session `i`: the same on both sides. */
function userData(i: number): Record<string, string | number> {
  return {
    _auth_user_id: String(1000 + i),
    _auth_user_backend: 'django.contrib.auth.backends.ModelBackend',
    _auth_user_hash: digest(`user ${i}`).toString('hex'),
    visits: 0,
  };
}

/** The per-connection cookies of one side. */
const cookies = (value: (i: number) => string): Array<Record<string, string>> =>
  Array.from({ length: SESSIONS }, (_, i) => ({ cookie: `${COOKIE_NAME}=${value(i)}` }));

/** express-session's cookie settings: those of Django's session cookie. */
const COOKIE: expressSession.CookieOptions = { maxAge: AGE_SECONDS * 1000, httpOnly: true, sameSite: 'lax', path: '/' };
// express-session's Cookie takes its options (its types declare no constructor).
const Cookie = expressSession.Cookie as unknown as new (options: expressSession.CookieOptions) => expressSession.Cookie;

const SESSION_CONFIG = { secretKey: SECRET, secretKeyFallbacks: [], cookieAge: AGE_SECONDS };

/** Save our side's sessions of scenario `id` in `store`, through the store's own `save`. */
async function seedOurs(store: SessionStore, id: Ids, withMessage: boolean): Promise<void> {
  for (let i = 0; i < SESSIONS; i++) {
    const data: SessionData = new Map(Object.entries(userData(i)));
    if (withMessage) data.set('_messages', DJANGO_PENDING);
    await store.save(djangoKey(id, i), data, {
      settings: SESSION_CONFIG,
      mustCreate: true,
      expiryAge: AGE_SECONDS,
      expiryDate: new Date(Date.now() + AGE_SECONDS * 1000),
    });
  }
}

/** Save express-session's sessions of scenario `id` in `store`, as express-session writes them. */
async function seedTheirs(store: expressSession.Store, id: Ids, withMessage: boolean): Promise<void> {
  for (let i = 0; i < SESSIONS; i++) {
    const data = {
      cookie: new Cookie(COOKIE),
      ...userData(i),
      ...(withMessage ? { flash: { success: ['Saved.'] } } : {}),
    } as unknown as expressSession.SessionData;
    await new Promise<void>((resolve, reject) =>
      store.set(expressSid(id, i), data, (err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

interface UserSession {
  _auth_user_id?: string;
  visits?: number;
}

/** express-session as its README sets it up, with the cookie our side sends. */
function theirSessions(store: expressSession.Store): express.RequestHandler {
  return expressSession({
    secret: SECRET,
    name: COOKIE_NAME,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: COOKIE,
  });
}

/** Mount the two routes of scenario `id` on `app`, over the given stores. */
function mountPair(
  app: express.Express,
  id: Ids,
  ours: SessionStore,
  theirs: expressSession.Store,
  withMessages: boolean,
): void {
  const baseline = express.Router();
  baseline.use(theirSessions(theirs));
  if (withMessages) baseline.use(flash());
  baseline.get('/', (req, res) => {
    const session = req.session as typeof req.session & UserSession;
    const user = session._auth_user_id;
    if (user === undefined) {
      res.status(403).send('not signed in');
      return;
    }
    const visits = (session.visits ?? 0) + 1;
    session.visits = visits;
    let shown = '';
    if (withMessages) {
      shown = `: ${req.flash('success').join(' ')}`;
      req.flash('success', 'Saved.');
    }
    res.send(`user ${user}, visit ${visits}${shown}`);
  });
  app.use(`/${id}/express-session`, baseline);

  const adapter = express.Router();
  adapter.use(sessionMiddleware({ secretKey: SECRET, store: ours }));
  if (withMessages) adapter.use(messagesMiddleware({ storage: 'session' }));
  adapter.get('/', (req, res) => {
    const session = getSession(req);
    const user = session.get<string>('_auth_user_id');
    if (user === undefined) {
      res.status(403).send('not signed in');
      return;
    }
    const visits = session.get<number>('visits', 0) + 1;
    session.set('visits', visits);
    let shown = '';
    if (withMessages) {
      shown = `: ${Array.from(messages.getMessages(req), (message) => message.message).join(' ')}`;
      messages.success(req, 'Saved.');
    }
    res.send(`user ${user}, visit ${visits}${shown}`);
  });
  app.use(`/${id}/adapter`, adapter);
}

/**
 * Mount every session route on `app` and seed the stores; the Redis routes only with
 * `redisUrl`. Resolves once every session is stored: serve no request before.
 */
export async function mountSessions(app: express.Express, redisUrl?: string): Promise<void> {
  const memory = { ours: new CacheSessionStore(new Keyv()), theirs: new expressSession.MemoryStore() };
  mountPair(app, 'session-memory', memory.ours, memory.theirs, false);
  const seeding = [seedOurs(memory.ours, 'session-memory', false), seedTheirs(memory.theirs, 'session-memory', false)];
  if (redisUrl !== undefined) {
    const keyv = new Keyv(new KeyvRedis(redisUrl));
    keyv.on('error', (err: unknown) => console.error('bench: Redis (@keyv/redis):', err));
    const client = createClient({ url: redisUrl });
    client.on('error', (err: unknown) => console.error('bench: Redis (redis):', err));
    await client.connect();
    const redis = { ours: new CacheSessionStore(keyv), theirs: new RedisStore({ client }) };
    mountPair(app, 'session-redis', redis.ours, redis.theirs, false);
    mountPair(app, 'session-messages-redis', redis.ours, redis.theirs, true);
    seeding.push(
      seedOurs(redis.ours, 'session-redis', false),
      seedTheirs(redis.theirs, 'session-redis', false),
      seedOurs(redis.ours, 'session-messages-redis', true),
      seedTheirs(redis.theirs, 'session-messages-redis', true),
    );
  }
  await Promise.all(seeding);
}

/**
 * Two requests on each of the first sessions of each side: both find the session (200), the
 * second sees the visit the first saved in the store, and each answer sets the cookie of the
 * session it was sent (the session was saved, not a new one made).
 */
async function checkStoreRoundTrips(scenario: Scenario, fetch: CheckFetch): Promise<void> {
  for (const [side, route] of [
    ['baseline', scenario.baseline],
    ['adapter', scenario.adapter],
  ] as const) {
    for (let connection = 0; connection < CHECKED_SESSIONS; connection++) {
      const sent = route.request?.connectionHeaders?.[connection]?.cookie;
      const visits: number[] = [];
      for (let i = 0; i < 2; i++) {
        const answer = await fetch(route, connection);
        const body = answer.body.toString();
        const visit = /visit (\d+)/.exec(body)?.[1];
        if (answer.status !== 200 || visit === undefined) {
          throw new Error(`${scenario.id}: the ${side} route answered ${answer.status} "${body}" for ${sent}.`);
        }
        visits.push(Number(visit));
        const setCookie = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${COOKIE_NAME}=`));
        if (setCookie?.split(';')[0] !== sent) {
          throw new Error(`${scenario.id}: the ${side} route set ${setCookie ?? 'no session cookie'} for ${sent}.`);
        }
      }
      if (visits[1] !== (visits[0] as number) + 1) {
        throw new Error(
          `${scenario.id}: the ${side} route counted visits ${visits.join(', ')} on one session: the save did not reach the store.`,
        );
      }
    }
  }
}

function scenario(id: Ids, label: string, short: string, baseline: string, adapter: string): Scenario {
  const route = (name: string, side: 'express-session' | 'adapter', value: (i: number) => string): Route => ({
    name,
    server: 'express',
    path: `/${id}/${side}/`,
    request: { method: 'GET', headers: {}, connectionHeaders: cookies(value) },
  });
  const self: Scenario = {
    id,
    label,
    short,
    kind: 'requests',
    baseline: route(baseline, 'express-session', (i) => signedSid(expressSid(id, i))),
    adapter: route(adapter, 'adapter', (i) => djangoKey(id, i)),
    target: 0.8,
    status: 200,
    sameHeaders: ['content-type', 'content-length'],
    sameBody: true,
    check: (fetch) => checkStoreRoundTrips(self, fetch),
    ...(id === 'session-memory' ? {} : { needs: 'redis' as const }),
  };
  return self;
}

/** The session pairs, registered in scenarios.ts. */
export const SESSION_SCENARIOS: Scenario[] = [
  scenario(
    'session-memory',
    "a signed-in user's session read and saved, in memory: `sessionMiddleware` (`CacheSessionStore` on Keyv) vs `express-session` (`MemoryStore`)",
    'session read + save (memory)',
    'express-session MemoryStore',
    'sessionMiddleware + CacheSessionStore(Keyv)',
  ),
  scenario(
    'session-redis',
    "a signed-in user's session read and saved on Redis: `CacheSessionStore` on `@keyv/redis` vs `express-session` + `connect-redis`",
    'session read + save (Redis)',
    'express-session + connect-redis',
    'sessionMiddleware + CacheSessionStore(@keyv/redis)',
  ),
  scenario(
    'session-messages-redis',
    'the same with a flash message shown and one left, on Redis: + `messagesMiddleware` (session storage) vs + `connect-flash`',
    'session + message (Redis)',
    'express-session + connect-redis + connect-flash',
    'sessionMiddleware (@keyv/redis) + messagesMiddleware',
  ),
];
