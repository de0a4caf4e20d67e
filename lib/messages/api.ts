/**
 * Django's `django.contrib.messages.api`: `messages.success(req, 'Saved.')` in a view, and
 * the messages read back (usually by the template of the next page) with `getMessages(req)`.
 */
import { DEBUG, ERROR, INFO, SUCCESS, WARNING } from './constants.js';
import type { Message } from './message.js';
import type { BaseStorage } from './storage/base.js';
import { processWide } from '../utils/process-wide.js';

// The storage of each request, kept beside it rather than on it: adding a property to Node's
// request object (a dictionary of some forty) costs microseconds, a WeakMap entry a fraction.
// One map per process, so the ESM and CommonJS copies of the package share it.
const storages = processWide('messageStorages', () => new WeakMap<object, BaseStorage>());

/** Django's `MessageFailure`: a message added where `messagesMiddleware()` does not run. */
export class MessageFailure extends Error {
  /** `'MessageFailure'`: the class name, kept in minified builds. */
  override readonly name: string = 'MessageFailure';
}

/** Options of {@link addMessage} and the level shortcuts. */
export interface AddMessageOptions {
  /** Tags written before the level's in `message.tags` (Django's `extra_tags`). @defaultValue `''` */
  extraTags?: string;
  /** Do nothing, instead of throwing {@link MessageFailure}, when `messagesMiddleware()` does not run. @defaultValue false */
  failSilently?: boolean;
}

/** Attaches the request's message storage (what `messagesMiddleware()` does). */
export function setMessageStorage(req: object, storage: BaseStorage): void {
  storages.set(req, storage);
}

/** The request's message storage, when `messagesMiddleware()` attached one. */
export function getMessageStorage(req: object): BaseStorage | undefined {
  return storages.get(req);
}

/**
 * Django's `add_message(request, level, message, extra_tags, fail_silently)`: queues a
 * message for this request or the next one. Ignored when `text` is empty or `level` is
 * below the request's level ({@link getLevel}).
 *
 * @throws MessageFailure when `messagesMiddleware()` does not run, unless `failSilently`.
 */
export function addMessage(req: object, level: number, text: string, options: AddMessageOptions = {}): void {
  if (typeof req !== 'object' || req === null) {
    throw new TypeError(
      `addMessage() argument must be an Express request (got ${req === null ? 'null' : typeof req}).`,
    );
  }
  const storage = getMessageStorage(req);
  if (!storage) {
    if (options.failSilently) return;
    throw new MessageFailure(
      'You cannot add messages without installing messagesMiddleware(): app.use(messagesMiddleware()) after sessionMiddleware().',
    );
  }
  storage.add(level, text, options.extraTags ?? '');
}

/**
 * Django's `get_messages(request)`: the request's messages (iterate to read them, which marks
 * them used); an empty list when `messagesMiddleware()` does not run.
 */
export function getMessages(req: object): Iterable<Message> & {
  /** How many messages there are. */
  readonly length: number;
} {
  return getMessageStorage(req) ?? [];
}

/** Django's `get_level(request)`: the lowest level recorded for this request. */
export function getLevel(req: object): number {
  return getMessageStorage(req)?.level ?? INFO;
}

/**
 * Django's `set_level(request, level)`: the lowest level recorded for the rest of this
 * request (`null`: back to the default). `false` when `messagesMiddleware()` does not run.
 */
export function setLevel(req: object, level: number | null): boolean {
  const storage = getMessageStorage(req);
  if (!storage) return false;
  storage.level = level;
  return true;
}

/** Adds a message with the `DEBUG` level (10), recorded only when the level is lowered to it. */
export function debug(req: object, text: string, options?: AddMessageOptions): void {
  addMessage(req, DEBUG, text, options);
}

/** Adds a message with the `INFO` level (20). */
export function info(req: object, text: string, options?: AddMessageOptions): void {
  addMessage(req, INFO, text, options);
}

/** Adds a message with the `SUCCESS` level (25). */
export function success(req: object, text: string, options?: AddMessageOptions): void {
  addMessage(req, SUCCESS, text, options);
}

/** Adds a message with the `WARNING` level (30). */
export function warning(req: object, text: string, options?: AddMessageOptions): void {
  addMessage(req, WARNING, text, options);
}

/** Adds a message with the `ERROR` level (40). */
export function error(req: object, text: string, options?: AddMessageOptions): void {
  addMessage(req, ERROR, text, options);
}
