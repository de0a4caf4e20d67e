/**
 * Django's `MessageMiddleware` (`django.contrib.messages.middleware`): every request after it
 * can add messages (`messages.success(req, 'Saved.')`) and read those left by earlier ones.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { ServerResponse } from 'node:http';
import { describe } from '../http/describe.js';
import { makeDeletedCookie, putCookie, ResponseCookie, type CookieOptions } from '../http/cookies.js';
import { isHttpResponse } from '../http/response-base.js';
import { getMessageStorage, setMessageStorage } from '../messages/api.js';
import { DEFAULT_LEVELS } from '../messages/constants.js';
import type {
  BaseStorage,
  MessageCookieAttributes,
  MessageRequest,
  MessageResponse,
  MessageStorageOptions,
} from '../messages/storage/base.js';
import { CookieStorage } from '../messages/storage/cookie.js';
import { FallbackStorage } from '../messages/storage/fallback.js';
import { SessionStorage } from '../messages/storage/session.js';
import type { ViewResult } from '../views/types.js';
import { MiddlewareMixin } from './mixin.js';
import { commitBeforeWriting } from './response-commit.js';
import { findSession, findSessionSettings, readCookie, type SessionSharedSettings } from './session.js';

/** A storage class: Django's `MESSAGE_STORAGE`. */
export type MessageStorageClass = new (request: MessageRequest, options: MessageStorageOptions) => BaseStorage;

/** Options of {@link messagesMiddleware} and {@link MessageMiddleware}. */
export interface MessagesMiddlewareOptions extends Partial<MessageStorageOptions> {
  /**
   * Where messages are kept between requests (Django's `MESSAGE_STORAGE`): `'fallback'` (the
   * `messages` cookie, overflowing into the session), `'cookie'`, `'session'`, or a class.
   * @defaultValue `'fallback'`
   */
  storage?: 'fallback' | 'cookie' | 'session' | MessageStorageClass;
  /**
   * Throw when messages could not all be stored (Django's `DEBUG`: "Not all temporary
   * messages could be stored."). @defaultValue false: the oldest are dropped
   */
  debug?: boolean;
}

const STORAGES: Record<string, MessageStorageClass> = {
  fallback: FallbackStorage,
  cookie: CookieStorage,
  session: SessionStorage,
};

/** A request as the storages read it: its cookies as Django parses them, its session. */
function messageRequest(req: Request): MessageRequest {
  const header = req.headers.cookie;
  const target: Record<string, string | undefined> = {};
  const cookies = new Proxy(target, {
    get: (_target, name) => (typeof name === 'string' ? readCookie(header, name) : undefined),
  });
  return { cookies, session: findSession(req) };
}

/** Django's `set_cookie` arguments as this package's cookie options. */
function cookieOptions(attributes: MessageCookieAttributes): CookieOptions {
  return {
    path: attributes.path,
    ...(attributes.domain === undefined ? {} : { domain: attributes.domain }),
    ...(attributes.secure ? { secure: true } : {}),
    ...(attributes.httpOnly ? { httpOnly: true } : {}),
    ...(attributes.sameSite ? { sameSite: attributes.sameSite } : {}),
  };
}

function deletedCookie(name: string, attributes: MessageCookieAttributes): ResponseCookie {
  return makeDeletedCookie(name, {
    path: attributes.path,
    ...(attributes.domain === undefined ? {} : { domain: attributes.domain }),
    ...(attributes.sameSite ? { sameSite: attributes.sameSite } : {}),
  });
}

/** Writes the storages' cookies onto Node's response (before its head goes). */
function nodeResponse(res: ServerResponse): MessageResponse {
  return {
    // Signed values (base64url, ':' and '.') need no quoting: written as they are.
    setCookie: (name, value, attributes) =>
      res.appendHeader(
        'Set-Cookie',
        new ResponseCookie(name, value, cookieOptions(attributes), { rawValue: true }).toString(),
      ),
    deleteCookie: (name, attributes) => res.appendHeader('Set-Cookie', deletedCookie(name, attributes).toString()),
  };
}

/**
 * Django's `MessageMiddleware`: before the view, `req`'s message storage (read lazily from the
 * `messages` cookie and/or the session's `_messages`); after it, the messages not read are
 * stored again with those added. Settings not given are `sessionMiddleware()`'s: its
 * `secretKey` and `secretKeyFallbacks` sign the cookie, its `cookieDomain`, `cookieSecure`,
 * `cookieHttpOnly` and `cookieSameSite` are the cookie's (as Django's `SESSION_COOKIE_*`).
 */
export class MessageMiddleware extends MiddlewareMixin {
  readonly #options: MessagesMiddlewareOptions;
  readonly #storageClass: MessageStorageClass;
  readonly #settingsBySession = new WeakMap<SessionSharedSettings, MessageStorageOptions>();
  #settingsWithoutSession: MessageStorageOptions | undefined;

