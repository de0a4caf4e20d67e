/**
 * cachePage with a shared store: a real redis-server (started on a free loopback port, no
 * persistence, stopped after) behind @keyv/redis, and two app instances, each with its own
 * client, as two processes of one site would be. Ports Django's CacheMiddlewareTest and
 * CacheHEADTest cases that a shared cache changes (a page kept by one process answers the
 * other), and checks what the store holds and what happens when Redis goes away mid-test.
 */
import KeyvRedis from '@keyv/redis';
import type { Express } from 'express';
import Keyv from 'keyv';
import request from 'supertest';
import { HttpResponse, cachePage, varyOnHeaders, view, type ViewHandler } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('cachePage on Redis').each(expressVersions)('cachePage() on Redis, %s', (label, express) => {
  let redis: RedisServer;
  const clients: Array<KeyvRedis<unknown>> = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.disconnect(true)));
    await redis.stop();
  });

  /** A Keyv on the test's Redis with a client of its own, as another process would have. */
  function sharedCache(): { keyv: Keyv; store: KeyvRedis<unknown> } {
    const store = new KeyvRedis(redis.url);
    clients.push(store);
    const keyv = new Keyv(store);
    // The client reports each failed reconnection; the decorator reports what a request saw.
    keyv.on('error', () => {});
    return { keyv, store };
  }

  /** An app instance whose requests come to `testserver` (supertest picks a new port each time). */
  function instance(path: string, handler: ViewHandler, options: Parameters<typeof cachePage>[1] = {}): Express {
    const app = express();
    app.use((req, _res, next) => {
      req.headers.host = 'testserver';
      next();
    });
    app.all(path, view(cachePage(60, { cache: sharedCache().keyv, ...options })(handler)));
    return app;
  }

  /** A view that counts its calls and says which instance answered. */
  function counted(name: string) {
    let calls = 0;
    return {
      view: (() => new HttpResponse(`${name} ${++calls}`)) as ViewHandler,
      calls: () => calls,
    };
  }

  const unique = (() => {
    let n = 0;
    return (what: string) => `/${label.replace(/\W/g, '')}/${what}/${++n}`;
  })();

  // CacheMiddlewareTest.test_view_decorator, across processes: the page one kept answers the other.
  it("answers one instance's request from the page the other kept", async () => {
    const path = unique('page');
    const a = counted('A');
    const b = counted('B');
    const appA = instance(path, a.view);
    const appB = instance(path, b.view);
    expect((await request(appA).get(path)).text).toBe('A 1');
    const fromB = await request(appB).get(path);
    expect(fromB.text).toBe('A 1');
    expect(fromB.headers['cache-control']).toBe('max-age=60');
    expect(fromB.headers.expires).toBeDefined();
    expect(b.calls()).toBe(0);
    expect((await request(appA).get(path)).text).toBe('A 1');
    expect(a.calls()).toBe(1);
  });

  it('shares the header list learnt from Vary between instances', async () => {
    const path = unique('vary');
    let calls = 0;
    const varied = (name: string): ViewHandler =>
      varyOnHeaders('Accept-Language')((req) => new HttpResponse(`${name} ${++calls} ${req.get('Accept-Language')}`));
    const appA = instance(path, varied('A'));
    const appB = instance(path, varied('B'));
    expect((await request(appA).get(path).set('Accept-Language', 'en')).text).toBe('A 1 en');
    expect((await request(appB).get(path).set('Accept-Language', 'ko')).text).toBe('B 2 ko');
    expect((await request(appB).get(path).set('Accept-Language', 'en')).text).toBe('A 1 en');
    expect((await request(appA).get(path).set('Accept-Language', 'ko')).text).toBe('B 2 ko');
  });

  // CacheHEADTest.test_head_with_cached_get, across processes.
  it("answers a HEAD on one instance from the other's GET", async () => {
    const path = unique('head');
    const b = counted('B');
    await request(instance(path, counted('A').view)).get(path);
    const res = await request(instance(path, b.view)).head(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('3');
    expect(b.calls()).toBe(0);
  });

  it('keeps status, headers and body bytes as JSON, the body in base64, for the seconds given', async () => {
    const path = unique('bytes');
    const bytes = Buffer.from([0, 1, 2, 250, 255, 0x0d, 0x0a]);
    const { keyv, store } = sharedCache();
    const app = express();
    app.use((req, _res, next) => {
      req.headers.host = 'testserver';
      next();
    });
    app.get(
      path,
      view(
        cachePage(1, { cache: keyv })(
          () =>
            new HttpResponse(bytes, {
              status: 200,
              reason: 'Fine',
              contentType: 'application/octet-stream',
              headers: { 'X-A': '1' },
            }),
        ),
      ),
    );
    await request(app).get(path);
    const keys = await store.client.keys('keyv::keyv:views.decorators.cache.cache_page.*');
    const raw = await Promise.all(keys.map((key) => store.client.get(key)));
    const entry = raw
      .map(
        (text) =>
          JSON.parse(String(text)) as { value: { body: string; headers: Array<[string, string]>; reason?: string } },
      )
      // Keyv's serializer (@keyv/serialize) writes a Buffer as ":base64:" and its base64.
      .find((stored) => stored.value.body === `:base64:${bytes.toString('base64')}`);
    expect(entry?.value).toMatchObject({ v: 1, status: 200, reason: 'Fine' });
    expect(entry?.value.headers).toEqual(
      expect.arrayContaining([
        ['Content-Type', 'application/octet-stream'],
        ['X-A', '1'],
      ]),
    );

    const other = express();
    other.use((req, _res, next) => {
      req.headers.host = 'testserver';
      next();
    });
    other.get(path, view(cachePage(1, { cache: sharedCache().keyv })(() => new HttpResponse('rebuilt'))));
    const hit = await request(other).get(path).buffer(true);
    expect(Buffer.compare(hit.body as Buffer, bytes)).toBe(0);
    expect(hit.headers['x-a']).toBe('1');
    // Redis expires the page with the page's seconds.
    await sleep(1100);
    expect((await request(other).get(path)).text).toBe('rebuilt');
  });
});

