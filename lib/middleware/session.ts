/**
 * Django's `SessionMiddleware` (`django.contrib.sessions.middleware`) for Express:
 * `sessionMiddleware()` gives every request after it `req.session`.
 */
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import vary from 'vary';
import { makeCookie, makeDeletedCookie, putCookie, ResponseCookie, type SameSite } from '../http/cookies.js';
import { describe } from '../http/describe.js';
import { pythonCookieUnquote } from '../http/python-cookies.js';
import { isHttpResponse } from '../http/response-base.js';
import { patchVaryHeaders } from '../utils/cache.js';
import type { ViewResult } from '../views/types.js';
import { MiddlewareMixin } from './mixin.js';
import { Session, type SessionConfig } from '../sessions/session.js';
import type { SessionStore } from '../sessions/store.js';
import { SessionInterrupted, SessionStoreUnavailable } from '../sessions/errors.js';
import { sessionProbeOf } from '../sessions/client-probe.js';
import { commitBeforeWriting, type CommitFailure } from './response-commit.js';
import { processWide } from '../utils/process-wide.js';

/** Options of {@link sessionMiddleware}: Django's `SESSION_*` settings, in camelCase, with Django's defaults. */
export interface SessionMiddlewareOptions {
  /** Django's `SECRET_KEY`: signs the cookie (signed-cookie store) or the stored data. Required. */
  secretKey: string;
  /** Django's `SECRET_KEY_FALLBACKS`: older keys still accepted when reading. @defaultValue [] */
  secretKeyFallbacks?: readonly string[];
  /** Django's `SESSION_ENGINE`: where sessions live. Required. */
  store: SessionStore;
  /** `SESSION_COOKIE_NAME`. @defaultValue 'sessionid' */
  cookieName?: string;
  /** `SESSION_COOKIE_AGE`, in seconds. @defaultValue 1209600 (two weeks) */
  cookieAge?: number;
  /** `SESSION_EXPIRE_AT_BROWSER_CLOSE`: a cookie without `Max-Age`. @defaultValue false */
  expireAtBrowserClose?: boolean;
  /** `SESSION_SAVE_EVERY_REQUEST`: save (and renew the cookie) on every request, changed or not. @defaultValue false */
  saveEveryRequest?: boolean;
  /** `SESSION_COOKIE_SECURE`. @defaultValue false */
  cookieSecure?: boolean;
  /** `SESSION_COOKIE_HTTPONLY`. @defaultValue true */
  cookieHttpOnly?: boolean;
  /** `SESSION_COOKIE_SAMESITE`; `false` leaves the attribute out (Django's `None`). @defaultValue 'Lax' */
  cookieSameSite?: SameSite | false;
  /** `SESSION_COOKIE_DOMAIN`. @defaultValue none (the request's host only) */
  cookieDomain?: string;
  /** `SESSION_COOKIE_PATH`. @defaultValue '/' */
  cookiePath?: string;
  /**
   * Seconds a store read or write may take before the request gets a 503
   * ({@link SessionStoreUnavailable}) instead of waiting on. @defaultValue 5
   */
  storeTimeout?: number;
  /**
   * Told of a store failure once per outage (the first failure after a success), with the
   * {@link SessionStoreUnavailable} naming the store and the cause. @defaultValue console.error
   */
  onStoreError?: (error: SessionStoreUnavailable) => void;
}

/**
 * An Express request once `sessionMiddleware()` has run: `req.session` is the {@link Session}.
 * (A type rather than a global declaration, so it does not collide with express-session's.)
 */
export type SessionRequest = Omit<Request, 'session'> & {
  /** Django's `request.session`. */
  session: Session;
};

const DEFAULTS = {
  cookieName: 'sessionid',
  cookieAge: 1_209_600,
  cookiePath: '/',
} as const;

/** The sessions of requests, so library code finds them even if another middleware reuses `req.session`. */
const sessions = processWide('sessions', () => new WeakMap<object, Session>());

