/**
 * The TypeScript side of `path()`: the type of `req.params` read from the route string, so
 * `path('<int:question_id>/vote/', (req) => …)` knows `req.params.question_id: number`.
 */
import type { UrlConverterTypes } from './converters.js';

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The value type of converter `C` (its entry in {@link UrlConverterTypes}). */
type ConverterValue<C extends string> = string extends C
  ? unknown
  : C extends keyof UrlConverterTypes
    ? UrlConverterTypes[C]
    : never;

/** One `<converter:name>` or `<name>`, as an object type. */
type ParamOf<Spec extends string> = string extends Spec
  ? Record<string, unknown>
  : Spec extends `${infer C}:${infer N}`
    ? string extends N
      ? Record<string, unknown>
      : Record<N, ConverterValue<C>>
    : Record<Spec, string>;

/**
 * The parameters of a `path()` route: `RouteParams<'<int:year>/<slug:slug>/'>` is
 * `{ year: number; slug: string }`. A route only known as `string` gives `Record<string, unknown>`.
 */
export type RouteParams<Route extends string> =
  IsLiteral<Route> extends true ? Flatten<RouteParamsOf<Route>> : Record<string, unknown>;

/** Whether `S` is one known string: not `string`, nor a template with a `${string}` hole. */
type IsLiteral<S extends string> = Record<never, never> extends Record<S, 1> ? false : true;

type RouteParamsOf<Route extends string> = Route extends `${string}<${infer Spec}>${infer Rest}`
  ? ParamOf<Spec> & RouteParamsOf<Rest>
  : unknown;

/** The converter names a route uses that are not in {@link UrlConverterTypes}. */
type UnknownConverters<Route extends string> = Route extends `${string}<${infer Spec}>${infer Rest}`
  ? | (Spec extends `${infer C}:${string}` ? (C extends keyof UrlConverterTypes ? never : C) : never)
    | UnknownConverters<Rest>
  : never;

/**
 * `Route` itself when each converter it names is known, else a message type that fails the
 * call: `path('<year:y>/', …)` without `year` in {@link UrlConverterTypes} does not compile.
 */
export type CheckedRoute<Route extends string> =
  IsLiteral<Route> extends false
    ? Route
    : [UnknownConverters<Route>] extends [never]
      ? Route
      : `Unknown path converter: ${UnknownConverters<Route> & string}. Register it and declare its type in UrlConverterTypes.`;
