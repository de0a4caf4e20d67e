/** Django's `BaseStorage`: the messages of one request, read lazily and stored with the response. */
import { DEFAULT_TAGS, INFO } from '../constants.js';
import { Message } from '../message.js';

/** What a session must offer to hold messages (the subset of `req.session` they use). */
export interface MessageSession {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): unknown;
  /** Stores `value` under `key`. */
  set(key: string, value: unknown): void;
  /** Removes `key` and returns its value, or `defaultValue` when it is absent. */
  pop(key: string, defaultValue?: unknown): unknown;
}

/** What the storages read of a request. */
export interface MessageRequest {
  /** The request's cookies, as Django reads them (Python's unquoting applied). */
  readonly cookies: Readonly<Record<string, string | undefined>>;
  /** The session, when `sessionMiddleware` runs before. */
  readonly session?: MessageSession | undefined;
}

/** Cookie attributes, as Django's `set_cookie` arguments. */
export interface MessageCookieAttributes {
  /** The `Domain` attribute. @defaultValue none: the host that set it only */
  domain?: string | undefined;
  /** The `Path` attribute (Django's `SESSION_COOKIE_PATH`). */
  path: string;
  /** Send only over HTTPS. @defaultValue false */
  secure?: boolean | undefined;
  /** Hide from `document.cookie`. @defaultValue false */
  httpOnly?: boolean | undefined;
  /** The `SameSite` attribute; `false` leaves it out. @defaultValue none: left out */
  sameSite?: 'Lax' | 'Strict' | 'None' | false | undefined;
}

/** What the storages write on a response. */
export interface MessageResponse {
  /** Sets cookie `name` to `value` (already quoted as Django's `messages` cookie is). */
  setCookie(name: string, value: string, attributes: MessageCookieAttributes): void;
  /** Expires cookie `name`, with the attributes it was set with. */
  deleteCookie(name: string, attributes: MessageCookieAttributes): void;
}

/** Settings every storage reads (Django's `MESSAGE_LEVEL`, `MESSAGE_TAGS`, `SECRET_KEY`, `SESSION_COOKIE_*`). */
export interface MessageStorageOptions {
  /** Django's `SECRET_KEY`: signs the `messages` cookie. */
  secretKey: string;
  /** Django's `SECRET_KEY_FALLBACKS`: older keys still accepted. @defaultValue [] */
  secretKeyFallbacks?: readonly string[];
  /** Django's `MESSAGE_LEVEL`: messages below it are not recorded. @defaultValue 20 (`INFO`) */
  level?: number;
  /** Django's `MESSAGE_TAGS`, merged over the default tags. @defaultValue {} */
  tags?: Readonly<Record<number, string>>;
  /** Django's `SESSION_COOKIE_DOMAIN`, used for the `messages` cookie. @defaultValue none (the request's host) */
  cookieDomain?: string | null;
  /** Django's `SESSION_COOKIE_SECURE`. @defaultValue false */
  cookieSecure?: boolean;
  /** Django's `SESSION_COOKIE_HTTPONLY`. @defaultValue true */
  cookieHttpOnly?: boolean;
  /** Django's `SESSION_COOKIE_SAMESITE`; `false` for none. @defaultValue `'Lax'` */
  cookieSameSite?: 'Lax' | 'Strict' | 'None' | false;
}

// The tags merged over the defaults, once per `tags` object: every storage of every request
// made with the same settings shares them.
const mergedTags = new WeakMap<object, Readonly<Record<number, string>>>();

/** Django's `get_level_tags()`: `MESSAGE_TAGS` merged over the default tags. */
function levelTagsFor(tags: Readonly<Record<number, string>> | undefined): Readonly<Record<number, string>> {
  if (tags === undefined || tags === null) return DEFAULT_TAGS;
  if (typeof tags !== 'object') return { ...DEFAULT_TAGS, ...(tags as object) };
  let merged = mergedTags.get(tags);
  if (merged === undefined) {
    merged = Object.freeze({ ...DEFAULT_TAGS, ...tags });
    mergedTags.set(tags, merged);
  }
  return merged;
}

/**
 * Django's `BaseStorage`: iterate it to read the messages (which marks them used, so they
 * are not stored again); {@link BaseStorage.add} queues a new one; {@link BaseStorage.update}
 * stores what is left when the response goes.
 */
