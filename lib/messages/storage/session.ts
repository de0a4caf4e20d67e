/** Django's `SessionStorage`: messages in the session's `_messages`. */
import type { Message } from '../message.js';
import { decodeMessages, encodeMessages } from '../serialization.js';
import {
  BaseStorage,
  type MessageRequest,
  type MessageResponse,
  type MessageSession,
  type MessageStorageOptions,
} from './base.js';

/** Django's `SessionStorage.session_key`. */
export const MESSAGES_SESSION_KEY = '_messages';

/**
 * Checks that `request` has a session (Django's `SessionStorage` asserts it).
 * @throws Error saying where to mount `sessionMiddleware()` when it has none.
 */
export function requireSession(request: MessageRequest): void {
  if (!request.session) {
    throw new Error(
      "The session-based message storage requires req.session: add sessionMiddleware() before messagesMiddleware() (or use messagesMiddleware({ storage: 'cookie' })).",
    );
  }
}

/**
 * Django's `SessionStorage`: the messages as a JSON string (Django's `MessageEncoder`) in the
 * session's `_messages`, removed when there are none.
 */
export class SessionStorage extends BaseStorage {
  /** The session key. */
  sessionKey = MESSAGES_SESSION_KEY;

  /** @throws Error when `request` has no session. */
  constructor(request: MessageRequest, options: MessageStorageOptions) {
    requireSession(request);
    super(request, options);
  }

  private get session(): MessageSession {
    return this.request.session as MessageSession;
  }

  get(): [Message[] | null, boolean] {
    return [this.deserializeMessages(this.session.get(this.sessionKey)), true];
  }

  store(messages: Message[], _response: MessageResponse): Message[] {
    if (messages.length > 0) this.session.set(this.sessionKey, this.serializeMessages(messages));
    else this.session.pop(this.sessionKey, null);
    return [];
  }

  /** Django's `serialize_messages`: `[["__json_message", 0, 20, "Hi", ""]]`, Python's separators. */
  serializeMessages(messages: readonly Message[]): string {
    return encodeMessages(messages, false);
  }

  /** Django's `deserialize_messages`: a JSON string (or, from older code, a list) back to messages; `null` when unset. */
  deserializeMessages(data: unknown): Message[] | null {
    if (data && typeof data === 'string') {
      try {
        return decodeMessages(JSON.parse(data), this.levelTags) as Message[];
      } catch {
        return null;
      }
    }
    if (Array.isArray(data)) return decodeMessages(data, this.levelTags) as Message[];
    return null;
  }
}