/**
 * The session `sessionMiddleware()` gave `req` (Django's `request.session`), or `undefined`
 * when none ran for it. For library code: `req.session` may belong to another middleware.
 */
export function findSession(req: IncomingMessage | Request): Session | undefined {
  return sessions.get(req);
}

/**
 * The session `sessionMiddleware()` gave `req` (Django's `request.session`).
 *
 * @throws Error when no `sessionMiddleware()` ran for `req`, saying where to mount it.
 */
export function getSession(req: IncomingMessage | Request): Session {
  const session = sessions.get(req);
  if (session === undefined) {
    throw new Error(
      'This request has no session: mount sessionMiddleware({ secretKey, store }) with app.use() before the routes that use req.session.',
    );
  }
  return session;
}

/** The settings login and messages share with the session (Django's `SECRET_KEY*` and `SESSION_COOKIE_*`). */
export interface SessionSharedSettings {
  readonly secretKey: string;
  readonly secretKeyFallbacks: readonly string[];
  readonly cookieDomain: string | undefined;
  readonly cookiePath: string;
  readonly cookieSecure: boolean;
  readonly cookieHttpOnly: boolean;
  readonly cookieSameSite: SameSite | false;
}

const sharedSettings = new WeakMap<object, SessionSharedSettings>();

/** The settings of the session middleware that opened `req`'s session, or `undefined` when none did. */
export function findSessionSettings(req: IncomingMessage | Request): SessionSharedSettings | undefined {
  return sharedSettings.get(req);
}

/** Where the response phase puts its cookie and `Vary`: Node's `res`, or a response object. */
interface CookieTarget {
  setCookie(cookie: ResponseCookie): void;
  varyOnCookie(): void;
}

/**
 * Django's `SessionMiddleware` as a {@link MiddlewareMixin}: `processRequest` gives the request
 * its session (loaded from the store), `processResponse` saves it and sets or deletes the cookie
 * on the response object. For `viewMiddleware()` or one view (`view(handler,
 * SessionMiddleware.asMiddleware(opts))`); {@link sessionMiddleware} is the app-wide form that
 * also serves plain Express handlers, and one instance of this class does its work. When both
 * meet on a request, the first one to see it owns the session and the other does nothing.
 *
 * @throws TypeError for a missing `secretKey` or `store`, or an option of the wrong type.
 */
export class SessionMiddleware extends MiddlewareMixin {
  readonly #options: CheckedOptions;
  readonly #outage: OutageReporter;
  readonly #cookieOptions: { path: string; domain?: string; sameSite?: SameSite };
  /** Requests whose session this instance's `processRequest` opened (so its `processResponse` saves it). */
  readonly #opened = new WeakSet<object>();
  readonly #shared: SessionSharedSettings;

