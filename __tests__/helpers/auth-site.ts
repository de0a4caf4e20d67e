/**
 * A small site for the login and messages tests: users in memory with Django password hashes,
 * sessions in Django's django_session table on SQLite (better-sqlite3), a login view as
 * Django's LoginView does it, logout, a password change with updateSessionAuthHash, and a
 * page telling who is signed in and what the session holds.
 */
import Database from 'better-sqlite3';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import {
  DatabaseSessionStore,
  MD5PasswordHasher,
  authenticationMiddleware,
  checkPassword,
  getSession,
  login,
  logout,
  makePassword,
  messagesMiddleware,
  updateSessionAuthHash,
  type AuthenticationMiddlewareOptions,
  type MessagesMiddlewareOptions,
  type SqlQuery,
} from '../../lib/index.js';
import { sessionMiddleware } from '../../lib/index.js';
import type { AppFactory } from './apps.js';

/** Django's test settings hash with MD5, for speed. */
export const TEST_HASHERS = [new MD5PasswordHasher()];
export const SITE_SECRET = 'django-insecure-auth-site-secret';

export interface SiteUser {
  pk: number;
  username: string;
  password: string;
  isActive: boolean;
}

/** Django's django_session table, as its migration makes it on SQLite. */
export const SQLITE_SESSION_TABLE =
  'CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL)';

/** An in-memory SQLite database with the django_session table, and a query function over it. */
export function sessionDatabase(): { db: Database.Database; query: SqlQuery; store: DatabaseSessionStore } {
  const db = new Database(':memory:');
  db.exec(SQLITE_SESSION_TABLE);
  const query: SqlQuery = (sql, params) => {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all(...params) : statement.run(...params);
  };
  return { db, query, store: new DatabaseSessionStore({ query }) };
}

/** The users of Django's auth tests fixture: testclient and staff, password "password". */
export async function makeUsers(): Promise<Map<number, SiteUser>> {
  const users = new Map<number, SiteUser>();
  for (const [pk, username] of [
    [1, 'testclient'],
    [2, 'staff'],
  ] as const) {
    users.set(pk, {
      pk,
      username,
      password: await makePassword('password', { hashers: TEST_HASHERS }),
      isActive: true,
    });
  }
  return users;
}

export interface SiteOptions {
  secretKey?: string;
  secretKeyFallbacks?: string[];
  store?: DatabaseSessionStore;
  auth?: Partial<AuthenticationMiddlewareOptions<SiteUser>>;
  /** Leave out the middleware's authenticate option. */
  withoutAuthenticate?: boolean;
  messages?: MessagesMiddlewareOptions | false;
  /** Mount the session middleware (default true). */
  sessions?: boolean;
  /** Middleware mounted right after the session's. */
  before?: RequestHandler[];
}

/** The site on Express 4 or 5. */
export function authSite(createApp: AppFactory, users: Map<number, SiteUser>, options: SiteOptions = {}) {
  const app = createApp();
  const store = options.store ?? sessionDatabase().store;
  app.use(createApp.urlencoded({ extended: false }));
  if (options.sessions !== false) {
    app.use(
      sessionMiddleware({
        secretKey: options.secretKey ?? SITE_SECRET,
        secretKeyFallbacks: options.secretKeyFallbacks ?? [],
        store,
      }),
    );
  }
  for (const handler of options.before ?? []) app.use(handler);
  const byName = (username: unknown) => [...users.values()].find((user) => user.username === username);
  const authenticate: AuthenticationMiddlewareOptions<SiteUser>['authenticate'] = async ({ username, password }) => {
    const user = byName(username);
    return user && (await checkPassword(String(password), user.password, { hashers: TEST_HASHERS })) ? user : null;
  };
  app.use(
    authenticationMiddleware<SiteUser>({
      getUser: (id) => users.get(Number(id)),
      ...(options.withoutAuthenticate ? {} : { authenticate }),
      ...options.auth,
    }),
  );
  if (options.messages !== false) app.use(messagesMiddleware(options.messages ?? {}));
  // Django's LoginView: authenticate, then login() and a redirect.
  app.post('/login/', async (req, res) => {
    const user = byName(req.body?.username);
    if (user && (await checkPassword(String(req.body?.password), user.password, { hashers: TEST_HASHERS }))) {
      await login(req, user);
      res.redirect(302, '/accounts/profile/');
      return;
    }
    res.status(200).send('Please enter a correct username and password.');
  });
  app.post('/logout/', async (req, res) => {
    await logout(req);
    res.send('Logged out');
  });
  // Django's PasswordChangeView: set the password, then update_session_auth_hash().
  app.post('/password_change/', async (req, res) => {
    const user = (req as Request & { user?: SiteUser }).user;
    if (!user) {
      res.redirect(302, '/login/?next=/password_change/');
      return;
    }
    user.password = await makePassword(String(req.body?.new_password1), { hashers: TEST_HASHERS });
    updateSessionAuthHash(req, user);
    res.redirect(302, '/password_change/done/');
  });
  app.get('/state/', (req, res) => {
    const session = getSession(req);
    res.json({
      user: (req as Request & { user?: SiteUser }).user?.username ?? null,
      sessionKey: session.sessionKey,
      session: Object.fromEntries(session.entries()),
    });
  });
  const errors: ErrorRequestHandler = (err: Error, _req, res, _next) => {
    res.status(500).send(err.message);
  };
  return { app, store, errors: () => app.use(errors) };
}
