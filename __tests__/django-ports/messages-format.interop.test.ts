/**
 * Django 5.2's signing and message formats, both ways: `signing.dumps`/`loads` (compressed
 * or not, fallback keys), the `messages` cookie (CookieStorage's signer, compact JSON, zlib,
 * the 2048-byte limit and its not-finished sentinel) and the session's `_messages` string
 * (SessionStorage), read here from Django's bytes and read by Django from ours.
 */
import { createHash } from 'node:crypto';
import {
  CookieStorage,
  Message,
  SessionStorage,
  signingDumps,
  signingLoads,
  type MessageCookieAttributes,
  type MessageResponse,
} from '../../lib/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

const SECRET_KEY = 'django-insecure-messages-interop';
const OLD_KEY = 'the-key-before-rotation';
const SETTINGS = { SECRET_KEY, SECRET_KEY_FALLBACKS: [OLD_KEY], INSTALLED_APPS: ['django.contrib.messages'] };

const PREAMBLE = [
  'import sys, json',
  'from django.core import signing',
  'from django.contrib.messages.storage.base import Message',
  'from django.contrib.messages.storage.cookie import CookieStorage, MessageEncoder',
  'from django.contrib.messages.storage.session import SessionStorage',
  'from django.http import HttpRequest, HttpResponse',
  'from django.utils.safestring import mark_safe',
  'data = json.load(sys.stdin)',
  'def storage():',
  '    return CookieStorage(HttpRequest())',
  'def to_msgs(items):',
  '    return [Message(i[0], mark_safe(i[1]) if len(i) > 3 and i[3] else i[1], *([i[2]] if len(i) > 2 else [])) for i in items]',
  'def from_msgs(msgs):',
  '    return [m if isinstance(m, str) else [m.level, str(m.message), m.extra_tags, int(hasattr(m.message, "__html__"))] for m in msgs]',
].join('\n');

/** A response recording what a storage writes. */
function recorder(): MessageResponse & {
  set: Record<string, string>;
  deleted: string[];
  attributes: MessageCookieAttributes[];
} {
  const set: Record<string, string> = {};
  const deleted: string[] = [];
  const attributes: MessageCookieAttributes[] = [];
  return {
    set,
    deleted,
    attributes,
    setCookie: (name, value, attrs) => {
      set[name] = value;
      attributes.push(attrs);
    },
    deleteCookie: (name) => deleted.push(name),
  };
}

const options = { secretKey: SECRET_KEY, secretKeyFallbacks: [OLD_KEY] };
const cookieStorage = (cookie?: string) => new CookieStorage({ cookies: { messages: cookie } }, options);
const asItems = (list: Iterable<Message | string>) =>
  [...list].map((m) => (typeof m === 'string' ? m : [m.level, m.message, m.extraTags, m.safe ? 1 : 0]));

