/** The errors a session raises while its store is written or read. */
import { BadRequest, HttpError } from '../http/errors.js';

/**
 * Django's `SessionInterrupted` (a `BadRequest`, 400): the session was deleted before the
 * request that changed it could save it — a logout in a concurrent request, for example.
 */
export class SessionInterrupted extends BadRequest {
  /** `'SessionInterrupted'`: the class name, kept in minified builds. */
  override readonly name: string = 'SessionInterrupted';
}

/**
 * The session store did not answer (down, refusing, or slower than `storeTimeout`): 503. Its
 * message names the store and the cause; `cause` holds the store's own error.
 */
export class SessionStoreUnavailable extends HttpError {
  static override readonly status: number = 503;
  /** `'SessionStoreUnavailable'`: the class name, kept in minified builds. */
  override readonly name: string = 'SessionStoreUnavailable';
}
