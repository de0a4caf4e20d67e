/**
 * Django's `MessageEncoder` / `MessageDecoder`: a message is the JSON list
 * `["__json_message", safe (0|1), level, text]` with the extra tags as a fifth item when they
 * are not `None`.
 */
import { pythonJsonDumps } from '../http/python-json.js';
import { Message } from './message.js';

const MESSAGE_KEY = '__json_message';

/** A value where every {@link Message} is its JSON list. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Message) {
    const item: unknown[] = [MESSAGE_KEY, value.safe ? 1 : 0, value.level, value.message];
    if (value.extraTags !== null) item.push(value.extraTags);
    return item;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  return value;
}

/**
 * One message (or a list of them) as Django's `json.dumps(..., cls=MessageEncoder)` writes
 * it: `compact` as the messages cookie's parts, else with Python's default separators as
 * the session's `_messages`.
 */
export function encodeMessages(value: Message | readonly unknown[] | string, compact: boolean): string {
  return pythonJsonDumps(toJsonValue(value), { compact });
}

/** Django's `MessageDecoder.process_messages`: every `["__json_message", …]` list becomes a {@link Message}. */
export function decodeMessages(value: unknown, levelTags?: Readonly<Record<number, string>>): unknown {
  if (Array.isArray(value) && value.length > 0) {
    if (value[0] === MESSAGE_KEY) {
      const [, safe, level, text, extraTags] = value as [string, unknown, unknown, unknown, unknown];
      if (typeof level !== 'number' || typeof text !== 'string') {
        throw new TypeError(`A stored message needs a numeric level and a text (got ${JSON.stringify(value)}).`);
      }
      return new Message(level, text, typeof extraTags === 'string' ? extraTags : null, {
        safe: Boolean(safe),
        ...(levelTags ? { levelTags } : {}),
      });
    }
    return value.map((item) => decodeMessages(item, levelTags));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeMessages(item, levelTags)]));
  }
  return value;
}
