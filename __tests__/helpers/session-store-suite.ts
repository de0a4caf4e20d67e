/**
 * The behaviour every server-side session store must show behind sessionMiddleware(), over
 * HTTP on Express 4 and 5: run by each store's test file against its real backend.
 */
import type { Request, Response } from 'express';
import request from 'supertest';
import { getSession, sessionMiddleware, type SessionStore } from '../../lib/index.js';
import { expressVersions, type AppFactory } from './apps.js';

/** Direct access to the backend, behind the store's back. */
export interface RawBackend {
  /** Whether a session is saved under `key`. */
  exists(key: string): Promise<boolean>;
  /** Break the signature (or the bytes) of what is saved under `key`. */
  tamper(key: string): Promise<void>;
  /** Make what is saved under `key` expired. */
  expire(key: string): Promise<void>;
  /** Delete what is saved under `key`. */
  remove(key: string): Promise<void>;
}

export const SUITE_SECRET = 'store-suite-secret-key';

export function sessionCookie(res: request.Response): string | undefined {
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sessionid='));
  return cookie === undefined ? undefined : cookie.slice('sessionid='.length, cookie.indexOf(';'));
}

/** The test app: /set?k=v, /get?k, /cycle, /flush, /login (cycleKey then set), /slow (waits for `release`). */
export function storeApp(
  createApp: AppFactory,
  store: SessionStore,
  hooks: { slow?: Promise<void>; started?: () => void } = {},
) {
  const app = createApp();
  app.use(sessionMiddleware({ secretKey: SUITE_SECRET, store, storeTimeout: 2 }));
  app.get('/set', (req: Request, res: Response) => {
    const session = getSession(req);
    for (const [k, v] of Object.entries(req.query)) session.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    res.json(Object.fromEntries(session.entries()));
  });
  app.get('/get', (req: Request, res: Response) => {
    res.json(Object.fromEntries(getSession(req).entries()));
  });
  app.get('/cycle', (req: Request, res: Response) => {
    getSession(req).cycleKey();
    res.send('cycled');
  });
  app.get('/flush', (req: Request, res: Response) => {
    getSession(req).flush();
    res.send('flushed');
  });
  app.post('/login', (req: Request, res: Response) => {
    const session = getSession(req);
    session.cycleKey();
    session.set('_auth_user_id', '1');
    res.redirect('/');
  });
  app.get('/slow', (req: Request, res: Response) => {
    const session = getSession(req);
    session.get('k');
    hooks.started?.();
    void (hooks.slow ?? Promise.resolve()).then(() => {
      session.set('late', 'yes');
      res.send('late');
    });
  });
  return app;
}

