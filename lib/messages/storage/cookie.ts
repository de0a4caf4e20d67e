/** Django's `CookieStorage`: messages in the signed, compressed `messages` cookie. */
import { getCookieSigner, type TimestampSigner } from '../../http/django-signer.js';
import { pythonCookieQuote } from '../../http/python-cookies.js';
import type { Message } from '../message.js';
import { decodeMessages, encodeMessages } from '../serialization.js';
import { BaseStorage, type MessageRequest, type MessageResponse, type MessageStorageOptions } from './base.js';

/** Django's `CookieStorage.cookie_name`. */
export const MESSAGES_COOKIE_NAME = 'messages';
/** Django's `CookieStorage.max_cookie_size`: half of uwsgi's 4 KB header limit. */
export const MAX_COOKIE_SIZE = 2048;
/** Django's `CookieStorage.not_finished`: the last item when the cookie could not hold every message. */
export const NOT_FINISHED = '__messagesnotfinished__';
/** Django's `CookieStorage.key_salt`. */
export const MESSAGES_KEY_SALT = 'django.contrib.messages';

const NOT_FINISHED_JSON = JSON.stringify(NOT_FINISHED);
const rawSerializer = {
  // The parts are JSON already (MessagePartGatherSerializer): join them.
  dumps: (parts: unknown) => Buffer.from(`[${(parts as string[]).join(',')}]`, 'latin1'),
  loads: (data: Buffer) => JSON.parse(data.toString('latin1')) as unknown,
};

// One signer per settings object, kept across requests (messagesMiddleware makes the settings
// once and shares them): it derives its HMAC key once.
const signers = new WeakMap<MessageStorageOptions, TimestampSigner>();

function signerFor(options: MessageStorageOptions): TimestampSigner {
  let signer = signers.get(options);
  if (signer === undefined) {
    signer = getCookieSigner({
      secretKey: options.secretKey,
      secretKeyFallbacks: options.secretKeyFallbacks ?? [],
      salt: MESSAGES_KEY_SALT,
    });
    signers.set(options, signer);
  }
  return signer;
}

/** Django's `bisect_keep_left`: the first index whose prefix (through it) `tooLarge` refuses. */
function bisectKeepLeft(parts: string[], tooLarge: (some: string[]) => boolean): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (tooLarge(parts.slice(0, mid + 1))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Django's `bisect_keep_right`: the first index whose suffix `tooLarge` accepts. */
function bisectKeepRight(parts: string[], tooLarge: (some: string[]) => boolean): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (tooLarge(parts.slice(mid))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Django's `CookieStorage`: the messages in the `messages` cookie, signed with
 * `get_cookie_signer(salt='django.contrib.messages')`, compact JSON, zlib-compressed when
 * shorter. Over 2048 bytes, the oldest messages are dropped (the newest under
 * `FallbackStorage`, which passes them on) and `"__messagesnotfinished__"` ends the list.
 */
export class CookieStorage extends BaseStorage {
  /** The cookie's name. */
  cookieName = MESSAGES_COOKIE_NAME;
  /** The largest cookie value written, in bytes; `0` for no limit. */
  maxCookieSize = MAX_COOKIE_SIZE;
  readonly #signer: TimestampSigner;

  constructor(request: MessageRequest, options: MessageStorageOptions) {
    super(request, options);
    this.#signer = signerFor(options);
  }

  get(): [Message[] | null, boolean] {
    const messages = this.decode(this.request.cookies[this.cookieName]);
    const allRetrieved = !(messages && messages.length > 0 && messages[messages.length - 1] === NOT_FINISHED);
    if (messages && !allRetrieved) messages.pop();
    return [messages as Message[] | null, allRetrieved];
  }

  store(messages: Message[], response: MessageResponse, removeOldest = true): Message[] {
    let unstored: Message[] = [];
    const parts = messages.map((message) => encodeMessages(message, true));
    let encoded = this.encodeParts(parts);
    if (this.maxCookieSize) {
      const tooLarge = (data: string | undefined): boolean =>
        data !== undefined && data !== '' && pythonCookieQuote(data).length > this.maxCookieSize;
      const withSentinel = (some: string[]): string => this.encodeParts([...some, NOT_FINISHED_JSON], true) as string;
      if (tooLarge(encoded)) {
        if (removeOldest) {
          const index = bisectKeepRight(parts, (some) => tooLarge(withSentinel(some)));
          unstored = messages.slice(0, index);
          encoded = withSentinel(parts.slice(index));
        } else {
          const index = bisectKeepLeft(parts, (some) => tooLarge(withSentinel(some)));
          unstored = messages.slice(index);
          encoded = withSentinel(parts.slice(0, index));
        }
      }
    }
    if (encoded) response.setCookie(this.cookieName, encoded, this.cookieAttributes());
    else response.deleteCookie(this.cookieName, this.cookieAttributes());
    return unstored;
  }

  /** The signed cookie value for these messages (Django's `_encode`); `undefined` for none. */
  encode(messages: readonly Message[], encodeEmpty = false): string | undefined {
    return this.encodeParts(
      messages.map((message) => encodeMessages(message, true)),
      encodeEmpty,
    );
  }

  /**
   * The messages of a cookie value (Django's `_decode`); `null` for none, or for a value
   * whose signature or JSON is bad (then the storage is marked used, so the cookie goes).
   */
  decode(data: string | undefined): Array<Message | string> | null {
    if (!data) return null;
    try {
      const decoded = decodeMessages(this.#signer.unsignObject(data, { serializer: rawSerializer }), this.levelTags);
      if (Array.isArray(decoded)) return decoded as Array<Message | string>;
    } catch {
      // A bad signature, base64, zlib or JSON: the cookie is dropped below.
    }
    this.used = true;
    return null;
  }

  private encodeParts(parts: string[], encodeEmpty = false): string | undefined {
    if (parts.length === 0 && !encodeEmpty) return undefined;
    return this.#signer.signObject(parts, { serializer: rawSerializer, compress: true });
  }
}