  constructor(options: SessionMiddlewareOptions) {
    super();
    this.#options = checkOptions(options);
    this.#outage = outageReporter(options.onStoreError);
    const { cookiePath, cookieDomain, cookieSameSite } = this.#options;
    this.#cookieOptions = {
      path: cookiePath,
      ...(cookieDomain === undefined ? {} : { domain: cookieDomain }),
      ...(cookieSameSite === false ? {} : { sameSite: cookieSameSite }),
    };
    this.#shared = Object.freeze({
      secretKey: this.#options.config.secretKey,
      secretKeyFallbacks: this.#options.config.secretKeyFallbacks,
      cookieDomain,
      cookiePath,
      cookieSecure: this.#options.cookieSecure,
      cookieHttpOnly: this.#options.cookieHttpOnly,
      cookieSameSite,
    });
  }

  /** The session of `req`, made from its cookie; a promise when the store must be read first. */
  open(req: IncomingMessage | Request): OpenSession | Promise<OpenSession> {
    const { store, cookieName } = this.#options;
    const cookieValue = readCookie(req.headers.cookie, cookieName);
    const session = new Session(store, this.#options.config, cookieValue);
    sessions.set(req, session);
    sharedSettings.set(req, this.#shared);
    (req as unknown as { session: Session }).session = session;
    const opened = { session, cookieValue };
    if (cookieValue === undefined || session.sessionKey === null || store.keyIsData) return opened;
    return session.load().then(() => {
      const error = session.loadError;
      if (error instanceof SessionStoreUnavailable) this.#outage.failed(error);
      else this.#outage.recovered();
      return opened;
    });
  }

  /**
   * Django's `process_response` for a response about to go out with `status`: `Vary: Cookie`
   * when the session was used, the cookie deleted when it was emptied, else the session saved
   * and its cookie set when it changed (or `saveEveryRequest`) and the status is below 500.
   * Synchronous when there is nothing to write to the store.
   *
   * @throws SessionInterrupted (rejects) when the session was deleted meanwhile;
   *   SessionStoreUnavailable when the store failed.
   */
  commit({ session, cookieValue }: OpenSession, status: number, target: CookieTarget): void | Promise<void> {
    const { accessed, modified } = session;
    const empty = session.isEmpty();
    const { cookieName, saveEveryRequest } = this.#options;
    if (cookieValue !== undefined && empty) {
      target.setCookie(makeDeletedCookie(cookieName, this.#cookieOptions));
      target.varyOnCookie();
      return this.#settle(session.discardOldKeys());
    }
    if (accessed) target.varyOnCookie();
    if (!(modified || saveEveryRequest) || empty || status >= 500) return this.#settle(session.discardOldKeys());
    const maxAge = session.getExpireAtBrowserClose() ? undefined : session.getExpiryAge();
    return session.save().then(
      () => {
        this.#outage.recovered();
        const key = session.sessionKey;
        if (key === null) return;
        const { cookieSecure, cookieHttpOnly } = this.#options;
        // Written as it is: a key, or signed data (base64url, ':' and '.'), needs no quoting.
        const cookie = new ResponseCookie(
          cookieName,
          key,
          {
            ...this.#cookieOptions,
            ...(maxAge === undefined ? {} : { maxAge }),
            ...(cookieSecure ? { secure: true } : {}),
            ...(cookieHttpOnly ? { httpOnly: true } : {}),
          },
          { rawValue: true },
        );
        target.setCookie(cookie);
        target.varyOnCookie();
      },
      (error: unknown) => {
        throw this.#failure(error);
      },
    );
  }

  /** Nothing to wait for, or the deletions `cycleKey()`/`flush()` left. */
  #settle(deleting: Promise<void> | undefined): Promise<void> | undefined {
    return deleting?.then(
      () => this.#outage.recovered(),
      (error: unknown) => {
        throw this.#failure(error);
      },
    );
  }

  /** A failed save as Django's middleware raises it; a store failure reported once per outage. */
  #failure(error: unknown): SessionInterrupted | SessionStoreUnavailable {
    if (error instanceof Error && error.name === 'UpdateError') {
      return new SessionInterrupted(
        "The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.",
        { cause: error },
      );
    }
    const unavailable =
      error instanceof SessionStoreUnavailable
        ? error
        : new SessionStoreUnavailable(`Saving the session failed: ${String(error)}`, { cause: error });
    this.#outage.failed(unavailable);
    return unavailable;
  }

  override processRequest(req: Request): Promise<undefined> | undefined {
    if (sessions.has(req)) return undefined; // The app-wide form, or another instance, owns it.
    this.#opened.add(req);
    const opened = this.open(req);
    return opened instanceof Promise ? opened.then(() => undefined) : undefined;
  }

  override async processResponse(req: Request, response: ViewResult): Promise<ViewResult> {
    const session = sessions.get(req);
    if (!this.#opened.has(req) || session === undefined || !isHttpResponse(response)) return response;
    this.#opened.delete(req);
    const cookieValue = readCookie(req.headers.cookie, this.#options.cookieName);
    await this.commit({ session, cookieValue }, response.statusCode, {
      setCookie: (cookie) => putCookie(response.cookies, cookie),
      varyOnCookie: () => patchVaryHeaders(response, ['Cookie']),
    });
    return response;
  }

  /** The app-wide Express middleware on this instance: see {@link sessionMiddleware}. */
  handler(): RequestHandler {
    return (req, res, next) => {
      const probe = sessionProbeOf(req);
      if (probe !== undefined) {
        // The test Client asking for the app's sessions (client.session): tell it, answer nothing else.
        const { store, cookieName, config } = this.#options;
        probe.answer = { store, config, cookieName, cookieValue: readCookie(req.headers.cookie, cookieName) };
        res.statusCode = 204;
        res.end();
        return;
      }
      const opened = this.open(req);
      const target: CookieTarget = {
        setCookie: (cookie) => res.appendHeader('Set-Cookie', cookie.toString()),
        varyOnCookie: () => vary(res, 'Cookie'),
      };
      const commit = (status: number): void | Promise<void | CommitFailure> => {
        const session = sessions.get(req);
        if (session === undefined) return undefined;
        const cookieValue = readCookie(req.headers.cookie, this.#options.cookieName);
        const pending = this.commit({ session, cookieValue }, status, target);
        return pending?.then(undefined, (error: unknown) => failureResponse(error));
      };
      if (opened instanceof Promise) {
        void opened.then(() => {
          commitBeforeWriting(res, commit);
          next();
        });
      } else {
        commitBeforeWriting(res, commit);
        next();
      }
    };
  }
}

/** A session and the cookie it came from, between the request and the response phases. */
export interface OpenSession {
  /** The request's session (`req.session`). */
  session: Session;
  /** The session cookie's value as the request sent it, if it did. */
  cookieValue: string | undefined;
}

/** What a plain Express handler's client gets when the session could not be saved. */
function failureResponse(error: unknown): CommitFailure {
  if (error instanceof SessionInterrupted) {
    return { status: error.status, body: `Bad Request: ${error.message}\n` };
  }
  return { status: 503, body: 'Service Unavailable: the session could not be saved.\n' };
}

/**
 * Django's `SessionMiddleware`: every request after it gets `req.session` (a {@link Session}),
 * read from the cookie `cookieName` through `store`; when the response is written — by a
 * `view()` or any Express handler (`res.send`, `res.redirect`, `res.sendFile`, a stream) — the
 * session is saved and its cookie set if it changed (or `saveEveryRequest`), unless the status is
 * 5xx; `Vary: Cookie` is added when it was used; the cookie is deleted when the session was
 * emptied (`flush()`). The response waits for the save, so the next request sees it.
 *
 * A store that fails or outlasts `storeTimeout` never hangs a request: reading the session
 * throws {@link SessionStoreUnavailable} (503) to the error handler, and a failed save answers
 * 503 instead of the response; `onStoreError` hears of it once per outage. A session deleted
 * meanwhile (a logout in another tab) answers 400, Django's `SessionInterrupted`.
 *
 * @throws TypeError for a missing `secretKey` or `store`, or an option of the wrong type.
 *
 * @example
 * ```ts
 * app.use(sessionMiddleware({ secretKey: process.env.SECRET_KEY!, store: new SignedCookieSessionStore() }));
 * app.get('/', (req, res) => {
 *   const session = getSession(req);
 *   session.set('visits', session.get<number>('visits', 0) + 1);
 *   res.send(`visit ${String(session.get('visits'))}`);
 * });
 * ```
 */
export function sessionMiddleware(options: SessionMiddlewareOptions): RequestHandler {
  return new SessionMiddleware(options).handler();
}

/**
 * The value of cookie `name` as Django's `parse_cookie` reads it: `;`-separated pairs, the
 * last one of a name winning, Python's quoting undone, no `%XX` decoding.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header?.includes(name)) return undefined;
  let found: string | undefined;
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    const key = (eq < 0 ? '' : chunk.slice(0, eq)).trim();
    if (key !== name) continue;
    found = pythonCookieUnquote(chunk.slice(eq + 1).trim());
  }
  return found;
}

/** Reports a store failure once, then nothing until a success has ended the outage. */
interface OutageReporter {
  failed(error: SessionStoreUnavailable): void;
  recovered(): void;
}

function outageReporter(onStoreError: ((error: SessionStoreUnavailable) => void) | undefined): OutageReporter {
  let down = false;
  return {
    failed(error) {
      if (down) return;
      down = true;
      if (onStoreError) onStoreError(error);
      else console.error(`sessionMiddleware: ${error.message}`);
    },
    recovered() {
      down = false;
    },
  };
}

interface CheckedOptions {
  store: SessionStore;
  cookieName: string;
  cookiePath: string;
  cookieDomain: string | undefined;
  cookieSameSite: SameSite | false;
  cookieSecure: boolean;
  cookieHttpOnly: boolean;
  saveEveryRequest: boolean;
  config: SessionConfig;
}

function checkOptions(options: SessionMiddlewareOptions): CheckedOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `sessionMiddleware() takes an options object such as { secretKey, store: new SignedCookieSessionStore() } (got ${describe(options)}).`,
    );
  }
  const { secretKey, store } = options;
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new TypeError(
      `sessionMiddleware() needs secretKey, Django's SECRET_KEY: a non-empty string kept secret (got ${describe(secretKey)}).`,
    );
  }
  const fallbacks = options.secretKeyFallbacks ?? [];
  if (!Array.isArray(fallbacks) || fallbacks.some((key) => typeof key !== 'string')) {
    throw new TypeError(
      `sessionMiddleware() option secretKeyFallbacks must be an array of strings (got ${describe(fallbacks)}).`,
    );
  }
  if (
    store === null ||
    typeof store !== 'object' ||
    typeof store.load !== 'function' ||
    typeof store.save !== 'function' ||
    typeof store.delete !== 'function'
  ) {
    throw new TypeError(
      `sessionMiddleware() needs store, a session store: new SignedCookieSessionStore(), new DatabaseSessionStore({ query }) or new CacheSessionStore(keyv) (got ${describe(store)}).`,
    );
  }
  const cookieAge = options.cookieAge ?? DEFAULTS.cookieAge;
  if (!Number.isSafeInteger(cookieAge) || cookieAge < 0) {
    throw new TypeError(`sessionMiddleware() option cookieAge is in whole seconds (got ${describe(cookieAge)}).`);
  }
  const storeTimeout = options.storeTimeout ?? 5;
  if (typeof storeTimeout !== 'number' || !(storeTimeout > 0) || storeTimeout > 3600) {
    throw new TypeError(
      `sessionMiddleware() option storeTimeout is in seconds, above 0 (got ${describe(storeTimeout)}).`,
    );
  }
  const cookieName = options.cookieName ?? DEFAULTS.cookieName;
  if (typeof cookieName !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookieName)) {
    throw new TypeError(
      `sessionMiddleware() option cookieName must be a cookie name token (got ${describe(cookieName)}).`,
    );
  }
  const checked: CheckedOptions = {
    store,
    cookieName,
    cookiePath: options.cookiePath ?? DEFAULTS.cookiePath,
    cookieDomain: options.cookieDomain,
    cookieSameSite: options.cookieSameSite ?? 'Lax',
    cookieSecure: options.cookieSecure ?? false,
    cookieHttpOnly: options.cookieHttpOnly ?? true,
    saveEveryRequest: options.saveEveryRequest ?? false,
    config: {
      secretKey,
      secretKeyFallbacks: Array.from<string>(fallbacks),
      cookieAge,
      expireAtBrowserClose: options.expireAtBrowserClose ?? false,
      storeTimeout,
    },
  };
  // The cookie options are checked once here, by the code that checks setCookie()'s.
  makeCookie(cookieName, 'x', {
    path: checked.cookiePath,
    ...(checked.cookieDomain === undefined ? {} : { domain: checked.cookieDomain }),
    ...(checked.cookieSameSite === false ? {} : { sameSite: checked.cookieSameSite }),
    secure: checked.cookieSecure,
    httpOnly: checked.cookieHttpOnly,
  });
  return checked;
}
