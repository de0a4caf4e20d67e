/** The in-memory store the cache middleware use when given none, as Django's default `LocMemCache`. */
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { processWide } from './process-wide.js';

/** The get/set of a Keyv instance: what the cache middleware use of their `cache`. */
export type CachePageStore = Pick<Keyv, 'get' | 'set'>;

/** Roughly what an entry of the in-memory store holds, in bytes: its body, or a small constant. */
function entrySize(entry: unknown): number {
  const body = (entry as { value?: { body?: unknown } } | null)?.value?.body;
  return body instanceof Uint8Array ? body.byteLength + 512 : 512;
}

/**
 * A bounded in-memory Keyv store, as Django's `LocMemCache` is (it culls past 300 entries):
 * the least recently used pages go first. Keyv keeps the expiry inside each value; the TTL it
 * also passes to `set` is left out, since `lru-cache` takes options there, not a number.
 */
function lruStore(): Pick<Map<string, unknown>, 'get' | 'set' | 'delete' | 'clear'> {
  const lru = new LRUCache<string, NonNullable<unknown>>({
    max: 1000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: entrySize,
  });
  const store = {
    get: (key: string) => lru.get(key),
    set: (key: string, value: unknown) => {
      if (value !== undefined && value !== null) lru.set(key, value);
      return store as unknown as Map<string, unknown>;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
  };
  return store;
}

/**
 * The process's default store (1000 entries, 64 MiB), shared by the ESM and CommonJS copies of
 * this package. Its entries stay objects (no serializer): nothing leaves the process, and a hit
 * then costs no JSON and no base64.
 */
export function defaultStore(): CachePageStore {
  return processWide<CachePageStore>('cachePage.defaultStore', () => {
    const keyv = new Keyv({ store: lruStore() });
    keyv.serialize = undefined;
    keyv.deserialize = undefined;
    return keyv;
  });
}
