/**
 * Refusing options a constructor or `setCookie` cannot honour, with the fix in the message:
 * plain JavaScript ported from Django passes `content_type`, `status_code` or `max_age`,
 * which TypeScript would catch and JavaScript would silently ignore.
 */
import { describe } from './describe.js';
import type { CookieOptions } from './cookies.js';
import type { ResponseInit } from './response-base.js';

/**
 * The option names of the options type `T`, as a set for {@link checkOptions}. The list is
 * checked against `T` when the package compiles: a name `T` does not have is a type error, and
 * so is a list that leaves out one of `T`'s options (the call then wants a second argument,
 * typed `[missingOption: …]` with the name left out), so a message listing the options cannot
 * drift from the options a constructor really takes.
 *
 * @example
 * ```ts
 * export const REDIRECT_INIT_FIELDS = optionNames<RedirectInit>()([...RESPONSE_INIT_NAMES, 'preserveRequest', 'maxLength', 'content']);
 * ```
 */
export function optionNames<T extends object>() {
  return <const Names extends ReadonlyArray<keyof T & string>>(
    names: Names,
    ..._everyOption: [Exclude<keyof T, Names[number]>] extends [never]
      ? []
      : [missingOption: Exclude<keyof T, Names[number]>]
  ): ReadonlySet<string> => new Set<string>(names);
}

/** The option names of `ResponseInit`, in the order messages list them. */
export const RESPONSE_INIT_NAMES = ['contentType', 'status', 'reason', 'charset', 'headers'] as const;

/** The fields of `ResponseInit`. */
export const RESPONSE_INIT_FIELDS: ReadonlySet<string> = optionNames<ResponseInit>()(RESPONSE_INIT_NAMES);

/** The option names of `CookieOptions`. */
export const COOKIE_NAMES = [
  'maxAge',
  'maxAgeMs',
  'expires',
  'path',
  'domain',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
] as const;

/** The fields of `CookieOptions`. */
export const COOKIE_FIELDS: ReadonlySet<string> = optionNames<CookieOptions>()(COOKIE_NAMES);

/** Django spellings whose camelCase is not simply the same letters. */
const RENAMED: Readonly<Record<string, string>> = {
  statuscode: 'status',
  reasonphrase: 'reason',
};

/** Django arguments that are not options here, and what to do instead. */
const NOT_AN_OPTION: Readonly<Record<string, string>> = {
  content: 'pass the content as the first argument',
  jsondumpsparams: 'pass JSON.stringify options as replacer and space',
  encoder: 'pass a replacer function instead',
  signed: "Express's signed cookie is setSignedCookie(name, value, options)",
};

function fold(key: string): string {
  return key.replace(/[_-]/g, '').toLowerCase();
}

/** The fix for an unknown field `key`, as the end of a sentence. */
function fixFor(key: string, known: ReadonlySet<string>): string {
  const folded = fold(key);
  const renamed = RENAMED[folded];
  if (renamed !== undefined && known.has(renamed)) return `did you mean ${renamed}?`;
  for (const field of known) if (fold(field) === folded) return `did you mean ${field}?`;
  const instead = NOT_AN_OPTION[folded];
  if (instead !== undefined) return `${instead}.`;
  return `the options are ${listOf(known)}.`;
}

