/**
 * Django's tests/messages_tests ported case by case, through real Express apps on Express 4
 * and 5 (the test Client for Django's self.client, supertest for the raw cookies): base.py's
 * BaseTests run for each storage (CookieTests, SessionTests, FallbackTests), then
 * test_cookie.py, test_session.py, test_fallback.py and test_api.py's cases. Sessions are in
 * Django's django_session table on SQLite.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import multer from 'multer';
import request from 'supertest';
import {
  CookieStorage,
  Message,
  messages,
  messagesMiddleware,
  sessionMiddleware,
  getSession,
  type MessagesMiddlewareOptions,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import '../../lib/testing/jest-setup.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';
import { SITE_SECRET, sessionDatabase } from '../helpers/auth-site.js';

const { DEBUG, INFO, SUCCESS, WARNING, ERROR } = messages.constants;
const LEVELS = { debug: DEBUG, info: INFO, success: SUCCESS, warning: WARNING, error: ERROR } as const;
type LevelName = keyof typeof LEVELS;
const DATA = { messages: [0, 1, 2, 3, 4].map((x) => `Test message ${x}`) };

/** Text that compresses as little as Django's get_random_string(), the same on every run. */
function randomText(seed: number, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) {
    text += createHash('sha512').update(`${seed}.${i}`).digest('base64').replace(/[+/=]/g, '');
  }
  return text.slice(0, length);
}

/** Django's add_level_messages(storage), through the API. */
function addLevelMessages(req: Request): void {
  messages.info(req, 'A generic info message');
  messages.addMessage(req, 29, 'Some custom level');
  messages.debug(req, 'A debugging message', { extraTags: 'extra-tag' });
  messages.warning(req, 'A warning');
  messages.error(req, 'An error');
  messages.success(req, 'This was a triumph.');
}

/** messages_tests/urls.py: add_message, show_message, and probes of the storage. */
function site(express: AppFactory, options: MessagesMiddlewareOptions | false, withSession = true) {
  const app = useNunjucks(express());
  // The fields as Django reads request.POST: multipart (what the test Client posts) and forms.
  app.use(multer().none(), express.urlencoded({ extended: false }));
  if (withSession) app.use(sessionMiddleware({ secretKey: SITE_SECRET, store: sessionDatabase().store }));
  if (options !== false) app.use(messagesMiddleware(options));
  app.post('/add/:level/', (req: Request, res: Response) => {
    const level = req.params.level as LevelName;
    const body = (req.body ?? {}) as { messages?: string | string[]; fail_silently?: string };
    const texts = ([] as string[]).concat(body.messages ?? []);
    for (const text of texts) messages[level](req, text, { failSilently: body.fail_silently === 'true' });
    res.redirect(302, '/show/');
  });
  app.get('/show/', (_req, res) => res.render('messages_tests/show'));
  app.post('/levels/', (req: Request, res: Response) => {
    const asked = (req.body as { level?: string } | undefined)?.level;
    if (asked !== undefined) messages.setLevel(req, asked === 'null' ? null : Number(asked));
    const level = messages.getLevel(req);
    addLevelMessages(req);
    const list = [...messages.getMessages(req)];
    res.json({ level, count: list.length, tags: list.map((m) => m.tags), levelTags: list.map((m) => m.levelTag) });
  });
  app.get('/read/', (req, res) => res.json([...messages.getMessages(req)].map((m) => m.message)));
  app.get('/nothing/', (_req, res) => res.send('untouched'));
  app.post('/add-then-read/', (req, res) => {
    messages.info(req, 'Test message 3');
    res.json([...messages.getMessages(req)].map((m) => m.message));
  });
  app.post('/read-then-add/', (req, res) => {
    const read = [...messages.getMessages(req)].map((m) => m.message);
    messages.info(req, 'Test message 3');
    res.json(read);
  });
  app.get('/session/', (req, res) => res.json(Object.fromEntries(getSession(req).entries())));
  app.use((err: Error, _req: Request, res: Response, _next: () => void) => {
    res.status(500).send(`${err.name}: ${err.message}`);
  });
  return app;
}

const STORAGES = ['cookie', 'session', 'fallback'] as const;

