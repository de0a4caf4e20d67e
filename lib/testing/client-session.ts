/**
 * The test `Client`'s `session` (Django's `client.session`): the session of the client's
 * cookie, read from the app's own store with the app's own settings, to read and change
 * between requests.
 */
import { SESSION_PROBE, type SessionProbe } from '../sessions/client-probe.js';
import { Session, type SessionConfig } from '../sessions/session.js';
import type { SessionStore } from '../sessions/store.js';
import type { ProbeSender } from './client-auth.js';

/** Options of `client.getSession()`. */
export interface ClientSessionOptions {
  /** A path whose requests pass through `sessionMiddleware()` (nothing before it answers). @defaultValue `'/'` */
  path?: string;
}

/**
 * A session of the test `Client`: a {@link Session} whose `save()` also gives the client the
 * cookie that names it, as Django's test client does, so the next request carries it (for the
 * signed-cookie store too, whose cookie is the data).
 */
export class ClientSession extends Session {
  readonly #keep: (value: string | null) => void;

  /** @internal Made by `client.session`. */
  constructor(
    store: SessionStore,
    config: SessionConfig,
    sessionKey: string | undefined,
    keep: (value: string | null) => void,
  ) {
    super(store, config, sessionKey);
    this.#keep = keep;
  }

  /** Save to the app's store and keep the cookie for the client's next requests. */
  override async save(mustCreate = false): Promise<void> {
    await super.save(mustCreate);
    this.#keep(this.isEmpty() ? null : this.sessionKey);
  }
}

/**
 * Django's `client.session`: the session the client's cookie names, loaded from the app's
 * store; without a cookie, a new session, saved at once so that the client has its cookie.
 *
 * @throws Error when no `sessionMiddleware()` answered a request to `path`.
 */
export async function clientSession(
  send: ProbeSender,
  keep: (name: string, value: string | null) => void,
  options: ClientSessionOptions = {},
): Promise<ClientSession> {
  const path = options.path ?? '/';
  const probe: SessionProbe = {};
  const response = await send(path, (req) => {
    Object.defineProperty(req, SESSION_PROBE, { value: probe, enumerable: false });
  });
  const answer = probe.answer;
  if (answer === undefined) {
    throw new Error(
      `client.session sent GET ${path} through the app, but no sessionMiddleware() answered it (the app answered ${response.statusCode}): mount sessionMiddleware() with app.use() before the routes, or use client.getSession({ path }) with a path where it runs.`,
    );
  }
  const session = new ClientSession(answer.store, answer.config, answer.cookieValue, (value) =>
    keep(answer.cookieName, value),
  );
  await session.load();
  const failed = session.loadError;
  if (failed !== undefined)
    throw failed instanceof Error ? failed : new Error('The session store failed a load.', { cause: failed });
  if (answer.cookieValue === undefined) await session.save();
  return session;
}
