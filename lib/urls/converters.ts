/** Django's path converters (`django/urls/converters.py`) and `registerConverter`. */
import { describe } from '../http/describe.js';

/**
 * A path converter: what `<name:param>` in a `path()` route matches, and how the matched text
 * becomes the value the view gets (`toPython`) and back (`toUrl`, for `reverse`).
 *
 * A `toPython` or `toUrl` that throws means "no match" (Django's `ValueError`): the request
 * tries the next pattern, `reverse` the next candidate. A `TypeError` is a bug and propagates.
 */
export interface PathConverter<T = unknown> {
  /**
   * The regular expression the parameter matches, as Django writes it (Python's syntax, which
   * for classes, quantifiers and groups is JavaScript's). No anchors, no capturing groups.
   */
  readonly regex: string;
  /** The value the view gets from the matched text. */
  toPython(value: string): T;
  /** The URL text for a value given to `reverse`. */
  toUrl(value: T): string;
}

/**
 * The TypeScript type of each converter's value, by converter name: `<int:pk>` gives
 * `req.params.pk: number`. Add your own converters' types by declaration merging:
 *
 * @example
 * ```ts
 * declare module 'express-httpresponse' {
 *   interface UrlConverterTypes { yyyy: number }
 * }
 * ```
 */
export interface UrlConverterTypes {
  /** `<int:…>`: a `number`. */
  int: number;
  /** `<str:…>` (and `<…>` without a converter): a string without `/`. */
  str: string;
  /** `<slug:…>`: ASCII letters, digits, hyphens and underscores. */
  slug: string;
  /** `<uuid:…>`: a lower-case UUID, as a string. */
  uuid: string;
  /** `<path:…>`: a string that may hold `/`. */
  path: string;
}

/** `<int:…>`: one or more ASCII digits, as a `number` (a value past `Number.MAX_SAFE_INTEGER` does not match). */
export class IntConverter implements PathConverter<number> {
  readonly regex: string = '[0-9]+';
  toPython(value: string): number {
    const number = Number(value);
    // Django's int() has no limit; a number past 2^53 would silently change, so it does not match.
    if (!Number.isSafeInteger(number)) throw new RangeError(`${value} is too large for a JavaScript number.`);
    return number;
  }
  toUrl(value: number | string | bigint): string {
    return String(value);
  }
}

/** `<str:…>` (and `<…>`): any non-empty text without `/`. */
export class StringConverter implements PathConverter<string> {
  readonly regex: string = '[^/]+';
  toPython(value: string): string {
    return value;
  }
  toUrl(value: string): string {
    return value;
  }
}

/** `<uuid:…>`: a lowercase UUID with its dashes, as a string. */
export class UUIDConverter implements PathConverter<string> {
  readonly regex: string = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  toPython(value: string): string {
    return value;
  }
  toUrl(value: string): string {
    return String(value);
  }
}

/** `<slug:…>`: ASCII letters, digits, hyphens and underscores. */
export class SlugConverter extends StringConverter {
  override readonly regex: string = '[-a-zA-Z0-9_]+';
}

/** `<path:…>`: any non-empty text, `/` included. */
export class PathTextConverter extends StringConverter {
  override readonly regex: string = '.+';
}

const DEFAULT_CONVERTERS: ReadonlyMap<string, PathConverter> = new Map<string, PathConverter>([
  ['int', new IntConverter()],
  ['path', new PathTextConverter()],
  ['slug', new SlugConverter()],
  ['str', new StringConverter()],
  ['uuid', new UUIDConverter()],
]);

const registered = new Map<string, PathConverter>();
const listeners: Array<() => void> = [];

/** @internal Called when the converters change, so that compiled routes are compiled again. */
export function onConvertersChange(listener: () => void): void {
  listeners.push(listener);
}

/** The converter named `typeName`, registered ones first, or `undefined`. */
export function getConverter(typeName: string): PathConverter | undefined {
  return registered.get(typeName) ?? DEFAULT_CONVERTERS.get(typeName);
}

/**
 * Django's `register_converter(converter, type_name)`: routes written after this may use
 * `<typeName:param>`. `converter` is an object with `regex`, `toPython` and `toUrl`, or a class
 * of them (made once, as Django does). Overriding a converter already registered works and
 * emits a `DeprecationWarning`, as in Django 5.2 (Django 6.0 refuses it).
 *
 * @example
 * ```ts
 * registerConverter({ regex: '[0-9]{4}', toPython: Number, toUrl: (v: number) => String(v).padStart(4, '0') }, 'yyyy');
 * path('articles/<yyyy:year>/', yearArchive);
 * ```
 */
export function registerConverter(converter: PathConverter | (new () => PathConverter), typeName: string): void {
  const instance = typeof converter === 'function' ? new converter() : converter;
  if (
    typeof instance !== 'object' ||
    instance === null ||
    typeof instance.regex !== 'string' ||
    typeof instance.toPython !== 'function' ||
    typeof instance.toUrl !== 'function'
  ) {
    throw new TypeError(
      `registerConverter() needs an object (or a class of them) with a regex string and toPython and toUrl functions (got ${describe(converter)}).`,
    );
  }
  if (typeof typeName !== 'string' || typeName === '') {
    throw new TypeError(`registerConverter() needs a converter name (got ${describe(typeName)}).`);
  }
  if (registered.has(typeName) || DEFAULT_CONVERTERS.has(typeName)) {
    process.emitWarning(
      `Converter '${typeName}' is already registered. Support for overriding registered converters is deprecated and will be removed in Django 6.0.`,
      'DeprecationWarning',
    );
  }
  registered.set(typeName, instance);
  for (const listener of listeners) listener();
}

/**
 * Whether an error thrown by a converter means "no match" (Django's `ValueError`): anything but
 * a `TypeError`, which is a bug in the converter and propagates, as in Django.
 */
export function isNoMatchError(err: unknown): boolean {
  return !(err instanceof TypeError);
}
