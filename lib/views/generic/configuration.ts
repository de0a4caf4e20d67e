/**
 * What the generic views share: Django's `ImproperlyConfigured`, class attributes given as
 * statics or instance fields, and the "model" a view or its objects name (Django's `_meta`).
 */
import type { Request } from 'express';
import { ImproperlyConfigured } from '../../urls/errors.js';
import { reverse } from '../../urls/reverse.js';

export { ImproperlyConfigured };

/**
 * What Django reads from a model's `_meta`: the generic views name their templates
 * (`<appLabel>/<modelName><suffix>`) and context (`<modelName>`, `<modelName>_list`) after it.
 * A class with these statics is one: `class Author { static modelName = 'author' }`; its
 * instances are then that model's objects.
 */
export interface ModelMeta {
  /** The model's name, lower case: `'author'` (Django's `model_name`). */
  readonly modelName: string;
  /** The folder of its templates: `'books'` gives `books/author_detail` (Django's `app_label`). @defaultValue none */
  readonly appLabel?: string | undefined;
  /** The name in a 404's message, `No author found matching the query` (Django's `verbose_name`). @defaultValue `modelName` */
  readonly verboseName?: string | undefined;
}

/** `value` as a {@link ModelMeta} when it has a string `modelName`, else `undefined`. */
export function modelMetaOf(value: unknown): ModelMeta | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return typeof (value as Partial<ModelMeta>).modelName === 'string' ? (value as ModelMeta) : undefined;
}

/** The model of an object: its class, when the class is a {@link ModelMeta}. */
export function modelOfObject(object: unknown): ModelMeta | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  return modelMetaOf((object as { constructor?: unknown }).constructor);
}

/**
 * A class attribute's default: the subclass's static of that name when there is one, else
 * `fallback` — so `static paginateBy = 10` and `paginateBy = 10` both configure a view.
 */
export function classDefault<V>(instance: object, name: string, fallback: V): V {
  const value = (instance.constructor as unknown as Record<string, unknown>)[name];
  return value === undefined ? fallback : (value as V);
}

/** The last value of a query parameter (Django's `request.GET.get`), or `undefined`. */
export function queryValue(req: Request, name: string): unknown {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A route param, or `undefined` (Django's `self.kwargs.get`). */
export function paramValue(params: unknown, name: string): unknown {
  return typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : undefined;
}

/** A route param or field as text, as Python's `str()` gives it for a lookup or a URL. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * A success URL as Django's `resolve_url` reads it: a URL (it has a `/` or a `.`) as it is, else
 * a URL name, reversed (`'polls:index'`).
 *
 * @throws NoReverseMatch when it is a name no mounted URLconf knows.
 */
export function resolveUrl(to: string): string {
  return to.includes('/') || to.includes('.') ? to : reverse(to);
}
