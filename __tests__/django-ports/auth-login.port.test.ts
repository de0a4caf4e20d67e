/**
 * Django's login, logout and get_user tests, ported case by case over HTTP on Express 4 and 5
 * (sessions in Django's django_session table on SQLite):
 * tests/auth_tests/test_login.py (TestLogin), test_basic.py (TestGetUser),
 * test_middleware.py (TestAuthenticationMiddleware), and from test_views.py LoginTest's
 * session cases, LogoutTest and SessionAuthenticationTests.
 */
import type { Express } from 'express';
import request from 'supertest';
import {
  BACKEND_SESSION_KEY,
  HASH_SESSION_KEY,
  SESSION_KEY,
  Session,
  csrfViewMiddleware,
  getCsrfToken,
  getSessionAuthHash,
  makePassword,
  type DatabaseSessionStore,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import {
  SITE_SECRET,
  TEST_HASHERS,
  authSite,
  makeUsers,
  sessionDatabase,
  type SiteUser,
} from '../helpers/auth-site.js';

interface State {
  user: string | null;
  sessionKey: string | null;
  session: Record<string, unknown>;
}

/** Django's `self.client.session`, read through the site. */
async function state(agent: request.Agent): Promise<State> {
  return (await agent.get('/state/').expect(200)).body as State;
}

/** The session key a response's cookie carries. */
function sessionKeyOf(res: request.Response): string | undefined {
  return /^sessionid=([a-z0-9]*);/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1];
}

/** Django's AuthViewsTestCase.login(). */
async function loginAs(agent: request.Agent, username = 'testclient', password = 'password') {
  const res = await agent.post('/login/').type('form').send({ username, password });
  expect(res.status).toBe(302);
  return res;
}

/** A session written straight into the store, as Django's `engine.SessionStore()` in a test. */
async function storeSession(store: DatabaseSessionStore, data: Record<string, string>): Promise<string> {
  const session = new Session(store, { secretKey: SITE_SECRET, secretKeyFallbacks: [], cookieAge: 1_209_600 });
  for (const [key, value] of Object.entries(data)) session.set(key, value);
  await session.save();
  return session.sessionKey as string;
}

