/** The errors of Django's `django.urls`: `NoReverseMatch`, `Resolver404`, and `ImproperlyConfigured`. */
import { Http404, type HttpErrorOptions } from '../http/errors.js';
import type { TriedPattern } from './resolver.js';

/**
 * Django's `NoReverseMatch`: `reverse()` found no pattern for the name and arguments. The
 * message is Django's, word for word (`Reverse for 'detail' with arguments '(1,)' not found. 1
 * pattern(s) tried: [...]`).
 */
export class NoReverseMatch extends Error {
  /** `'NoReverseMatch'`: the class name, kept in minified builds. */
  override readonly name: string = 'NoReverseMatch';
}

/** What a {@link Resolver404} says: the path that was not matched and, when known, the patterns tried. */
export interface Resolver404Detail {
  /** The part of the path left when no pattern matched it. */
  path: string;
  /**
   * Each pattern tried, as the chain of patterns from the URLconf down to it: `URLResolver`s
   * (includes), then a `URLPattern` (or the `URLResolver` whose route did not match). Each
   * one's `toString()` is Django's `repr()`, its `name` the pattern's name.
   */
  tried?: TriedPattern[][];
}

/**
 * Django's `Resolver404`, an {@link Http404}: `resolve()` found no pattern for the path. A
 * request that no pattern matches passes on to the next Express handler instead (see `notFound()`).
 */
export class Resolver404 extends Http404 {
  /** `'Resolver404'`: the class name, kept in minified builds. */
  override readonly name: string = 'Resolver404';
  /** The path and the patterns tried. */
  readonly detail: Resolver404Detail;

  constructor(detail: Resolver404Detail, options?: HttpErrorOptions) {
    // No message of its own, as Django's (whose argument is this detail): a handler404 that shows
    // an Http404's message shows nothing for a URL no pattern matches.
    super('', options);
    this.detail = detail;
  }
}

/**
 * Django's `ImproperlyConfigured`: a URLconf that cannot work as written (an unknown converter,
 * a route that is not a valid pattern, a URLconf reversed before it was mounted). Thrown when
 * the pattern is built, or on the first use that reveals the mistake.
 */
export class ImproperlyConfigured extends Error {
  /** `'ImproperlyConfigured'`: the class name, kept in minified builds. */
  override readonly name: string = 'ImproperlyConfigured';
}