/** The shared behaviour of a server-side store; `setup` gives a fresh store and raw access for each test. */
export function describeStoreBehaviour(
  label: string,
  setup: () => Promise<{ store: SessionStore; raw: RawBackend }>,
): void {
  describe.each(expressVersions)(`${label} behind sessionMiddleware() on %s`, (_version, createApp) => {
    let store: SessionStore;
    let raw: RawBackend;
    beforeEach(async () => {
      ({ store, raw } = await setup());
    });

    it('saves a new session under a new 32-character key and reads it back', async () => {
      const app = storeApp(createApp, store);
      const first = await request(app).get('/set?a=1').expect(200, { a: '1' });
      const key = sessionCookie(first);
      expect(key).toMatch(/^[a-z0-9]{32}$/);
      expect(await raw.exists(key!)).toBe(true);
      await request(app).get('/get').set('Cookie', `sessionid=${key}`).expect(200, { a: '1' });
      const second = await request(app)
        .get('/set?b=2')
        .set('Cookie', `sessionid=${key}`)
        .expect(200, { a: '1', b: '2' });
      expect(sessionCookie(second)).toBe(key);
    });

    it('cycleKey() moves the data to a new key and deletes the old one', async () => {
      const app = storeApp(createApp, store);
      const key = sessionCookie(await request(app).get('/set?a=1'))!;
      const cycled = await request(app).get('/cycle').set('Cookie', `sessionid=${key}`).expect(200);
      const next = sessionCookie(cycled)!;
      expect(next).toMatch(/^[a-z0-9]{32}$/);
      expect(next).not.toBe(key);
      expect(await raw.exists(key)).toBe(false);
      await request(app).get('/get').set('Cookie', `sessionid=${next}`).expect(200, { a: '1' });
      await request(app).get('/get').set('Cookie', `sessionid=${key}`).expect(200, {});
    });

    it('flush() deletes the stored session and the cookie', async () => {
      const app = storeApp(createApp, store);
      const key = sessionCookie(await request(app).get('/set?a=1'))!;
      const res = await request(app).get('/flush').set('Cookie', `sessionid=${key}`).expect(200);
      expect(res.headers['set-cookie']?.[0]).toMatch(/^sessionid=; Max-Age=0;/);
      expect(await raw.exists(key)).toBe(false);
    });

    it('reads an expired session as a new, empty one', async () => {
      const app = storeApp(createApp, store);
      const key = sessionCookie(await request(app).get('/set?a=1'))!;
      await raw.expire(key);
      const res = await request(app).get('/get').set('Cookie', `sessionid=${key}`).expect(200, {});
      expect(res.headers['set-cookie']?.[0]).toMatch(/^sessionid=; Max-Age=0;/);
    });

    it('reads a tampered session as an empty one, never failing', async () => {
      const app = storeApp(createApp, store);
      const key = sessionCookie(await request(app).get('/set?a=1'))!;
      await raw.tamper(key);
      await request(app).get('/get').set('Cookie', `sessionid=${key}`).expect(200, {});
    });

    it('never looks up a key outside Django’s alphabet, and starts a new session instead', async () => {
      const app = storeApp(createApp, store);
      for (const bad of ['ABCDEFGHIJKLMNOP', "x' OR '1'='1", 'short', 'a'.repeat(41), '%00aaaaaaaaaaaa']) {
        const res = await request(app)
          .get('/set?a=1')
          .set('Cookie', `sessionid=${encodeURIComponent(bad)}`)
          .expect(200);
        const key = sessionCookie(res);
        expect(key).toMatch(/^[a-z0-9]{32}$/);
      }
    });

    it('does not adopt a key an attacker chose (session fixation): login gets a fresh key, the planted one is gone', async () => {
      const app = storeApp(createApp, store);
      // A key the attacker made up: never stored, so a new key is issued.
      const planted = 'attackerchosenkey000000000000000';
      const made = await request(app).post('/login').set('Cookie', `sessionid=${planted}`).expect(302);
      expect(sessionCookie(made)).not.toBe(planted);
      expect(await raw.exists(planted)).toBe(false);
      // A real session the attacker got first and planted in the victim's browser.
      const attackers = sessionCookie(await request(app).get('/set?csrf=x'))!;
      const victim = await request(app).post('/login').set('Cookie', `sessionid=${attackers}`).expect(302);
      const victimKey = sessionCookie(victim)!;
      expect(victimKey).not.toBe(attackers);
      expect(await raw.exists(attackers)).toBe(false);
      await request(app).get('/get').set('Cookie', `sessionid=${attackers}`).expect(200, {});
      await request(app)
        .get('/get')
        .set('Cookie', `sessionid=${victimKey}`)
        .expect(200, { csrf: 'x', _auth_user_id: '1' });
    });

    it('answers 400 SessionInterrupted when the session was deleted while the request ran', async () => {
      let release!: () => void;
      let started!: () => void;
      const slow = new Promise<void>((resolve) => (release = resolve));
      const running = new Promise<void>((resolve) => (started = resolve));
      const app = storeApp(createApp, store, { slow, started });
      const key = sessionCookie(await request(app).get('/set?k=1'))!;
      const done = request(app)
        .get('/slow')
        .set('Cookie', `sessionid=${key}`)
        .then((res) => res);
      await running;
      await raw.remove(key);
      release();
      const res = await done;
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/session was deleted before the request completed/);
      expect(sessionCookie(res)).toBeUndefined();
    });
  });
}
