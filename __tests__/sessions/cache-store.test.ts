/**
 * CacheSessionStore: on a real redis-server (started for the test) through @keyv/redis, with
 * the JSON serializer and with Django's pickles under Django's own keys, and on Keyv's
 * in-memory store.
 */
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { createClient } from 'redis';
import request from 'supertest';
import { CacheSessionStore, pickleSessionData, unpickleSessionData } from '../../lib/index.js';
import { describeStoreBehaviour, sessionCookie, storeApp } from '../helpers/session-store-suite.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { expressVersions } from '../helpers/apps.js';

describeStoreBehaviour('CacheSessionStore on Keyv in memory', async () => {
  const keyv = new Keyv();
  const store = new CacheSessionStore(keyv);
  return {
    store,
    raw: {
      exists: async (key) => (await keyv.get(store.cacheKey(key))) !== undefined,
      tamper: async (key) => {
        await keyv.set(store.cacheKey(key), 'not a session');
      },
      expire: async (key) => {
        await keyv.delete(store.cacheKey(key));
      },
      remove: async (key) => {
        await keyv.delete(store.cacheKey(key));
      },
    },
  };
});

describeWithRedis('CacheSessionStore on Redis')('CacheSessionStore on Redis', () => {
  let redis: RedisServer;
  let direct: ReturnType<typeof createClient>;
  const adapters: Array<KeyvRedis<unknown>> = [];
  beforeAll(async () => {
    redis = await startRedis();
    direct = createClient({ url: redis.url });
    await direct.connect();
  });
  afterAll(async () => {
    await Promise.all(adapters.map((adapter) => adapter.disconnect(true)));
    await direct?.quit();
    await redis?.stop();
  });

  function keyvOnRedis(): Keyv {
    const adapter = new KeyvRedis(redis.url);
    adapters.push(adapter);
    const keyv = new Keyv(adapter);
    keyv.on('error', () => {});
    return keyv;
  }

  const djangoKey = (key: string): string => `:1:django.contrib.sessions.cache${key}`;

  describeStoreBehaviour("CacheSessionStore (serializer: 'pickle')", async () => {
    await direct.flushAll();
    return {
      store: new CacheSessionStore(keyvOnRedis(), { serializer: 'pickle' }),
      raw: {
        exists: async (key) => (await direct.exists(djangoKey(key))) === 1,
        tamper: async (key) => {
          await direct.set(djangoKey(key), Buffer.from([0x80, 0x05, 0x63, 0x6f, 0x73, 0x0a]), { KEEPTTL: true });
        },
        expire: async (key) => {
          await direct.expire(djangoKey(key), 0);
        },
        remove: async (key) => {
          await direct.del(djangoKey(key));
        },
      },
    };
  });

  describeStoreBehaviour("CacheSessionStore (serializer: 'json')", async () => {
    await direct.flushAll();
    const keyv = keyvOnRedis();
    const store = new CacheSessionStore(keyv);
    return {
      store,
      raw: {
        exists: async (key) => (await keyv.get(store.cacheKey(key))) !== undefined,
        tamper: async (key) => {
          await keyv.set(store.cacheKey(key), ['not', 'a', 'session']);
        },
        expire: async (key) => {
          await keyv.delete(store.cacheKey(key));
        },
        remove: async (key) => {
          await keyv.delete(store.cacheKey(key));
        },
      },
    };
  });

  describe.each(expressVersions)('pickles under Django’s key, on %s', (_label, createApp) => {
    it('stores the raw pickle of the session dict under :1:django.contrib.sessions.cache<key>, with the session’s TTL', async () => {
      const app = storeApp(createApp, new CacheSessionStore(keyvOnRedis(), { serializer: 'pickle' }));
      const key = sessionCookie(await request(app).get('/set?name=Zoë&n=1'))!;
      const bytes = await direct.withTypeMapping({ 36: Buffer }).get(djangoKey(key));
      expect(Buffer.isBuffer(bytes)).toBe(true);
      expect((bytes as Buffer)[0]).toBe(0x80);
      expect([...unpickleSessionData(bytes as Buffer)]).toEqual([
        ['name', 'Zoë'],
        ['n', '1'],
      ]);
      const ttl = await direct.ttl(djangoKey(key));
      expect(ttl).toBeGreaterThan(1209600 - 60);
      expect(ttl).toBeLessThanOrEqual(1209600);
    });

    it('reads a pickle written under Django’s key by another client', async () => {
      const app = storeApp(createApp, new CacheSessionStore(keyvOnRedis(), { serializer: 'pickle' }));
      const key = 'abcdefghijklmnopqrstuvwxyz012345';
      await direct.set(djangoKey(key), pickleSessionData(new Map([['k', [1, { a: null }]]])), { EX: 60 });
      await request(app)
        .get('/get')
        .set('Cookie', `sessionid=${key}`)
        .expect(200, { k: [1, { a: null }] });
    });
  });
});

describe('CacheSessionStore options', () => {
  it("refuses serializer: 'pickle' on a store that is not Redis", () => {
    expect(() => new CacheSessionStore(new Keyv(), { serializer: 'pickle' })).toThrow(/give it a Keyv on @keyv\/redis/);
  });
  it('refuses what is not a Keyv', () => {
    expect(() => new CacheSessionStore({} as never)).toThrow(/needs a Keyv instance/);
  });
});