describe.each(expressVersions)('Django auth login/logout/get_user on %s', (_label, express) => {
  let users: Map<number, SiteUser>;
  beforeEach(async () => {
    users = await makeUsers();
  });
  const testclient = () => users.get(1) as SiteUser;

  describe('TestLogin (test_login.py)', () => {
    it('test_user_login: the session holds the primary key as a string', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      const { session, user } = await state(agent);
      expect(session[SESSION_KEY]).toBe('1');
      expect(session[BACKEND_SESSION_KEY]).toBe('django.contrib.auth.backends.ModelBackend');
      expect(session[HASH_SESSION_KEY]).toBe(getSessionAuthHash(testclient().password, SITE_SECRET));
      expect(user).toBe('testclient');
    });

    it('test_inactive_user: login() signs an inactive user in all the same (the backend decides)', async () => {
      testclient().isActive = false;
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      expect((await state(agent)).session[SESSION_KEY]).toBe('1');
    });
  });

  describe('TestGetUser (test_basic.py)', () => {
    it('test_get_user_anonymous: no session, no user', async () => {
      expect((await state(request.agent(authSite(express, users).app))).user).toBeNull();
    });

    it('test_get_user: the session’s user', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      expect((await state(agent)).user).toBe('testclient');
    });

    it('test_get_user_fallback_secret: a rotated secret keeps the user, with a new key and the current hash', async () => {
      const { store } = sessionDatabase();
      const agent = request.agent(authSite(express, users, { store }).app);
      await loginAs(agent);
      const before = await state(agent);
      // The site now signs with newsecret and still accepts the old one.
      const rotated = authSite(express, users, { store, secretKey: 'newsecret', secretKeyFallbacks: [SITE_SECRET] });
      const cookie = `sessionid=${before.sessionKey as string}`;
      const rotatedRes = await request(rotated.app).get('/state/').set('Cookie', cookie);
      const afterRotation = rotatedRes.body as State;
      expect(afterRotation.user).toBe('testclient');
      const newKey = sessionKeyOf(rotatedRes);
      expect(newKey).toMatch(/^[a-z0-9]{32}$/);
      expect(newKey).not.toBe(before.sessionKey);
      expect(afterRotation.session[HASH_SESSION_KEY]).toBe(getSessionAuthHash(testclient().password, 'newsecret'));
      // The fallback is removed: the session's hash is the current secret's now.
      const onlyNew = authSite(express, users, { store, secretKey: 'newsecret' });
      const res = await request(onlyNew.app)
        .get('/state/')
        .set('Cookie', `sessionid=${newKey as string}`);
      expect((res.body as State).user).toBe('testclient');
    });
  });

  describe('TestAuthenticationMiddleware (test_middleware.py)', () => {
    it('test_no_password_change_doesnt_invalidate_session', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      expect((await state(agent)).user).toBe('testclient');
      expect((await state(agent)).user).toBe('testclient');
    });

    it('test_changed_password_invalidates_session: anonymous, and the session flushed', async () => {
      const site = authSite(express, users);
      const agent = request.agent(site.app);
      await loginAs(agent);
      const { sessionKey } = await state(agent);
      testclient().password = await makePassword('new_password', { hashers: TEST_HASHERS });
      const res = await agent.get('/state/');
      expect((res.body as State).user).toBeNull();
      expect((res.body as State).sessionKey).toBeNull();
      expect(res.headers['set-cookie']?.[0]).toMatch(
        /^sessionid=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/,
      );
      expect(
        await site.store.load(sessionKey as string, { secretKey: SITE_SECRET, secretKeyFallbacks: [], cookieAge: 1 }),
      ).toBeNull();
    });

    it('test_no_session: the middleware needs sessionMiddleware before it, and says so', async () => {
      const site = authSite(express, users, { sessions: false, messages: false });
      site.errors();
      const res = await request(site.app).get('/anything/');
      expect(res.status).toBe(500);
      expect(res.text).toBe(
        'authenticationMiddleware() requires the session: mount sessionMiddleware({ secretKey, store }) with app.use() before authenticationMiddleware().',
      );
    });
  });

  describe('LoginTest (test_views.py), session cases', () => {
    it('test_session_key_flushed_on_login: another user’s session is not reused', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      const original = (await state(agent)).sessionKey;
      await loginAs(agent, 'staff');
      const after = await state(agent);
      expect(after.sessionKey).not.toBe(original);
      expect(after.user).toBe('staff');
    });

    it('test_session_key_flushed_on_login_after_password_change', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      const original = (await state(agent)).sessionKey;
      // No password change: the session key is kept.
      await loginAs(agent);
      expect((await state(agent)).sessionKey).toBe(original);
      testclient().password = await makePassword('foobar', { hashers: TEST_HASHERS });
      await loginAs(agent, 'testclient', 'foobar');
      expect((await state(agent)).sessionKey).not.toBe(original);
    });

    it('test_login_session_without_hash_session_key: a session with only _auth_user_id logs in', async () => {
      const site = authSite(express, users);
      const original = await storeSession(site.store, { [SESSION_KEY]: '1' });
      const agent = request.agent(site.app);
      const res = await agent.post('/login/').set('Cookie', `sessionid=${original}`).type('form').send({
        username: 'testclient',
        password: 'password',
      });
      expect(res.status).toBe(302);
      const key = sessionKeyOf(res);
      expect(key).toMatch(/^[a-z0-9]{32}$/);
      expect(key).not.toBe(original);
    });

    it('test_login_csrf_rotate: login rotates the CSRF token', async () => {
      const site = authSite(express, users, { before: [csrfViewMiddleware()] });
      site.app.get('/form/', (req, res) => void res.send(getCsrfToken(req)));
      const agent = request.agent(site.app);
      const page = await agent.get('/form/');
      const token1 = /csrftoken=([A-Za-z0-9]+)/.exec(String(page.headers['set-cookie']))?.[1];
      expect(token1).toHaveLength(32);
      const res = await agent
        .post('/login/')
        .type('form')
        .send({ username: 'testclient', password: 'password', csrfmiddlewaretoken: page.text });
      expect(res.status).toBe(302);
      const token2 = /csrftoken=([A-Za-z0-9]+)/.exec(String(res.headers['set-cookie']))?.[1];
      expect(token2).toHaveLength(32);
      expect(token2).not.toBe(token1);
    });

    it('a session fixation attempt: the key an attacker chose before login is cycled and deleted', async () => {
      const site = authSite(express, users);
      const planted = await storeSession(site.store, { planted: 'by attacker' });
      const victim = request.agent(site.app);
      const res = await victim.post('/login/').set('Cookie', `sessionid=${planted}`).type('form').send({
        username: 'testclient',
        password: 'password',
      });
      const key = sessionKeyOf(res);
      expect(key).not.toBe(planted);
      const settings = { secretKey: SITE_SECRET, secretKeyFallbacks: [], cookieAge: 1 };
      expect(await site.store.load(planted, settings)).toBeNull();
      // The data of the anonymous session is kept, as Django keeps it.
      expect(Object.fromEntries((await site.store.load(key as string, settings)) ?? [])).toMatchObject({
        planted: 'by attacker',
        [SESSION_KEY]: '1',
      });
      // The attacker's cookie is anonymous.
      expect(
        ((await request(site.app).get('/state/').set('Cookie', `sessionid=${planted}`)).body as State).user,
      ).toBeNull();
    });
  });

  describe('LogoutTest (test_views.py)', () => {
    it('test_logout: the session is flushed, its row deleted and its cookie removed', async () => {
      const site = authSite(express, users);
      const agent = request.agent(site.app);
      await loginAs(agent);
      const { sessionKey } = await state(agent);
      const res = await agent.post('/logout/');
      expect(res.text).toBe('Logged out');
      expect(res.headers['set-cookie']?.[0]).toMatch(
        /^sessionid=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/,
      );
      expect(
        await site.store.load(sessionKey as string, { secretKey: SITE_SECRET, secretKeyFallbacks: [], cookieAge: 1 }),
      ).toBeNull();
      expect((await state(agent)).user).toBeNull();
    });

    it('test_logout_with_user: a logged-out session cookie sent again is anonymous', async () => {
      const site = authSite(express, users);
      const agent = request.agent(site.app);
      await loginAs(agent);
      const { sessionKey } = await state(agent);
      await agent.post('/logout/');
      const res = await request(site.app)
        .get('/state/')
        .set('Cookie', `sessionid=${sessionKey as string}`);
      expect((res.body as State).user).toBeNull();
    });
  });

  describe('SessionAuthenticationTests (test_views.py)', () => {
    it('test_user_password_change_updates_session: updateSessionAuthHash keeps this session, rotates its key', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      const original = (await state(agent)).sessionKey;
      const res = await agent.post('/password_change/').type('form').send({ new_password1: 'password1' });
      expect(res.headers.location).toBe('/password_change/done/');
      const after = await state(agent);
      expect(after.user).toBe('testclient');
      expect(after.sessionKey).not.toBe(original);
    });

    it('another session of the user is signed out by the password change', async () => {
      const site = authSite(express, users);
      const here = request.agent(site.app);
      const elsewhere = request.agent(site.app);
      await loginAs(here);
      await loginAs(elsewhere);
      await here.post('/password_change/').type('form').send({ new_password1: 'password1' });
      expect((await state(here)).user).toBe('testclient');
      expect((await state(elsewhere)).user).toBeNull();
    });
  });

  describe('get_user’s backend check', () => {
    it('a session naming a backend not in backends is anonymous; one in backends is accepted', async () => {
      const site = authSite(express, users);
      const key = await storeSession(site.store, {
        [SESSION_KEY]: '1',
        [BACKEND_SESSION_KEY]: 'myapp.backends.Other',
        [HASH_SESSION_KEY]: getSessionAuthHash(testclient().password, SITE_SECRET),
      });
      const get = (app: Express) => request(app).get('/state/').set('Cookie', `sessionid=${key}`);
      expect(((await get(site.app)).body as State).user).toBeNull();
      const allowing = authSite(express, users, {
        store: site.store,
        auth: { backends: ['django.contrib.auth.backends.ModelBackend', 'myapp.backends.Other'] },
      });
      expect(((await get(allowing.app)).body as State).user).toBe('testclient');
    });

    it('a user getUser no longer finds is anonymous', async () => {
      const agent = request.agent(authSite(express, users).app);
      await loginAs(agent);
      users.delete(1);
      expect((await state(agent)).user).toBeNull();
    });
  });
});