export abstract class BaseStorage implements Iterable<Message> {
  /** Set when the messages have been iterated (then only messages added after are kept). */
  used = false;
  /** Set when a message was added during this request. */
  addedNew = false;
  /** Tags by level. */
  readonly levelTags: Readonly<Record<number, string>>;
  /** The messages added during this request (Django's `_queued_messages`). */
  protected queued: Message[] = [];
  #loaded: Message[] | undefined;
  #level: number | undefined;
  readonly #defaultLevel: number;

  /**
   * @param request - what the storage reads of the request: its cookies and session.
   * @param options - the settings (Django's `MESSAGE_*`, `SECRET_KEY`, `SESSION_COOKIE_*`).
   */
  constructor(
    /** What the storage reads of the request: its cookies and session. */
    protected readonly request: MessageRequest,
    /** The settings (Django's `MESSAGE_*`, `SECRET_KEY`, `SESSION_COOKIE_*`). */
    protected readonly options: MessageStorageOptions,
  ) {
    this.levelTags = levelTagsFor(options.tags);
    this.#defaultLevel = options.level ?? INFO;
  }

  /** How many messages there are, stored before and added now. */
  get length(): number {
    return this.loadedMessages.length + this.queued.length;
  }

  /** The messages, oldest first; marks them used. */
  [Symbol.iterator](): Iterator<Message> {
    this.used = true;
    if (this.queued.length > 0) {
      this.loadedMessages.push(...this.queued);
      this.queued = [];
    }
    return this.loadedMessages[Symbol.iterator]();
  }

  /** Whether a message equal to `message` (same level and text) is there. */
  includes(message: Message): boolean {
    return [...this.loadedMessages, ...this.queued].some((each) => each.equals(message));
  }

  /** The messages stored by earlier requests, read on first use. */
  protected get loadedMessages(): Message[] {
    if (this.#loaded === undefined) this.#loaded = this.get()[0] ?? [];
    return this.#loaded;
  }

  /**
   * The stored messages and whether they are all of them (`false` when a storage could keep
   * only part); `null` messages when this storage was not used at all.
   */
  abstract get(): [Message[] | null, boolean];

  /** Stores `messages` on `response`; returns those it could not store. */
  abstract store(messages: Message[], response: MessageResponse, removeOldest?: boolean): Message[];

  /**
   * Django's `update(response)`: stores the messages not read yet (all of them, old and new,
   * when nobody iterated; only those added since, when somebody did). Returns the messages
   * that could not be stored.
   */
  update(response: MessageResponse): Message[] {
    if (this.used) return this.store(this.queued, response);
    if (this.addedNew) return this.store([...this.loadedMessages, ...this.queued], response);
    return [];
  }

  /**
   * Queues a message, unless its text is empty or its level is below {@link BaseStorage.level}.
   * `extraTags` defaults to `''`, as Django's `add()`.
   */
  add(level: number, message: string, extraTags: string | null = ''): void {
    if (!message) return;
    const numeric = Number(level);
    if (numeric < this.level) return;
    this.addedNew = true;
    this.queued.push(new Message(numeric, message, extraTags, { levelTags: this.levelTags }));
  }

  /** The lowest level recorded (Django's `MESSAGE_LEVEL` unless set for this request). */
  get level(): number {
    return this.#level ?? this.#defaultLevel;
  }

  /** Sets the lowest level recorded for this request; `null` goes back to the default. */
  set level(value: number | null) {
    if (value === null || value === undefined) {
      this.#level = undefined;
      return;
    }
    const numeric = Number(value);
    if (!Number.isInteger(numeric)) {
      throw new TypeError(`Message level must be an integer such as messages.constants.INFO (got ${String(value)}).`);
    }
    this.#level = numeric;
  }

  /** The attributes of the `messages` cookie (Django reuses the session cookie's). */
  protected cookieAttributes(): MessageCookieAttributes {
    const { cookieDomain, cookieSecure = false, cookieHttpOnly = true, cookieSameSite = 'Lax' } = this.options;
    return {
      path: '/',
      domain: cookieDomain ?? undefined,
      secure: cookieSecure || undefined,
      httpOnly: cookieHttpOnly || undefined,
      sameSite: cookieSameSite,
    };
  }
}
