/** Django's message storages and the `Message` they hold. */
export { Message, type MessageOptions } from '../message.js';
export {
  BaseStorage,
  type MessageCookieAttributes,
  type MessageRequest,
  type MessageResponse,
  type MessageSession,
  type MessageStorageOptions,
} from './base.js';
export { CookieStorage, MAX_COOKIE_SIZE, MESSAGES_COOKIE_NAME, NOT_FINISHED } from './cookie.js';
export { MESSAGES_SESSION_KEY, SessionStorage } from './session.js';
export { FallbackStorage } from './fallback.js';