describeWithRedis('cachePage on Redis').each(expressVersions)(
  'cachePage() when Redis goes away, %s',
  (_label, express) => {
    it('serves views uncached without hanging, reports once per outage, and uses Redis again when it is back', async () => {
      let redis = await startRedis();
      const store = new KeyvRedis(redis.url);
      const keyv = new Keyv(store);
      keyv.on('error', () => {});
      const errors: unknown[] = [];
      let calls = 0;
      const app = express();
      app.use((req, _res, next) => {
        req.headers.host = 'testserver';
        next();
      });
      app.get(
        '/programme',
        view(
          cachePage(60, { cache: keyv, storeTimeout: 0.2, onError: (err) => errors.push(err) })(
            () => new HttpResponse(`built ${++calls}`),
          ),
        ),
      );
      const get = async () => {
        const res = await request(app).get('/programme');
        expect(res.status).toBe(200);
        return res.text;
      };
      try {
        expect(await get()).toBe('built 1');
        expect(await get()).toBe('built 1');

        await redis.stop();
        // The client queues commands while it reconnects: the read waits out storeTimeout, once.
        expect(await get()).toBe('built 2');
        expect(await get()).toBe('built 3');
        expect(errors).toHaveLength(1);
        expect(String(errors[0])).toMatch(/did not answer a read within 0.2 s \(storeTimeout\)/);

        redis = await startRedis(redis.port);
        // Back (the client reconnects with a backoff of up to 2 s): kept and answered again.
        // Each uncached answer is built anew, so two equal answers in a row mean a hit.
        let previous = await get();
        let current = await get();
        for (let tries = 0; previous !== current && tries < 100; tries++) {
          await sleep(100);
          previous = current;
          current = await get();
        }
        expect(current).toBe(previous);
        expect(await get()).toBe(current);
        expect(errors).toHaveLength(1);

        // A second outage is reported again.
        await redis.stop();
        await get();
        await get();
        expect(errors).toHaveLength(2);
      } finally {
        await store.disconnect(true);
        await redis.stop();
      }
    });
  },
);
