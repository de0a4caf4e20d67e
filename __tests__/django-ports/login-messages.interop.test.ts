/**
 * A login and messages shared with a real Django 5.2 on one SQLite file and one SECRET_KEY,
 * both ways, with Django's db session engine and its signed_cookies engine: a user signed in
 * by Django (its test Client's login(), which runs Django's login()) is req.user here, with
 * the messages Django's FallbackStorage wrote; a user signed in here (checkPassword against
 * Django's auth_user row, then login()) is get_user(request) in Django, with the messages
 * written here. A password changed in Django signs the session out here.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import {
  DatabaseSessionStore,
  SignedCookieSessionStore,
  authenticationMiddleware,
  checkPassword,
  login,
  messages,
  messagesMiddleware,
  sessionMiddleware,
  type SessionStore,
} from '../../lib/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

const SECRET_KEY = 'django-insecure-shared-by-both-sites';
const ENGINES = {
  db: 'django.contrib.sessions.backends.db',
  signed_cookies: 'django.contrib.sessions.backends.signed_cookies',
} as const;

function settings(dbFile: string, engine: keyof typeof ENGINES) {
  return {
    SECRET_KEY,
    DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: dbFile } },
    INSTALLED_APPS: [
      'django.contrib.auth',
      'django.contrib.contenttypes',
      'django.contrib.sessions',
      'django.contrib.messages',
    ],
    SESSION_ENGINE: ENGINES[engine],
    USE_TZ: true,
    PASSWORD_HASHERS: ['django.contrib.auth.hashers.PBKDF2PasswordHasher'],
  };
}

const SETUP = `
import sys, json
from django.core.management import call_command
from django.contrib.auth.models import User
from django.contrib.auth import get_user
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.conf import settings
from importlib import import_module
data = json.load(sys.stdin)
call_command("migrate", verbosity=0)
`;

interface DjangoLogin {
  sessionid: string;
  messages: string;
  password: string;
}

/** The Express site: Django's tables through better-sqlite3. */
function expressSite(db: Database.Database, store: SessionStore) {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(sessionMiddleware({ secretKey: SECRET_KEY, store }));
  const userById = db.prepare('SELECT id AS pk, username, password FROM auth_user WHERE id = ?');
  const userByName = db.prepare('SELECT id AS pk, username, password FROM auth_user WHERE username = ?');
  app.use(authenticationMiddleware({ getUser: (id) => userById.get(Number(id)) as { pk: number; password: string } }));
  app.use(messagesMiddleware());
  app.post('/login/', async (req, res) => {
    const user = userByName.get(req.body.username) as { pk: number; password: string } | undefined;
    if (!user || !(await checkPassword(String(req.body.password), user.password))) {
      res.status(401).send('bad');
      return;
    }
    await login(req, user);
    messages.success(req, 'Signed in from Express ✓');
    messages.info(req, 'Second message', { extraTags: 'quiet' });
    res.redirect(302, '/');
  });
  app.get('/state/', (req, res) => {
    const user = (req as { user?: { username: string } }).user;
    res.json({
      user: user?.username ?? null,
      messages: [...messages.getMessages(req)].map((m) => [m.level, m.message, m.extraTags]),
    });
  });
  return app;
}

describeWithDjango52('login and messages shared with Django 5.2')('login and messages shared with Django 5.2', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'login-interop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(Object.keys(ENGINES) as Array<keyof typeof ENGINES>)('with Django’s %s session engine', (engine) => {
    let dbFile: string;
    let db: Database.Database;
    let store: SessionStore;
    let djangoLogin: DjangoLogin;
    beforeAll(() => {
      dbFile = join(dir, `${engine}.sqlite3`);
      const made = runDjango52<DjangoLogin>(
        `${SETUP}
User.objects.create_user("ada", "ada@example.com", "correct horse")
from django.test import Client
client = Client()
assert client.login(username="ada", password="correct horse")
# Django's messages, written as its MessageMiddleware does, on the session the login made.
request = HttpRequest()
engine = import_module(settings.SESSION_ENGINE)
request.session = engine.SessionStore(client.cookies["sessionid"].value)
request.COOKIES = {}
storage = FallbackStorage(request)
storage.add(25, "Signed in from Django ✓")
storage.add(30, "Mind the gap", extra_tags="banner")
response = HttpResponse()
storage.update(response)
request.session.save()
print(json.dumps({"sessionid": request.session.session_key, "messages": response.cookies["messages"].value, "password": User.objects.get(username="ada").password}))`,
        {},
        { settings: settings(dbFile, engine) },
      );
      expect(made.password).toMatch(/^pbkdf2_sha256\$1000000\$/);
      db = new Database(dbFile);
      const query = (sql: string, params: unknown[]) => {
        const statement = db.prepare(sql);
        return statement.reader ? statement.all(...params) : statement.run(...params);
      };
      store = engine === 'db' ? new DatabaseSessionStore({ query }) : new SignedCookieSessionStore();
      djangoLogin = made;
    }, 120_000);
    afterAll(() => db.close());

    it('Django’s login and messages are read here', async () => {
      const res = await request(expressSite(db, store))
        .get('/state/')
        .set('Cookie', `sessionid=${djangoLogin.sessionid}; messages=${djangoLogin.messages}`);
      expect(res.body).toEqual({
        user: 'ada',
        messages: [
          [25, 'Signed in from Django ✓', ''],
          [30, 'Mind the gap', 'banner'],
        ],
      });
    });

    it('a login and messages written here are Django’s get_user() and messages; a password changed in Django signs out here', async () => {
      const app = expressSite(db, store);
      const res = await request(app).post('/login/').type('form').send({ username: 'ada', password: 'correct horse' });
      expect(res.status).toBe(302);
      const cookies = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0] as string);
      const sessionid = (cookies.find((c) => c.startsWith('sessionid=')) as string).slice('sessionid='.length);
      const messagesCookie = (cookies.find((c) => c.startsWith('messages=')) as string).slice('messages='.length);
      const django = runDjango52<{ user: string | null; session: Record<string, unknown>; messages: unknown[] }>(
        `${SETUP}
request = HttpRequest()
engine = import_module(settings.SESSION_ENGINE)
request.session = engine.SessionStore(data["sessionid"])
user = get_user(request)
request.COOKIES = {"messages": data["messages"]}
msgs = [[m.level, m.message, m.extra_tags] for m in FallbackStorage(request)]
out = {"user": user.username if user.is_authenticated else None, "session": dict(request.session.items()), "messages": msgs}
# The password changes in Django: every session of the user is signed out.
u = User.objects.get(username="ada"); u.set_password("new horse"); u.save()
print(json.dumps(out))`,
        { sessionid, messages: messagesCookie },
        { settings: settings(dbFile, engine) },
      );
      expect(django.user).toBe('ada');
      expect(django.session).toMatchObject({
        _auth_user_id: '1',
        _auth_user_backend: 'django.contrib.auth.backends.ModelBackend',
      });
      expect(django.messages).toEqual([
        [25, 'Signed in from Express ✓', ''],
        [20, 'Second message', 'quiet'],
      ]);
      const after = await request(app).get('/state/').set('Cookie', `sessionid=${sessionid}`);
      expect(after.body.user).toBeNull();
    }, 120_000);
  });
});
