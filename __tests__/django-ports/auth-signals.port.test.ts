/**
 * Django's `user_logged_in` and `user_logged_out` signals, ported from
 * tests/auth_tests/test_signals.py (SignalTestCase) over HTTP on Express 4 and 5: the
 * receivers are `authenticationMiddleware({ userLoggedIn, userLoggedOut })`, called by
 * `login()` and `logout()` and by the test `Client`'s `login()`, `forceLogin()` and `logout()`.
 * `user_login_failed` is sent by Django's `authenticate()`, which the package leaves to the app.
 */
import Database from 'better-sqlite3';
import type { Request } from 'express';
import request from 'supertest';
import {
  JsonResponse,
  SESSION_KEY,
  authenticationMiddleware,
  getSession,
  login,
  logout,
  view,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { authSite, makeUsers, type SiteUser } from '../helpers/auth-site.js';

let users: Map<number, SiteUser>;
beforeAll(async () => {
  users = await makeUsers();
});

/** What each receiver saw: the user, and the session's `_auth_user_id` at that moment. */
interface Heard {
  user: string | null;
  sessionUserId: unknown;
}

function listeners() {
  const loggedIn: Heard[] = [];
  const loggedOut: Heard[] = [];
  const heard = (req: Request, user: SiteUser | undefined): Heard => ({
    user: user?.username ?? null,
    sessionUserId: getSession(req).get(SESSION_KEY) ?? null,
  });
  return {
    loggedIn,
    loggedOut,
    auth: {
      userLoggedIn: (req: Request, user: SiteUser) => {
        loggedIn.push(heard(req, user));
      },
      userLoggedOut: (req: Request, user: SiteUser | undefined) => {
        loggedOut.push(heard(req, user));
      },
    },
  };
}

describe.each(expressVersions)('SignalTestCase on %s', (_label, createApp) => {
  it('test_login: only a successful login sends user_logged_in, once the session holds the user', async () => {
    const { loggedIn, auth } = listeners();
    const agent = request.agent(authSite(createApp, users, { auth }).app);
    await agent.post('/login/').type('form').send({ username: 'testclient', password: 'bad' }).expect(200);
    expect(loggedIn).toEqual([]);
    await agent.post('/login/').type('form').send({ username: 'testclient', password: 'password' }).expect(302);
    expect(loggedIn).toEqual([{ user: 'testclient', sessionUserId: '1' }]);
  });

  it('test_logout_anonymous: logout() sends user_logged_out for an anonymous visitor too, with no user', async () => {
    const { loggedOut, auth } = listeners();
    await request(authSite(createApp, users, { auth }).app)
      .post('/logout/')
      .expect(200);
    expect(loggedOut).toEqual([{ user: null, sessionUserId: null }]);
  });

  it('test_logout: user_logged_out gets the user signing out, before the session is flushed', async () => {
    const { loggedOut, auth } = listeners();
    const agent = request.agent(authSite(createApp, users, { auth }).app);
    await agent.post('/login/').type('form').send({ username: 'testclient', password: 'password' }).expect(302);
    await agent.post('/logout/').expect(200);
    expect(loggedOut).toEqual([{ user: 'testclient', sessionUserId: '1' }]);
    expect((await agent.get('/state/').expect(200)).body).toMatchObject({ user: null, session: {} });
  });

  it('test_update_last_login: a receiver sets only last_login, before the response goes out', async () => {
    // Django's auth_user on SQLite, and its update_last_login as an async receiver.
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY, "username" varchar(150) NOT NULL UNIQUE, "last_login" datetime NULL)',
    );
    db.prepare('INSERT INTO auth_user (id, username, last_login) VALUES (2, ?, NULL)').run('staff');
    const site = authSite(createApp, users, {
      auth: {
        userLoggedIn: async (_req, user) => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          db.prepare('UPDATE auth_user SET last_login = ? WHERE id = ?').run('2026-12-07 21:00:00.000000', user.pk);
        },
      },
    });
    const renamed = { ...(users.get(2) as SiteUser), username: "This username shouldn't get saved" };
    site.app.post(
      '/login-staff/',
      view(async (req) => {
        await login(req, renamed);
        const row = db.prepare('SELECT username, last_login FROM auth_user WHERE id = 2').get();
        return new JsonResponse(row);
      }),
    );
    site.errors();
    const res = await request(site.app).post('/login-staff/').expect(200);
    expect(res.body).toEqual({ username: 'staff', last_login: '2026-12-07 21:00:00.000000' });
    db.close();
  });

  it('login() has the session signed in when it returns; its promise carries the receiver’s error', async () => {
    const site = authSite(createApp, users, {
      auth: {
        userLoggedIn: async () => {
          throw new Error('auth_user is read-only');
        },
      },
    });
    site.app.post(
      '/login-then-fail/',
      view(async (req) => {
        const signedIn = login(req, users.get(1) as SiteUser);
        expect(getSession(req).get(SESSION_KEY)).toBe('1');
        await signedIn;
        throw new Error('not reached');
      }),
    );
    site.errors();
    const res = await request(site.app).post('/login-then-fail/').expect(500);
    expect(res.text).toBe('auth_user is read-only');
  });

  it('await login() follows a receiver’s thenable that is not a native promise (a query builder’s)', async () => {
    const written: string[] = [];
    const site = authSite(createApp, users, {
      auth: {
        userLoggedIn: (_req, user) =>
          ({
            then(resolve: () => void) {
              setTimeout(() => {
                written.push(user.username);
                resolve();
              }, 20);
            },
          }) as unknown as Promise<void>,
      },
    });
    site.app.post(
      '/login-thenable/',
      view(async (req) => {
        await login(req, users.get(1) as SiteUser);
        return new JsonResponse({ written });
      }),
    );
    expect((await request(site.app).post('/login-thenable/').expect(200)).body).toEqual({ written: ['testclient'] });
  });

  it('a receiver that throws throws out of logout() before the session is flushed, as Django’s signal does', async () => {
    const site = authSite(createApp, users, {
      auth: {
        userLoggedOut: () => {
          throw new Error('audit log unavailable');
        },
      },
    });
    site.app.post(
      '/logout-sync/',
      view(async (req) => {
        await logout(req);
        throw new Error('not reached');
      }),
    );
    site.errors();
    const agent = request.agent(site.app);
    await agent.post('/login/').type('form').send({ username: 'testclient', password: 'password' }).expect(302);
    expect((await agent.post('/logout-sync/').expect(500)).text).toBe('audit log unavailable');
    expect((await agent.get('/state/').expect(200)).body).toMatchObject({ user: 'testclient' });
  });
});