  constructor(options: MessagesMiddlewareOptions = {}) {
    super();
    const who = 'MessageMiddleware';
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`${who} options must be an object such as { storage: 'cookie' } (got ${describe(options)}).`);
    }
    const { storage = 'fallback', level, tags } = options;
    const storageClass = typeof storage === 'function' ? storage : STORAGES[storage];
    if (!storageClass) {
      throw new TypeError(
        `${who} option storage must be 'fallback', 'cookie', 'session' or a storage class (got ${describe(storage)}).`,
      );
    }
    if (level !== undefined && !Number.isInteger(level)) {
      throw new TypeError(
        `${who} option level must be an integer such as messages.constants.INFO (got ${describe(level)}).`,
      );
    }
    if (tags !== undefined && (tags === null || typeof tags !== 'object')) {
      throw new TypeError(`${who} option tags must map levels to tags, as { 40: 'danger' } (got ${describe(tags)}).`);
    }
    this.#options = options;
    this.#storageClass = storageClass;
  }

  /** The request's storage (Django's `request._messages = default_storage(request)`). */
  override processRequest(req: Request): undefined {
    setMessageStorage(req, new this.#storageClass(messageRequest(req), this.#settingsFor(findSessionSettings(req))));
    return undefined;
  }

  /**
   * The storages' settings: these options over the session middleware's, made once per
   * session middleware (and once for none), then shared by every request's storage.
   */
  #settingsFor(session: SessionSharedSettings | undefined): MessageStorageOptions {
    let settings = session === undefined ? this.#settingsWithoutSession : this.#settingsBySession.get(session);
    if (settings !== undefined) return settings;
    const secretKey = this.#options.secretKey ?? session?.secretKey;
    if (secretKey === undefined) {
      throw new Error(
        'messagesMiddleware() needs a secret key to sign the messages cookie: mount sessionMiddleware({ secretKey, store }) before it, or pass messagesMiddleware({ secretKey }).',
      );
    }
    settings = {
      secretKey,
      secretKeyFallbacks: this.#options.secretKeyFallbacks ?? session?.secretKeyFallbacks ?? [],
      cookieDomain: this.#options.cookieDomain ?? session?.cookieDomain ?? null,
      cookieSecure: this.#options.cookieSecure ?? session?.cookieSecure ?? false,
      cookieHttpOnly: this.#options.cookieHttpOnly ?? session?.cookieHttpOnly ?? true,
      cookieSameSite: this.#options.cookieSameSite ?? toSameSite(session?.cookieSameSite) ?? 'Lax',
      ...(this.#options.level === undefined ? {} : { level: this.#options.level }),
      ...(this.#options.tags === undefined ? {} : { tags: this.#options.tags }),
    };
    if (session === undefined) this.#settingsWithoutSession = settings;
    else this.#settingsBySession.set(session, settings);
    return settings;
  }

  /** Stores the messages on a response object (Django's `process_response`). */
  override processResponse(req: Request, response: ViewResult): ViewResult {
    const storage = getMessageStorage(req);
    if (storage && isHttpResponse(response)) {
      this.store(storage, {
        setCookie: (name, value, attributes) =>
          putCookie(response.cookies, new ResponseCookie(name, value, cookieOptions(attributes), { rawValue: true })),
        deleteCookie: (name, attributes) => putCookie(response.cookies, deletedCookie(name, attributes)),
      });
    }
    return response;
  }

  /** Django's `storage.update(response)`, and its `DEBUG` check. */
  store(storage: BaseStorage, response: MessageResponse): void {
    const unstored = storage.update(response);
    if (unstored.length > 0 && this.#options.debug) {
      throw new Error(
        `Not all temporary messages could be stored: ${unstored.length} did not fit in the messages cookie; use the 'fallback' or 'session' storage.`,
      );
    }
  }
}

function toSameSite(value: string | false | undefined): 'Lax' | 'Strict' | 'None' | false | undefined {
  if (value === undefined || value === false) return value;
  const lower = value.toLowerCase();
  return lower === 'strict' ? 'Strict' : lower === 'none' ? 'None' : 'Lax';
}

/**
 * Django's `MessageMiddleware` for every route after it (`app.use()`), views or plain Express
 * handlers: `messages.success(req, …)` and the other `messages` functions work, templates see
 * `messages` (iterate it to show them, which marks them read) and `DEFAULT_MESSAGE_LEVELS`,
 * and the messages are stored when the response is written. Mount it after
 * `sessionMiddleware()`.
 *
 * @throws TypeError for options that are not as documented.
 *
 * @example
 * ```ts
 * app.use(sessionMiddleware({ secretKey: SECRET_KEY, store }));
 * app.use(messagesMiddleware());
 * app.post('/decide/', (req, res) => {
 *   messages.success(req, 'Decision recorded');
 *   res.redirect('/');
 * });
 * // In the template: {% for message in messages %}<p class="{{ message.tags }}">{{ message }}</p>{% endfor %}
 * ```
 */
export function messagesMiddleware(options: MessagesMiddlewareOptions = {}): RequestHandler {
  const middleware = new MessageMiddleware(options);
  return function messagesMiddlewareHandler(req: Request, res: Response, next): void {
    try {
      middleware.processRequest(req);
    } catch (error) {
      next(error);
      return;
    }
    const storage = getMessageStorage(req) as BaseStorage;
    res.locals.messages = storage;
    res.locals.DEFAULT_MESSAGE_LEVELS = DEFAULT_LEVELS;
    // Registered after sessionMiddleware's, so it runs first: the session's _messages is set
    // before the session is saved.
    commitBeforeWriting(res, () => middleware.store(storage, nodeResponse(res)));
    next();
  };
}
