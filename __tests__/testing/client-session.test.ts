/**
 * client.session (Django's test client's): read and change the app's session between
 * requests, on each store, on Express 4 and 5.
 */
import Database from 'better-sqlite3';
import Keyv from 'keyv';
import {
  CacheSessionStore,
  DatabaseSessionStore,
  SignedCookieSessionStore,
  getSession,
  sessionMiddleware,
  type SessionStore,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

function sqliteStore(): DatabaseSessionStore {
  const db = new Database(':memory:');
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

const STORES: Array<[string, () => SessionStore]> = [
  ['SignedCookieSessionStore', () => new SignedCookieSessionStore()],
  ['DatabaseSessionStore', sqliteStore],
  ['CacheSessionStore', () => new CacheSessionStore(new Keyv())],
];

function makeApp(createApp: AppFactory, store: SessionStore) {
  const app = createApp();
  app.use(sessionMiddleware({ secretKey: 'client-session-secret', store }));
  app.get('/count', (req, res) => {
    const session = getSession(req);
    session.set('count', session.get<number>('count', 0) + 1);
    res.json(session.get('count'));
  });
  app.get('/read', (req, res) => {
    res.json(Object.fromEntries(getSession(req).entries()));
  });
  return app;
}

describe.each(expressVersions)('client.session on %s', (_label, createApp) => {
  describe.each(STORES)('with %s', (_name, makeStore) => {
    it('reads what the app stored (Django: self.client.session["count"])', async () => {
      const client = new Client(makeApp(createApp, makeStore()));
      await client.get('/count');
      await client.get('/count');
      expect((await client.session).get('count')).toBe(2);
    });

    it('changes the session for the next request once saved (Django: session["x"] = …; session.save())', async () => {
      const client = new Client(makeApp(createApp, makeStore()));
      await client.get('/count');
      const session = await client.session;
      session.set('count', 41);
      session.set('cart', ['book']);
      await session.save();
      expect((await client.get('/count')).json()).toBe(42);
      expect((await client.get('/read')).json()).toEqual({ count: 42, cart: ['book'] });
    });

    it('without a cookie yet, makes a session and gives the client its cookie', async () => {
      const client = new Client(makeApp(createApp, makeStore()));
      const session = await client.session;
      expect(session.sessionKey).not.toBeNull();
      session.set('seeded', true);
      await session.save();
      expect((await client.get('/read')).json()).toEqual({ seeded: true });
    });

    it('a flushed session leaves the client without a session', async () => {
      const client = new Client(makeApp(createApp, makeStore()));
      await client.get('/count');
      const session = await client.session;
      session.flush();
      await session.save();
      expect((await client.get('/read')).json()).toEqual({});
    });
  });

  it('names the fix when no sessionMiddleware() answers', async () => {
    const app = createApp();
    app.get('/', (_req, res) => {
      res.send('no sessions here');
    });
    await expect(new Client(app).session).rejects.toThrow(
      /no sessionMiddleware\(\) answered it \(the app answered 200\)/,
    );
  });
});