describe.each(expressVersions)('the test Client sends the signals, as Django’s does, on %s', (_label, createApp) => {
  it('client.login() and client.forceLogin() send user_logged_in; client.logout() sends user_logged_out', async () => {
    const { loggedIn, loggedOut, auth } = listeners();
    const client = new Client(authSite(createApp, users, { auth }).app);
    expect(await client.login({ username: 'testclient', password: 'wrong' })).toBe(false);
    expect(loggedIn).toEqual([]);
    expect(await client.login({ username: 'testclient', password: 'password' })).toBe(true);
    await client.forceLogin(users.get(2) as SiteUser);
    expect(loggedIn).toEqual([
      { user: 'testclient', sessionUserId: '1' },
      { user: 'staff', sessionUserId: '2' },
    ]);
    await client.logout();
    expect(loggedOut).toEqual([{ user: 'staff', sessionUserId: '2' }]);
  });

  it('an async receiver’s error fails client.forceLogin()', async () => {
    const client = new Client(
      authSite(createApp, users, {
        auth: {
          userLoggedIn: async () => {
            throw new Error('auth_user is read-only');
          },
        },
      }).app,
    );
    await expect(client.forceLogin(users.get(1) as SiteUser)).rejects.toThrow('auth_user is read-only');
  });
});

describe('authenticationMiddleware() signal options', () => {
  it('refuses a receiver that is not a function, naming the option', () => {
    expect(() => authenticationMiddleware({ getUser: () => null, userLoggedIn: 'update_last_login' as never })).toThrow(
      new TypeError(
        'AuthenticationMiddleware option userLoggedIn must be a function (req, user) => void (got "update_last_login").',
      ),
    );
  });
});
