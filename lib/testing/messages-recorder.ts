/** The messages of the request behind each test `Client` response, for `toHaveMessages` (Django's `response.wsgi_request`). */
import { getMessageStorage } from '../messages/api.js';
import type { Message } from '../messages/message.js';

const requests = new WeakMap<object, object>();

/** Remembers the request `response` answered. */
export function recordMessages(response: object, req: object): void {
  requests.set(response, req);
}

/**
 * The messages of the request `response` answered (Django's
 * `list(get_messages(response.wsgi_request))`): those read at the start and those added;
 * `undefined` when `response` is not a test `Client`'s or no `messagesMiddleware()` ran.
 */
export function messagesOf(response: object): Message[] | undefined {
  const req = requests.get(response);
  const storage = req === undefined ? undefined : getMessageStorage(req);
  return storage === undefined ? undefined : [...storage];
}
