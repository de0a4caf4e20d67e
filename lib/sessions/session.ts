/**
 * `req.session`: Django's `SessionBase` (`django.contrib.sessions.backends.base`), over any
 * {@link SessionStore}.
 */
import { describe } from '../http/describe.js';
import { checkSessionValue, type SessionData, type SessionValue } from './json.js';
import { newSessionKey } from './keys.js';
import { CreateError, UpdateError, type SessionSettings, type SessionStore } from './store.js';
import { SessionStoreUnavailable } from './errors.js';
import { queueSave, savedVersion } from './save-queue.js';

/** Options of {@link Session.getExpiryAge} and {@link Session.getExpiryDate}, as Django's keyword arguments. */
export interface ExpiryOptions {
  /** The time of the last change. @defaultValue now */
  modification?: Date;
  /** The expiry to compute from instead of the session's own `_session_expiry` (`null`: none). */
  expiry?: number | string | Date | null;
}

/** How a {@link Session} is set up: by `sessionMiddleware()`, or by hand for a script or a test. */
export interface SessionConfig extends SessionSettings {
  /** Django's `SESSION_EXPIRE_AT_BROWSER_CLOSE`. @defaultValue false */
  readonly expireAtBrowserClose?: boolean;
  /** Seconds a store call may take before it fails with {@link SessionStoreUnavailable}. @defaultValue 5 */
  readonly storeTimeout?: number;
}

/** `_session_expiry`, the key Django keeps a custom expiry under. */
const EXPIRY_KEY = '_session_expiry';
/** How many fresh keys {@link Session.save} tries before giving up (Django's cache engine tries 10,000). */
const CREATE_ATTEMPTS = 100;

type Preloaded = { data: SessionData | null } | { error: unknown };

/**
 * Django's session (`request.session`): a dictionary of JSON values kept between requests,
 * loaded when first used and saved when the response is written. Get it with `req.session`
 * (or `getSession(req)`) after `sessionMiddleware()`.
 *
 * Every method is synchronous, as in Django: the store is read before the route runs (when
 * the request carries a session cookie) and written when the response is; `cycleKey()` and
 * `flush()` delete the old key from the store then.
 *
 * @example
 * ```ts
 * const visits = req.session.get<number>('visits', 0) + 1;
 * req.session.set('visits', visits);
 * ```
 */
export class Session {
  /** Django's `TEST_COOKIE_NAME`. */
  static readonly TEST_COOKIE_NAME = 'testcookie';
  /** Django's `TEST_COOKIE_VALUE`. */
  static readonly TEST_COOKIE_VALUE = 'worked';

  /** Whether the data was read or changed during this request (then the response varies on `Cookie`). */
  accessed = false;
  /** Whether the data changed during this request (then it is saved and the cookie set). */
  modified = false;

  readonly #store: SessionStore;
  readonly #config: SessionConfig;
  #key: string | null;
  #cache: SessionData | undefined;
  #preloaded: Preloaded | undefined;
  /** Keys whose stored session goes when this one is saved: left by `cycleKey()` and `flush()`. */
  #doomed: string[] = [];
  /** How many saves of the key this process had made when the data was read (see save-queue.ts). */
  #readVersion: number | undefined;
  /** Each value as read, in JSON, to tell what this request changed when another saved meanwhile. */
  #snapshot: Map<string, string> | undefined;
  /** Whether `clear()` ran: then this request's data replaces the stored data, whatever was added meanwhile. */
  #cleared = false;

  /**
   * A session over `store` for `sessionKey` (the cookie's value; `null` or an invalid key: a
   * new session). `sessionMiddleware()` makes one per request; make one by hand to read or
   * write a session outside a request (then `await session.load()` before reading it).
   */
  constructor(store: SessionStore, config: SessionConfig, sessionKey?: string | null) {
    this.#store = store;
    this.#config = config;
    this.#key = validKey(store, sessionKey);
  }

  /** The session's key (Django's `session_key`): the cookie's value, `null` for a new or emptied session. */
  get sessionKey(): string | null {
    return this.#key;
  }