function listOf(fields: ReadonlySet<string>): string {
  const names = Array.from(fields);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/**
 * Check that `options` is a plain options object whose every own field is in `known`.
 * Runs on every response: one `for…in` over the given fields, nothing allocated unless it throws.
 *
 * @param what - who takes the options, for the message (`'HttpResponse'`, `'setCookie()'`).
 * @param listed - the options the message lists and suggests from, when `known` is what is left
 *   of them after a subclass took its own (`JsonResponse`'s `safe`, say). @defaultValue `known`
 * @throws TypeError naming the field and the fix (`content_type` → "did you mean contentType?").
 */
export function checkOptions(
  options: object,
  known: ReadonlySet<string>,
  what: string,
  listed: ReadonlySet<string> = known,
): void {
  for (const key in options) {
    if (!known.has(key)) {
      throw new TypeError(`${what} has no option ${JSON.stringify(key)}: ${fixFor(key, listed)}`);
    }
  }
}

/** Refuse options that are not an object (a number, a string where none is allowed, an array). */
export function notAnOptionsObject(what: string, value: unknown, hint: string): TypeError {
  return new TypeError(`${what} options must be an object; ${hint} (got ${describe(value)}).`);
}

/** Whether `value` is an options object (not null, not an array). */
export function isOptionsObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const POSITIONAL = ['status', 'reason', 'charset', 'headers'] as const;

/**
 * Django's positional arguments after the content type (`HttpResponse(content, content_type,
 * status, reason, charset, headers)`) as options. An options object may follow them, for
 * Django's keyword arguments: `new HttpResponse(data, 'application/json', { status })`. An
 * object in the `headers` position is the headers.
 *
 * @throws TypeError for an argument given twice, or anything after the options object or
 *   after `headers`.
 */
export function djangoPositionalOptions(
  what: string,
  contentType: unknown,
  args: readonly unknown[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  if (contentType !== undefined && contentType !== null) merged['contentType'] = contentType;
  let keywords: object | undefined;
  let index = 0;
  for (; index < args.length; index++) {
    const value = args[index];
    const name = POSITIONAL[index];
    if (name === undefined || (name !== 'headers' && isOptionsObject(value))) {
      if (!isOptionsObject(value)) break;
      keywords = value;
      index++;
      break;
    }
    if (value !== undefined && value !== null) merged[name] = value;
  }
  const rest = args.slice(index).filter((value) => value !== undefined);
  if (rest.length > 0) {
    throw new TypeError(
      `${what} takes at most (content, contentType, status, reason, charset, headers) and then an options object; remove the extra argument (got ${describe(rest[0])}).`,
    );
  }
  if (keywords !== undefined) {
    checkOptions(keywords, RESPONSE_INIT_FIELDS, what);
    for (const [key, value] of Object.entries(keywords)) {
      if (key in merged && value !== undefined) {
        throw new TypeError(`${what} got ${key} both as a positional argument and as an option; pass it once.`);
      }
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * The options of a response constructor called as `(content, init)`, or with Django's
 * positional arguments `(content, contentType, status, reason, charset, headers, options?)`.
 * Named parameters rather than a rest array: the common `(content, init)` call allocates nothing.
 *
 * @param what - the class called, for messages.
 * @throws TypeError for anything after an options object, and as {@link djangoPositionalOptions}.
 */
export function constructorInit<Init>(
  what: { readonly name: string },
  contentName: string,
  init: Init,
  status: unknown,
  reason: unknown,
  charset: unknown,
  headers: unknown,
  extra: unknown,
): Init {
  if (
    status === undefined &&
    reason === undefined &&
    charset === undefined &&
    headers === undefined &&
    extra === undefined
  ) {
    return init;
  }
  // `what` is the class, whose name is read only for a message: reading it costs on every response.
  if (typeof init === 'object' && init !== null) {
    throw new TypeError(
      `${what.name} takes (${contentName}, options) or Django's (${contentName}, contentType, status, reason, charset, headers); after an options object nothing may follow (got ${describe(status ?? reason ?? charset ?? headers ?? extra)}).`,
    );
  }
  return djangoPositionalOptions(what.name, init, [status, reason, charset, headers, extra]) as Init;
}

/**
 * When `content` looks like options given first (`new HttpResponse({ status: 405 })`: a plain
 * object whose every key is a `ResponseInit` option), the call that fixes it; else undefined.
 * An object with any other key is taken for data, and the caller hints at JsonResponse.
 */
export function optionsGivenAsContent(what: string, content: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(content);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(content);
  if (keys.length === 0 || !keys.every((key) => RESPONSE_INIT_FIELDS.has(key))) return undefined;
  const shown = keys
    .map((key) => {
      const value = (content as Record<string, unknown>)[key];
      const literal = typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : '...';
      return `${key}: ${literal}`;
    })
    .join(', ');
  return `new ${what}(undefined, { ${shown} })`;
}