describeWithDjango52('signing and messages formats shared with Django 5.2')('Django 5.2 formats', () => {
  const VALUES = [
    'hello',
    { a: 1, list: [1, 2, 3], nested: { é: 'ünïcode ✓ 😀', empty: '' }, flag: true, none: null },
    Array.from({ length: 40 }, (_, i) => `item ${i}`),
  ];

  it('signing.dumps by Django reads here (plain and compressed, current and fallback key)', () => {
    const signed = runDjango52<string[]>(
      `${PREAMBLE}
out = []
for v in data["values"]:
    out.append(signing.dumps(v, key=data["key"], salt="interop.salt"))
    out.append(signing.dumps(v, key=data["old"], salt="interop.salt", compress=True))
print(json.dumps(out))`,
      { values: VALUES, key: SECRET_KEY, old: OLD_KEY },
      { settings: SETTINGS },
    );
    expect(signed[5]).toMatch(/^\./);
    const read = signed.map((s) => signingLoads(s, { key: SECRET_KEY, fallbackKeys: [OLD_KEY], salt: 'interop.salt' }));
    expect(read).toEqual(VALUES.flatMap((v) => [v, v]));
    expect(() => signingLoads(signed[0] as string, { key: SECRET_KEY, salt: 'another.salt' })).toThrow(
      /Signature ".*" does not match/,
    );
  });

  it('signingDumps here reads in Django, and the payload is Django’s bytes', () => {
    const ours = VALUES.flatMap((v) => [
      signingDumps(v, { key: SECRET_KEY, salt: 'interop.salt' }),
      signingDumps(v, { key: SECRET_KEY, salt: 'interop.salt', compress: true }),
    ]);
    const django = runDjango52<{ read: unknown[]; payloads: string[] }>(
      `${PREAMBLE}
read = [signing.loads(s, key=data["key"], salt="interop.salt") for s in data["ours"]]
payloads = [signing.dumps(v, key=data["key"], salt="interop.salt").split(":")[0] for v in data["values"]]
print(json.dumps({"read": read, "payloads": payloads}))`,
      { ours, values: VALUES, key: SECRET_KEY },
      { settings: SETTINGS },
    );
    expect(django.read).toEqual(VALUES.flatMap((v) => [v, v]));
    expect(ours.filter((_, i) => i % 2 === 0).map((s) => s.split(':')[0])).toEqual(django.payloads);
  });

  const MESSAGES: Array<[number, string, string?, number?]> = [
    [20, 'Saved.'],
    [25, 'Your vote was counted ✓', ''],
    [30, 'Mind the <gap>', 'urgent banner'],
    [40, '<b>Bold</b> from Django', 'html', 1],
  ];

  it('the messages cookie Django writes reads here: levels, texts, extra tags, mark_safe', () => {
    const cookie = runDjango52<string>(
      `${PREAMBLE}
print(json.dumps(storage()._encode(to_msgs(data["messages"]))))`,
      { messages: MESSAGES },
      { settings: SETTINGS },
    );
    const read = cookieStorage(cookie);
    expect(asItems(read)).toEqual([
      [20, 'Saved.', null, 0],
      [25, 'Your vote was counted ✓', '', 0],
      [30, 'Mind the <gap>', 'urgent banner', 0],
      [40, '<b>Bold</b> from Django', 'html', 1],
    ]);
    expect([...read].map((m) => m.tags)).toEqual(['info', 'success', 'urgent banner warning', 'html error']);
  });

  it('the messages cookie written here reads in Django, signed with a fallback key too', () => {
    const written = [SECRET_KEY, OLD_KEY].map((secretKey) => {
      const storage = new CookieStorage({ cookies: {} }, { secretKey });
      for (const [level, text, extraTags] of MESSAGES) storage.add(level, text, extraTags ?? null);
      const response = recorder();
      expect(storage.update(response)).toEqual([]);
      return response.set.messages as string;
    });
    const django = runDjango52<unknown[]>(
      `${PREAMBLE}
print(json.dumps([from_msgs(storage()._decode(c)) for c in data["cookies"]]))`,
      { cookies: written },
      { settings: SETTINGS },
    );
    const expected = [
      [20, 'Saved.', null, 0],
      [25, 'Your vote was counted ✓', '', 0],
      [30, 'Mind the <gap>', 'urgent banner', 0],
      [40, '<b>Bold</b> from Django', 'html', 0],
    ];
    expect(django).toEqual([expected, expected]);
  });

  it('a tampered or garbled cookie is no messages on either side, and marks the storage used', () => {
    const good = cookieStorage().encode([new Message(20, 'hi')]) as string;
    const bad = [`${good.slice(0, -2)}xx`, 'garbage', `.${good}`, 'e30:1abcde:xyz'];
    for (const value of bad) {
      const storage = cookieStorage(value);
      expect(storage.length).toBe(0);
      expect(storage.used).toBe(true);
    }
    const django = runDjango52<unknown[]>(
      `${PREAMBLE}
out = []
for c in data["bad"]:
    s = storage()
    out.append([s._decode(c), s.used])
print(json.dumps(out))`,
      { bad },
      { settings: SETTINGS },
    );
    expect(django).toEqual(bad.map(() => [null, true]));
  });

  it('over 2048 bytes: the same messages are dropped (oldest first, or newest for FallbackStorage) and the sentinel is read', () => {
    // Random-looking texts so that compression cannot fit them all.
    const texts = Array.from({ length: 16 }, (_, i) =>
      Array.from({ length: 4 }, (_, j) => createHash('sha512').update(`${i}.${j}`).digest('base64')).join(''),
    );
    const django = runDjango52<{ oldest: [number, string]; newest: [number, string] }>(
      `${PREAMBLE}
def run(remove_oldest):
    s = storage()
    r = HttpResponse()
    unstored = s._store([Message(20, t) for t in data["texts"]], r, remove_oldest=remove_oldest)
    return [len(unstored), r.cookies["messages"].value]
print(json.dumps({"oldest": run(True), "newest": run(False)}))`,
      { texts },
      { settings: SETTINGS },
    );
    for (const removeOldest of [true, false]) {
      const storage = cookieStorage();
      const response = recorder();
      const all = texts.map((t) => new Message(20, t));
      const unstored = storage.store(all, response, removeOldest);
      const [djangoUnstored, djangoCookie] = removeOldest ? django.oldest : django.newest;
      expect(unstored.length).toBe(djangoUnstored);
      expect(unstored.length).toBeGreaterThan(0);
      expect((response.set.messages as string).length).toBeLessThanOrEqual(2048);
      expect(unstored).toEqual(removeOldest ? all.slice(0, unstored.length) : all.slice(all.length - unstored.length));
      // Django's cookie reads here: the kept messages, and "not all retrieved".
      const [kept, allRetrieved] = cookieStorage(djangoCookie).get();
      expect(allRetrieved).toBe(false);
      expect(kept?.map((m) => m.message)).toEqual(
        removeOldest ? texts.slice(djangoUnstored) : texts.slice(0, texts.length - djangoUnstored),
      );
    }
  });

  it('the session’s _messages string is Django’s, byte for byte, and reads both ways', () => {
    const django = runDjango52<string>(
      `${PREAMBLE}
print(json.dumps(MessageEncoder().encode(to_msgs(data["messages"]))))`,
      { messages: MESSAGES },
      { settings: SETTINGS },
    );
    const session = new Map<string, unknown>();
    const storage = new SessionStorage(
      {
        cookies: {},
        session: {
          get: (key) => session.get(key),
          set: (key, value) => void session.set(key, value),
          pop: (key) => session.delete(key),
        },
      },
      options,
    );
    const ours = storage.serializeMessages(
      MESSAGES.map(
        ([level, text, extraTags, safe]) => new Message(level, text, extraTags ?? null, { safe: safe === 1 }),
      ),
    );
    expect(ours).toBe(django);
    expect(asItems(storage.deserializeMessages(django) ?? [])).toEqual(
      MESSAGES.map(([level, text, extraTags, safe]) => [level, text, extraTags ?? null, safe ?? 0]),
    );
  });
});
