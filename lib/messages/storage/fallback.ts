/** Django's `FallbackStorage`: the cookie first, the session for what does not fit. */
import type { Message } from '../message.js';
import { BaseStorage, type MessageRequest, type MessageResponse, type MessageStorageOptions } from './base.js';
import { CookieStorage } from './cookie.js';
import { requireSession, SessionStorage } from './session.js';

/**
 * Django's default `MESSAGE_STORAGE`: messages go to the `messages` cookie; those it cannot
 * hold (over 2048 bytes) go to the session's `_messages`. Reading takes the cookie, then the
 * session only when the cookie says it did not hold everything. A storage that held
 * messages and holds none now is emptied.
 */
export class FallbackStorage extends BaseStorage {
  #storages: readonly [CookieStorage, SessionStorage] | undefined;
  readonly #usedStorages = new Set<BaseStorage>();

  /** @throws Error when `request` has no session (as {@link SessionStorage} does). */
  constructor(request: MessageRequest, options: MessageStorageOptions) {
    requireSession(request);
    super(request, options);
  }

  /**
   * The storages, in order: the cookie, then the session. Made when first used, so that a
   * request that neither reads nor adds messages makes none.
   */
  get storages(): readonly [CookieStorage, SessionStorage] {
    this.#storages ??= [new CookieStorage(this.request, this.options), new SessionStorage(this.request, this.options)];
    return this.#storages;
  }

  get(): [Message[] | null, boolean] {
    const all: Message[] = [];
    let allRetrieved = true;
    for (const storage of this.storages) {
      const [messages, complete] = storage.get();
      allRetrieved = complete;
      // A storage that was not used means no later one was either.
      if (messages === null) break;
      if (messages.length > 0) this.#usedStorages.add(storage);
      all.push(...messages);
      if (complete) break;
    }
    return [all, allRetrieved];
  }

  store(messages: Message[], response: MessageResponse): Message[] {
    let rest = messages;
    for (const storage of this.storages) {
      if (rest.length > 0) {
        rest = storage.store(rest, response, false);
      } else if (this.#usedStorages.has(storage)) {
        // Nothing left for it, but it held messages: empty it.
        storage.store([], response);
        this.#usedStorages.delete(storage);
      }
    }
    return rest;
  }
}