describe.each(expressVersions)('messages on %s', (_label, express) => {
  describe.each(STORAGES)('BaseTests with the %s storage', (storage) => {
    const debugSite = () => site(express, { storage, level: DEBUG });

    it('test_full_request_response_cycle: messages survive the redirect and show on the next page', async () => {
      const client = new Client(debugSite());
      for (const level of Object.keys(LEVELS) as LevelName[]) {
        const response = await client.post(`/add/${level}/`, DATA, { follow: true });
        expect(response.redirectChain).toEqual([['/show/', 302]]);
        expect(response.context).toHaveProperty('messages');
        expect([...(response.context?.messages as Iterable<Message>)]).toEqual(
          DATA.messages.map((text) => new Message(LEVELS[level], text, '')),
        );
        expect(response).toHaveMessages(DATA.messages.map((message) => ({ level: LEVELS[level], message })));
        for (const text of DATA.messages) await expect(response).toContainText(text);
      }
    });

    it('test_with_template_response: a second GET shows none of them', async () => {
      const client = new Client(debugSite());
      for (const level of Object.keys(LEVELS) as LevelName[]) {
        await client.post(`/add/${level}/`, DATA, { follow: true });
        const again = await client.get('/show/');
        for (const text of DATA.messages) await expect(again).not.toContainText(text);
      }
    });

    it('test_context_processor_message_levels: templates see DEFAULT_MESSAGE_LEVELS', async () => {
      const response = await new Client(debugSite()).get('/show/');
      expect(response.context?.DEFAULT_MESSAGE_LEVELS).toEqual({
        DEBUG: 10,
        INFO: 20,
        SUCCESS: 25,
        WARNING: 30,
        ERROR: 40,
      });
    });

    it('test_multiple_posts: messages of several POSTs all show on the GET after them', async () => {
      const client = new Client(debugSite());
      const expected: Array<{ level: number; message: string }> = [];
      for (const level of Object.keys(LEVELS) as LevelName[]) {
        expected.push(...DATA.messages.map((message) => ({ level: LEVELS[level], message })));
        await client.post(`/add/${level}/`, DATA);
      }
      const response = await client.get('/show/');
      expect(response).toHaveMessages(expected);
      expect(response).toHaveMessages([...expected].reverse(), { ordered: false });
      expect(response).not.toHaveMessages([...expected].reverse());
    });

    it('test_middleware_disabled: adding a message without the middleware throws MessageFailure', async () => {
      const client = new Client(site(express, false));
      for (const level of Object.keys(LEVELS) as LevelName[]) {
        const response = await client.post(`/add/${level}/`, DATA);
        expect(response.statusCode).toBe(500);
        expect(response.text).toBe(
          'MessageFailure: You cannot add messages without installing messagesMiddleware(): app.use(messagesMiddleware()) after sessionMiddleware().',
        );
      }
    });

    it('test_middleware_disabled_fail_silently: with failSilently nothing is thrown and nothing shown', async () => {
      const client = new Client(site(express, false));
      const response = await client.post('/add/info/', { ...DATA, fail_silently: 'true' }, { follow: true });
      expect(response.redirectChain).toEqual([['/show/', 302]]);
      expect(response.context).not.toHaveProperty('messages');
    });

    it('test_existing_read: reading stored messages does not lose them for the rest of the request', async () => {
      const agent = request.agent(debugSite());
      await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['Test message 1', 'Test message 2'] });
      expect((await agent.get('/read/')).body).toEqual(['Test message 1', 'Test message 2']);
      // Read once: gone for the next request.
      expect((await agent.get('/read/')).body).toEqual([]);
    });

    it('test_no_update / test_existing_add_read_update / test_existing_read_add_update', async () => {
      const agent = request.agent(debugSite());
      await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['Test message 1', 'Test message 2'] });
      // Not read: kept as they were.
      expect((await agent.get('/nothing/')).text).toBe('untouched');
      // Added then read: nothing left to store.
      expect((await agent.post('/add-then-read/')).body).toEqual([
        'Test message 1',
        'Test message 2',
        'Test message 3',
      ]);
      expect((await agent.get('/read/')).body).toEqual([]);
      // Read then added: only the new one is stored.
      await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['Test message 1'] });
      expect((await agent.post('/read-then-add/')).body).toEqual(['Test message 1']);
      expect((await agent.get('/read/')).body).toEqual(['Test message 3']);
    });

    it('test_default_level / test_low_level / test_high_level / test_settings_level', async () => {
      const app = site(express, { storage });
      expect((await request(app).post('/levels/')).body).toMatchObject({ level: INFO, count: 5 });
      expect((await request(app).post('/levels/').type('form').send({ level: '5' })).body).toMatchObject({
        level: 5,
        count: 6,
      });
      expect((await request(app).post('/levels/').type('form').send({ level: '30' })).body).toMatchObject({
        level: 30,
        count: 2,
      });
      expect((await request(app).post('/levels/').type('form').send({ level: 'null' })).body).toMatchObject({
        level: INFO,
        count: 5,
      });
      const settingsLevel = site(express, { storage, level: 29 });
      expect((await request(settingsLevel).post('/levels/')).body).toMatchObject({ level: 29, count: 3 });
    });

    it('test_tags / test_level_tag', async () => {
      const { body } = await request(site(express, { storage })).post('/levels/').type('form').send({ level: '0' });
      expect(body.tags).toEqual(['info', '', 'extra-tag debug', 'warning', 'error', 'success']);
      expect(body.levelTags).toEqual(['info', '', 'debug', 'warning', 'error', 'success']);
    });

    it('test_custom_tags: the tags option merges over the defaults', async () => {
      const app = site(express, {
        storage,
        tags: { [INFO]: 'info', [DEBUG]: '', [WARNING]: '', [ERROR]: 'bad', 29: 'custom' },
      });
      const { body } = await request(app).post('/levels/').type('form').send({ level: '0' });
      expect(body.tags).toEqual(['info', 'custom', 'extra-tag', '', 'bad', 'success']);
    });
  });

  describe('CookieTests (test_cookie.py)', () => {
    const signer = new CookieStorage({ cookies: {} }, { secretKey: SITE_SECRET });
    const cookieOf = (res: request.Response) =>
      ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith('messages='));

    it('test_get: a cookie in Django’s format is read', async () => {
      const value = signer.encode([new Message(INFO, 'Test message 1'), new Message(INFO, 'Test message 2', 'tag')]);
      const res = await request(site(express, { storage: 'cookie' }))
        .get('/read/')
        .set('Cookie', `messages=${value}`);
      expect(res.body).toEqual(['Test message 1', 'Test message 2']);
    });

    it('test_cookie_settings: the cookie takes the session cookie’s domain, secure, httponly and samesite', async () => {
      const app = express();
      app.use(
        sessionMiddleware({
          secretKey: SITE_SECRET,
          store: sessionDatabase().store,
          cookieDomain: '.example.com',
          cookieSecure: true,
          cookieHttpOnly: true,
          cookieSameSite: 'Strict',
        }),
      );
      app.use(messagesMiddleware({ storage: 'cookie' }));
      app.get('/add/', (req, res) => void (messages.info(req, 'test'), res.send('ok')));
      app.get('/read/', (req, res) => void res.json([...messages.getMessages(req)].length));
      const set = cookieOf(await request(app).get('/add/'));
      expect(set).toMatch(/^messages=[^;]+; Domain=\.example\.com; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(set).not.toMatch(/Max-Age|Expires/);
      const value = /^messages=([^;]+)/.exec(set as string)?.[1] as string;
      const deleted = cookieOf(await request(app).get('/read/').set('Cookie', `messages=${value}`));
      expect(deleted).toBe(
        'messages=; Max-Age=0; Domain=.example.com; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Strict',
      );
    });

    it('test_get_bad_cookie: a tampered cookie is no messages, and is deleted', async () => {
      const value = signer.encode([new Message(INFO, 'Test message 1')]) as string;
      const res = await request(site(express, { storage: 'cookie' }))
        .get('/read/')
        .set('Cookie', `messages=${value.slice(0, -1)}$`);
      expect(res.body).toEqual([]);
      expect(cookieOf(res)).toMatch(/^messages=; Max-Age=0/);
    });

    it('test_max_cookie_length: over 2048 bytes the oldest messages are dropped', async () => {
      const app = site(express, { storage: 'cookie' });
      const msgSize = Math.floor((2048 - 54) / 4.5 - 37);
      // Random-looking text, as Django's get_random_string, so compression does not help.
      const texts = [0, 1, 2, 3, 4].map((i) => randomText(i, msgSize));
      const agent = request.agent(app);
      const res = await agent.post('/add/info/').type('form').send({ messages: texts });
      const value = /^messages=([^;]+)/.exec(cookieOf(res) as string)?.[1] as string;
      expect(value.length).toBeLessThanOrEqual(2048);
      const [stored, all] = new CookieStorage({ cookies: { messages: value } }, { secretKey: SITE_SECRET }).get();
      expect(all).toBe(false);
      expect(stored?.map((m) => m.message)).toEqual(texts.slice(1));
    });

    it('test_message_rfc6265: the cookie value has no , ; \\ or "', async () => {
      const agent = request.agent(site(express, { storage: 'cookie' }));
      const res = await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['\\te,st', ';m"e', '\u2019'.repeat(30), 'a'] });
      const value = /^messages=([^;]+)/.exec(cookieOf(res) as string)?.[1] as string;
      expect(value).not.toMatch(/[,;\\"]/);
      expect((await agent.get('/read/')).body).toEqual(['\\te,st', ';m"e', '\u2019'.repeat(30), 'a']);
    });

    it('test_json_encoder_decoder and test_safedata: messages, extra tags and the safe flag round-trip', () => {
      const original = [
        new Message(INFO, 'Test message'),
        new Message(INFO, 'message %s', 'tag'),
        new Message(ERROR, '<b>Hello Django!</b>', null, { safe: true }),
      ];
      const value = signer.encode(original);
      const [read] = new CookieStorage({ cookies: { messages: value } }, { secretKey: SITE_SECRET }).get();
      expect(read?.map((m) => [m.level, m.message, m.extraTags, m.safe])).toEqual([
        [INFO, 'Test message', null, false],
        [INFO, 'message %s', 'tag', false],
        [ERROR, '<b>Hello Django!</b>', null, true],
      ]);
    });
  });

  describe('SessionTests (test_session.py)', () => {
    it('test_no_session: the session storage needs sessionMiddleware, and says so', async () => {
      const res = await request(site(express, { storage: 'session', secretKey: SITE_SECRET }, false)).get('/read/');
      expect(res.status).toBe(500);
      expect(res.text).toMatch(
        /The session-based message storage requires req\.session: add sessionMiddleware\(\) before messagesMiddleware\(\)/,
      );
    });

    it('test_get / test_safedata: the session holds Django’s _messages JSON string', async () => {
      const agent = request.agent(site(express, { storage: 'session' }));
      await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['Test message 1'] });
      expect((await agent.get('/session/')).body._messages).toBe('[["__json_message", 0, 20, "Test message 1", ""]]');
      expect((await agent.get('/read/')).body).toEqual(['Test message 1']);
      expect((await agent.get('/session/')).body).not.toHaveProperty('_messages');
    });
  });

  describe('FallbackTests (test_fallback.py)', () => {
    const long = (i: number) => randomText(i, 300);

    it('test_no_fallback / test_get: what fits stays in the cookie; the session is untouched', async () => {
      const agent = request.agent(site(express, {}));
      const res = await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: ['Test message 1'] });
      expect(String(res.headers['set-cookie'])).toMatch(/messages=/);
      expect((await agent.get('/session/')).body).not.toHaveProperty('_messages');
      expect((await agent.get('/read/')).body).toEqual(['Test message 1']);
    });

    it('test_session_fallback: what does not fit goes to the session, newest first, and reads back in order', async () => {
      const agent = request.agent(site(express, {}));
      const texts = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(long);
      const res = await agent.post('/add/info/').type('form').send({ messages: texts });
      const cookie = /messages=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] as string;
      const [inCookie, all] = new CookieStorage({ cookies: { messages: cookie } }, { secretKey: SITE_SECRET }).get();
      expect(all).toBe(false);
      const session = (await agent.get('/session/')).body as { _messages: string };
      const inSession = (JSON.parse(session._messages) as unknown[][]).map((item) => item[3]);
      expect([...(inCookie ?? []).map((m) => m.message), ...inSession]).toEqual(texts);
      expect(inSession.length).toBeGreaterThan(0);
      expect((await agent.get('/read/')).body).toEqual(texts);
    });

    it('test_flush_used_backends: once read, both the cookie and the session’s _messages are emptied', async () => {
      const agent = request.agent(site(express, {}));
      await agent
        .post('/add/info/')
        .type('form')
        .send({ messages: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(long) });
      const res = await agent.get('/read/');
      expect(String(res.headers['set-cookie'])).toMatch(/messages=; Max-Age=0/);
      expect((await agent.get('/session/')).body).not.toHaveProperty('_messages');
    });

    it('test_get_empty / test_get_fallback_only: no cookie means the session is not read', async () => {
      const agent = request.agent(site(express, {}));
      expect((await agent.get('/read/')).body).toEqual([]);
    });
  });
});
