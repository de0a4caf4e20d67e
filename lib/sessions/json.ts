/**
 * Session data as Django's `JSONSerializer` writes and reads it: `json.dumps(obj,
 * separators=(",", ":"))`, ASCII only (Python's `ensure_ascii`), its bytes read as Latin-1.
 */
import { describe } from '../http/describe.js';
import type { SigningSerializer } from '../http/django-signer.js';

/** A value a session may hold: what JSON carries, as with Django's default serializer. */
export type SessionValue = null | boolean | number | string | SessionValue[] | { [key: string]: SessionValue };

/** The data of one session, in insertion order (as a Python dict keeps it). */
export type SessionData = Map<string, SessionValue>;

const NON_ASCII = /[\u007f-\uffff]/g;

/** `\uXXXX` for one UTF-16 unit, as Python's `ensure_ascii` writes it (lower-case hex). */
function escapeUnit(char: string): string {
  const code = char.charCodeAt(0);
  // DEL (0x7f) is ASCII: Python leaves it as it is.
  return code === 0x7f ? char : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text Django's `JSONSerializer` writes for `data`: compact separators, every character
 * beyond ASCII escaped. (Django decodes these bytes as Latin-1: raw UTF-8 would come back
 * garbled, so the escaping is required, not cosmetic.)
 */
export function dumpsSessionData(data: SessionData): string {
  let text = '{';
  let first = true;
  for (const [key, value] of data) {
    text += `${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`;
    first = false;
  }
  return `${text}}`.replace(NON_ASCII, escapeUnit);
}

/**
 * Django's `JSONSerializer.loads` for a session: the object `text` holds, as a map.
 *
 * @throws SyntaxError when `text` is not JSON; TypeError when it is not an object.
 */
export function loadsSessionData(text: string): SessionData {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError(`Session data must be a JSON object (got ${describe(parsed)}).`);
  }
  const object = parsed as Record<string, SessionValue>;
  const keys = Object.keys(object);
  // A JS object lists integer-like keys first; Python keeps the order written, so take it from the text.
  const ordered = keys.some((key) => ARRAY_INDEX.test(key)) ? topLevelKeys(text) : keys;
  return new Map(ordered.map((key) => [key, object[key] as SessionValue]));
}

/**
 * Django's `JSONSerializer` for a session, as `signingDumps`/`signingLoads` take it: the
 * bytes of {@link dumpsSessionData}, read back by {@link loadsSessionData}.
 */
export const sessionSerializer: SigningSerializer = {
  dumps: (data) => Buffer.from(dumpsSessionData(data as SessionData), 'latin1'),
  loads: (bytes) => loadsSessionData(bytes.toString('latin1')),
};

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** The keys of the JSON object `text` (valid JSON), in the order written; a repeated key at its last place, as JSON.parse keeps its last value. */
function topLevelKeys(text: string): string[] {
  const keys = new Map<string, true>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        keys.delete(key);
        keys.set(key, true);
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (char === '}' || char === ']') depth--;
    else if (char === ',' && depth === 1) expectKey = true;
  }
  return [...keys.keys()];
}

/**
 * Check that `value` is one Django's JSON serializer can write and read back unchanged.
 *
 * @throws TypeError naming `key` and the offending part: `undefined`, a function, a symbol, a
 *   BigInt, a number that is not finite, a `Date` or any other object that is not a plain object
 *   or an array, or a cycle.
 */
export function checkSessionValue(key: string, value: unknown, seen = new Set<object>(), path = ''): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (Number.isFinite(value)) return;
      break;
    case 'object': {
      if (value === null) return;
      const proto = Object.getPrototypeOf(value) as unknown;
      const isArray = Array.isArray(value);
      if (!isArray && proto !== Object.prototype && proto !== null) break;
      if (seen.has(value)) {
        throw new TypeError(`Session value ${JSON.stringify(key)} holds a cycle at ${path || 'its top'}.`);
      }
      seen.add(value);
      if (isArray) (value as unknown[]).forEach((item, i) => checkSessionValue(key, item, seen, `${path}[${i}]`));
      else {
        for (const [name, item] of Object.entries(value)) checkSessionValue(key, item, seen, `${path}.${name}`);
      }
      seen.delete(value);
      return;
    }
    default:
      break;
  }
  throw new TypeError(
    `Session value ${JSON.stringify(key)}${path ? ` at ${path}` : ''} can't be stored: a session holds what JSON does (strings, finite numbers, booleans, null, arrays and plain objects), as Django's JSONSerializer; got ${describe(value)}. Convert it first (a Date with toISOString(), say).`,
  );
}