  /** The store this session is read from and saved to. */
  get store(): SessionStore {
    return this.#store;
  }

  /**
   * Read the data from the store now, so that the methods can answer synchronously; without
   * marking the session accessed. `sessionMiddleware()` calls it before the route runs. A store
   * that fails is reported when the data is first used, by a {@link SessionStoreUnavailable}.
   */
  async load(): Promise<void> {
    if (this.#cache !== undefined || this.#preloaded !== undefined || this.#key === null) return;
    try {
      this.#readVersion = savedVersion(this.#store, this.#key);
      this.#preloaded = { data: await this.#withTimeout('load', this.#store.load(this.#key, this.#config)) };
    } catch (error) {
      this.#preloaded = { error };
    }
  }

  /** The failure of the last {@link Session.load}, if the store failed. */
  get loadError(): unknown {
    const preloaded = this.#preloaded;
    return preloaded !== undefined && 'error' in preloaded ? preloaded.error : undefined;
  }

  /** Django's `_get_session`: the data, loaded on first use; marks the session accessed. */
  #session(noLoad = false): SessionData {
    this.accessed = true;
    if (this.#cache !== undefined) return this.#cache;
    if (this.#key === null || noLoad) return (this.#cache = new Map<string, SessionValue>());
    let preloaded = this.#preloaded;
    if (preloaded === undefined) {
      const loaded = this.#store.keyIsData ? this.#store.load(this.#key, this.#config) : undefined;
      if (loaded === undefined || loaded instanceof Promise) {
        throw new Error(
          'The session was not loaded: await session.load() before using a Session made by hand (sessionMiddleware() does it for req.session).',
        );
      }
      preloaded = { data: loaded };
    }
    if ('error' in preloaded) throw unavailable('load', this.#store, preloaded.error);
    this.#preloaded = undefined;
    if (preloaded.data === null) {
      // Django: a session that is missing, expired or tampered with is a new, empty one.
      this.#key = null;
      return (this.#cache = new Map<string, SessionValue>());
    }
    if (this.#readVersion !== undefined) this.#snapshot = snapshotOf(preloaded.data);
    return (this.#cache = preloaded.data);
  }

  /** The value under `key`, else `defaultValue` (`undefined` unless given). */
  get<T extends SessionValue = SessionValue>(key: string): T | undefined;
  get<T extends SessionValue = SessionValue, D = T>(key: string, defaultValue: D): T | D;
  get(key: string, defaultValue?: unknown): unknown {
    const data = this.#session();
    const value = data.get(key);
    return value === undefined && !data.has(key) ? defaultValue : value;
  }

  /**
   * Store `value` under `key` (Django's `session[key] = value`); returns the session.
   *
   * @throws TypeError when `value` is not what JSON holds (Django's `JSONSerializer` would fail on save).
   */
  set(key: string, value: SessionValue): this {
    checkKey(key);
    checkSessionValue(key, value);
    this.#session().set(key, value);
    this.modified = true;
    return this;
  }

  /** Whether `key` is in the session (Django's `key in session`). */
  has(key: string): boolean {
    return this.#session().has(key);
  }

  /** Remove `key` (Django's `del session[key]`); whether it was there. */
  delete(key: string): boolean {
    const removed = this.#session().delete(key);
    if (removed) this.modified = true;
    return removed;
  }

  /** Remove `key` and return its value, else `defaultValue` (Django's `pop`). */
  pop<T extends SessionValue = SessionValue>(key: string): T | undefined;
  pop<T extends SessionValue = SessionValue, D = T>(key: string, defaultValue: D): T | D;
  pop(key: string, defaultValue?: unknown): unknown {
    const data = this.#session();
    if (!data.has(key)) return defaultValue;
    const value = data.get(key);
    data.delete(key);
    this.modified = true;
    return value;
  }

  /** The value under `key`; when there is none, store `value` there and return it (Django's `setdefault`). */
  setDefault<T extends SessionValue>(key: string, value: T): SessionValue {
    const data = this.#session();
    if (data.has(key)) return data.get(key) as SessionValue;
    this.set(key, value);
    return value;
  }

  /** Store every entry of `values` (Django's `update`). */
  update(values: Record<string, SessionValue> | Iterable<readonly [string, SessionValue]>): void {
    const entries: Array<readonly [string, SessionValue]> =
      Symbol.iterator in values ? [...values] : Object.entries(values);
    for (const [key, value] of entries) {
      checkKey(key);
      checkSessionValue(key, value);
    }
    const data = this.#session();
    for (const [key, value] of entries) data.set(key, value);
    this.modified = true;
  }

  /** The keys, in the order they were first set. */
  keys(): string[] {
    return [...this.#session().keys()];
  }

  /** The values, in key order. */
  values(): SessionValue[] {
    return [...this.#session().values()];
  }

  /** The `[key, value]` pairs (Django's `items()`), in key order. */
  entries(): Array<[string, SessionValue]> {
    return [...this.#session().entries()];
  }

  /** Remove every key, keeping the session key (Django's `clear`); nothing is read from the store. */
  clear(): void {
    this.#cleared = true;
    this.#cache = new Map<string, SessionValue>();
    this.#preloaded = undefined;
    this.accessed = true;
    this.modified = true;
  }

  /** Whether there is no session key and no data (Django's `is_empty`); never reads the store. */
  isEmpty(): boolean {
    return !this.#key && (this.#cache === undefined || this.#cache.size === 0);
  }

  /**
   * Empty the session and drop its key (Django's `flush`, as `logout()` does): the stored
   * session is deleted and the cookie removed when the response is written.
   */
  flush(): void {
    this.clear();
    if (this.#key !== null && !this.#store.keyIsData) this.#doomed.push(this.#key);
    this.#key = null;
  }

  /**
   * Keep the data under a new key (Django's `cycle_key`, as `login()` does against session
   * fixation): the new key is created and the old one deleted from the store when the response
   * is written, so a key chosen before (by an attacker, say) never holds what comes after.
   */
  cycleKey(): void {
    const data = this.#session();
    if (!this.#store.keyIsData) {
      if (this.#key !== null) this.#doomed.push(this.#key);
      this.#key = null;
    }
    this.#cache = data;
    this.modified = true;
  }

  /**
   * Set when the session expires (Django's `set_expiry`), always stored as a whole number of
   * seconds, which every Django version reads:
   * - a number: seconds of inactivity after which it expires;
   * - `0`: when the browser closes (a cookie without `Max-Age`);
   * - a `Date`: the seconds from now until then (from then on counted as inactivity, as an int);
   * - `null`: back to the settings (`cookieAge`, `expireAtBrowserClose`).
   *
   * @throws RangeError for a number that is not a whole number of seconds, or an invalid Date.
   */
  setExpiry(value: number | Date | null): void {
    if (value === null) {
      this.delete(EXPIRY_KEY);
      return;
    }
    let seconds: number;
    if (value instanceof Date) {
      const ms = value.getTime() - Date.now();
      if (Number.isNaN(ms)) throw new RangeError('setExpiry() got an Invalid Date.');
      // 0 would mean "at browser close": a date less than a second away is one second.
      seconds = ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : Math.min(-1, Math.floor(ms / 1000));
    } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
      seconds = value;
    } else {
      throw new RangeError(
        `setExpiry() takes a whole number of seconds, 0 (at browser close), a Date or null (got ${describe(value)}).`,
      );
    }
    this.set(EXPIRY_KEY, seconds);
  }

  /**
   * Seconds until the session expires (Django's `get_expiry_age`): the session's own expiry, or
   * `cookieAge` when it has none (or expires at browser close). An ISO date written by
   * Django's `set_expiry(datetime)` counts from `modification`.
   */
  getExpiryAge(options: ExpiryOptions = {}): number {
    const expiry = 'expiry' in options ? options.expiry : this.get(EXPIRY_KEY);
    if (!expiry) return this.#config.cookieAge;
    const date = expiryAsDate(expiry);
    if (date === undefined) return typeof expiry === 'number' ? expiry : this.#config.cookieAge;
    const modification = options.modification ?? new Date();
    // Python's delta.days * 86400 + delta.seconds: whole seconds, rounded down.
    return Math.floor((date.getTime() - modification.getTime()) / 1000);
  }

  /** When the session expires (Django's `get_expiry_date`), counted from `modification` (now). */
  getExpiryDate(options: ExpiryOptions = {}): Date {
    const expiry = 'expiry' in options ? options.expiry : this.get(EXPIRY_KEY);
    const date = expiry ? expiryAsDate(expiry) : undefined;
    if (date !== undefined) return date;
    const seconds = typeof expiry === 'number' && expiry !== 0 ? expiry : this.#config.cookieAge;
    return new Date((options.modification ?? new Date()).getTime() + seconds * 1000);
  }

  /**
   * Whether the session cookie goes when the browser closes (Django's
   * `get_expire_at_browser_close`): `expireAtBrowserClose` when the session has no expiry of
   * its own, else whether that is `0`.
   */
  getExpireAtBrowserClose(): boolean {
    const expiry = this.get(EXPIRY_KEY);
    if (expiry === undefined || expiry === null) return this.#config.expireAtBrowserClose === true;
    return expiry === 0;
  }

  /** Django's `set_test_cookie`: store `testcookie = "worked"`. */
  setTestCookie(): void {
    this.set(Session.TEST_COOKIE_NAME, Session.TEST_COOKIE_VALUE);
  }

  /** Django's `test_cookie_worked`: whether the test cookie came back. */
  testCookieWorked(): boolean {
    return this.get(Session.TEST_COOKIE_NAME) === Session.TEST_COOKIE_VALUE;
  }

  /** Django's `delete_test_cookie`. */
  deleteTestCookie(): void {
    this.delete(Session.TEST_COOKIE_NAME);
  }

  /**
   * Delete from the store the keys `cycleKey()` and `flush()` left (done by {@link Session.save}
   * first); `undefined` when there are none.
   */
  discardOldKeys(): Promise<void> | undefined {
    if (this.#doomed.length === 0) return undefined;
    const doomed = this.#doomed;
    this.#doomed = [];
    return (async () => {
      for (const key of doomed) await this.#call('delete', this.#store.delete(key));
    })();
  }

  /**
   * Write the session to the store now (Django's `save`); `sessionMiddleware()` calls it when
   * the response is written. Deletes what `cycleKey()` and `flush()` left, then saves; a session
   * without a key gets a new one, created without overwriting any (`mustCreate`).
   *
   * @throws UpdateError when the session was deleted meanwhile (Django's middleware then
   *   answers `SessionInterrupted`); SessionStoreUnavailable when the store fails or times out.
   */
  async save(mustCreate = false): Promise<void> {
    await this.discardOldKeys();
    if (this.#store.keyIsData) {
      const value = await this.#call('save', this.#store.save('', this.#session(), this.#saveContext(false)));
      this.#key = typeof value === 'string' && value !== '' ? value : null;
      return;
    }
    if (this.#key === null) {
      await this.#create();
      return;
    }
    const key = this.#key;
    if (mustCreate || this.#readVersion === undefined) {
      await this.#call('save', this.#store.save(key, this.#session(mustCreate), this.#saveContext(mustCreate)));
      return;
    }
    // Saves of one key run one at a time in this process; one whose data another save has
    // made stale first merges its own changes into what is stored now.
    const { version } = await queueSave(this.#store, key, this.#readVersion, async (stale) => {
      if (stale && !this.#cleared && this.#snapshot !== undefined) await this.#mergeIntoStored(key, this.#snapshot);
      await this.#call('save', this.#store.save(key, this.#session(), this.#saveContext(false)));
    });
    this.#readVersion = version;
    this.#snapshot = snapshotOf(this.#session());
  }

  /**
   * Re-read the stored session and apply to it what this request changed since it read the
   * data (set, changed or deleted keys), so that concurrent requests' changes to other keys
   * stay. Mutations of a value in place count, being compared as JSON.
   *
   * @throws UpdateError when the session was deleted meanwhile.
   */
  async #mergeIntoStored(key: string, snapshot: Map<string, string>): Promise<void> {
    const stored = await this.#call('load', this.#store.load(key, this.#config));
    if (stored === null) throw new UpdateError(`Session ${key} was deleted`);
    const current = this.#session();
    for (const [name, value] of current) {
      if (snapshot.get(name) !== JSON.stringify(value)) stored.set(name, value);
    }
    for (const name of snapshot.keys()) if (!current.has(name)) stored.delete(name);
    this.#cache = stored;
  }

  /** Django's `create`: a new key, saved with `mustCreate` until one is free. */
  async #create(): Promise<void> {
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      this.#key = newSessionKey();
      try {
        await this.save(true);
      } catch (error) {
        if (error instanceof CreateError) continue;
        this.#key = null;
        throw error;
      }
      this.modified = true;
      return;
    }
    this.#key = null;
    throw new SessionStoreUnavailable(
      `Unable to create a new session key: ${CREATE_ATTEMPTS} fresh keys were all refused. It is likely that the session store (${storeName(this.#store)}) is unavailable or does not implement mustCreate.`,
    );
  }

  #saveContext(mustCreate: boolean): Parameters<SessionStore['save']>[2] {
    return {
      mustCreate,
      settings: this.#config,
      expiryAge: this.getExpiryAge(),
      expiryDate: this.getExpiryDate(),
    };
  }

  /** A store call with the timeout; errors but Django's own become {@link SessionStoreUnavailable}. */
  async #call<T>(what: string, result: T | Promise<T>): Promise<T> {
    try {
      return await this.#withTimeout(what, result);
    } catch (error) {
      if (error instanceof Error && (error.name === 'CreateError' || error.name === 'UpdateError')) throw error;
      if (error instanceof SessionStoreUnavailable) throw error;
      throw unavailable(what, this.#store, error);
    }
  }

  #withTimeout<T>(what: string, result: T | Promise<T>): Promise<T> {
    if (!(result instanceof Promise)) return Promise.resolve(result);
    const seconds = this.#config.storeTimeout ?? 5;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SessionStoreUnavailable(
              `The session store (${storeName(this.#store)}) did not answer a ${what} within ${seconds} s: check that it is running and reachable, or raise storeTimeout.`,
            ),
          ),
        seconds * 1000,
      );
      timer.unref();
    });
    return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
  }
}

function snapshotOf(data: SessionData): Map<string, string> {
  const snapshot = new Map<string, string>();
  for (const [name, value] of data) snapshot.set(name, JSON.stringify(value));
  return snapshot;
}

function validKey(store: SessionStore, key: string | null | undefined): string | null {
  if (typeof key !== 'string' || key.length < 8) return null; // Django's _validate_session_key.
  if (store.acceptsKey && !store.acceptsKey(key)) return null;
  return key;
}

function checkKey(key: unknown): void {
  if (typeof key !== 'string') {
    throw new TypeError(`Session keys are strings, as JSON object keys (got ${describe(key)}).`);
  }
}

/** `_session_expiry` as a date: Django 4.2+ writes `datetime.isoformat()` for a datetime expiry. */
function expiryAsDate(expiry: unknown): Date | undefined {
  if (expiry instanceof Date) return expiry;
  if (typeof expiry !== 'string') return undefined;
  // Python's isoformat() without a zone is a naive datetime: Django's USE_TZ=True writes "+00:00".
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(expiry) ? expiry : `${expiry}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function storeName(store: SessionStore): string {
  return store.constructor?.name ?? 'the store';
}

function unavailable(what: string, store: SessionStore, cause: unknown): SessionStoreUnavailable {
  if (cause instanceof SessionStoreUnavailable) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SessionStoreUnavailable(
    `The session store (${storeName(store)}) failed a ${what}: ${reason}. Check that it is running and reachable.`,
    { cause },
  );
}
