/**
 * How Django's `SingleObjectMixin` and `SingleObjectTemplateResponseMixin` find the object and
 * name its template and context, as functions over the view's fields, so that `DetailView` and
 * the edit views (`ModelFormMixin`, which is also a `FormMixin`) share one implementation.
 */
import { Http404 } from '../../http/errors.js';
import { isPaginationSource, type ObjectList } from '../../paginator/source.js';
import {
  ImproperlyConfigured,
  asText,
  modelMetaOf,
  modelOfObject,
  paramValue,
  type ModelMeta,
} from './configuration.js';

/** The fields of a single-object view these functions read. */
export interface SingleObjectFields<T> {
  readonly constructor: { readonly name: string };
  params: unknown;
  object: T | null;
  queryset: ObjectList<T> | null;
  model: ModelMeta | null;
  slugField: string;
  contextObjectName: string | null;
  slugUrlKwarg: string;
  pkUrlKwarg: string;
  queryPkAndSlug: boolean;
  templateName: string | readonly string[] | null;
  templateNameField: string | null;
  templateNameSuffix: string;
  getSlugField(): string;
  getContextObjectName(object: unknown): string | null;
}

/** Django's `SingleObjectMixin.get_queryset()`: `queryset`, or ImproperlyConfigured. */
export function singleObjectQueryset<T>(view: SingleObjectFields<T>): ObjectList<T> {
  if (view.queryset === null || view.queryset === undefined) {
    const name = view.constructor.name;
    throw new ImproperlyConfigured(
      `${name} is missing a QuerySet. Define ${name}.queryset (an array, or a source with count() and slice(start, end)), or override ${name}.getQueryset() or ${name}.getObject().`,
    );
  }
  return view.queryset;
}

function keyOf(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
}

/**
 * Django's `get_object()`: the object of `queryset` whose `pk` (or `id`) is the route param
 * `pkUrlKwarg`, or whose `slugField` is the route param `slugUrlKwarg` (both with
 * `queryPkAndSlug`). A source is read whole: override `getObject()` to query by key instead.
 *
 * @throws Error when the route has neither param; Http404 when no object matches.
 */
export async function findObject<T>(view: SingleObjectFields<T>, queryset: ObjectList<T>): Promise<T> {
  const pk = paramValue(view.params, view.pkUrlKwarg);
  const slug = paramValue(view.params, view.slugUrlKwarg);
  if (pk === undefined && slug === undefined) {
    throw new Error(
      `Generic detail view ${view.constructor.name} must be called with either an object pk or a slug in the URLconf: route it as '/items/:${view.pkUrlKwarg}/' or '/items/:${view.slugUrlKwarg}/', or override getObject().`,
    );
  }
  const objects = isPaginationSource<T>(queryset)
    ? Array.from(await queryset.slice(0, Number(await queryset.count())))
    : queryset;
  const slugField = view.getSlugField();
  const useSlug = slug !== undefined && (pk === undefined || view.queryPkAndSlug);
  const found = objects.find((object) => {
    if (pk !== undefined && asText(keyOf(object, 'pk') ?? keyOf(object, 'id')) !== asText(pk)) return false;
    if (useSlug && asText(keyOf(object, slugField)) !== asText(slug)) return false;
    return true;
  });
  if (found === undefined) {
    const model =
      modelMetaOf((queryset as { model?: unknown }).model) ?? view.model ?? modelOfObject(objects[0]) ?? undefined;
    throw new Http404(`No ${model?.verboseName ?? model?.modelName ?? 'object'} found matching the query`);
  }
  return found;
}

/** Django's `SingleObjectMixin.get_context_object_name(obj)`: `contextObjectName`, else the object's `modelName`. */
export function singleContextObjectName(view: SingleObjectFields<unknown>, object: unknown): string | null {
  if (view.contextObjectName) return view.contextObjectName;
  return modelOfObject(object)?.modelName ?? null;
}

/** Django's `SingleObjectMixin.get_context_data`: `object` and its named copy when there is an object. */
export function singleObjectContext(view: SingleObjectFields<unknown>): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  if (view.object) {
    context.object = view.object;
    const name = view.getContextObjectName(view.object);
    if (name) context[name] = view.object;
  }
  return context;
}

/**
 * Django's `SingleObjectTemplateResponseMixin.get_template_names()`: `templateName`; else the
 * object's `templateNameField`, then `<appLabel>/<modelName><templateNameSuffix>`.
 *
 * @throws ImproperlyConfigured when none of them gives a name.
 */
export function singleObjectTemplateNames(view: SingleObjectFields<unknown>): readonly string[] {
  if (view.templateName !== null && view.templateName !== undefined) {
    return typeof view.templateName === 'string' ? [view.templateName] : view.templateName;
  }
  const names: string[] = [];
  if (view.object && view.templateNameField) {
    const name = keyOf(view.object, view.templateNameField);
    if (typeof name === 'string' && name) names.push(name);
  }
  const model = modelOfObject(view.object) ?? view.model ?? undefined;
  if (model) names.push(`${model.appLabel ? `${model.appLabel}/` : ''}${model.modelName}${view.templateNameSuffix}`);
  if (names.length === 0) {
    throw new ImproperlyConfigured(
      `${view.constructor.name} requires a definition of templateName, templateNameField, or model; or an implementation of getTemplateNames().`,
    );
  }
  return names;
}
