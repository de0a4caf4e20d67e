/** Django's `django/views/generic/detail.py`: `SingleObjectMixin`, `BaseDetailView`, `DetailView`. */
import type { Request } from 'express';
import type { MaybePromise, ObjectList } from '../../paginator/source.js';
import { TemplateView } from '../template-view.js';
import type { TemplateResponse } from '../template-response.js';
import { classDefault, type ModelMeta } from './configuration.js';
import {
  findObject,
  singleContextObjectName,
  singleObjectContext,
  singleObjectQueryset,
  singleObjectTemplateNames,
} from './single-object.js';

/**
 * Django's `SingleObjectMixin` with `SingleObjectTemplateResponseMixin`: a view of one object,
 * found by `getObject()` — by default among `getQueryset()`'s objects, by the route param
 * `pkUrlKwarg` (matched against the object's `pk`, else `id`) or `slugUrlKwarg` (matched against
 * its `slugField`). Its context has `object` and the object again under `contextObjectName`
 * (default: the object's class's `modelName`).
 */
export class SingleObjectMixin<T = unknown, P = Request['params']> extends TemplateView<P> {
  /** The objects to look in (Django's `queryset`). @defaultValue null (override `getQueryset()` or `getObject()`) */
  queryset: ObjectList<T> | null = classDefault(this, 'queryset', null);
  /** Names templates, context and 404 messages (Django's `model`). @defaultValue null */
  model: ModelMeta | null = classDefault(this, 'model', null);
  /** The object's field a slug is matched against (Django's `slug_field`). @defaultValue `'slug'` */
  slugField: string = classDefault(this, 'slugField', 'slug');
  /** The context name the object also goes under (Django's `context_object_name`). @defaultValue null */
  contextObjectName: string | null = classDefault(this, 'contextObjectName', null);
  /** The route param holding the slug (Django's `slug_url_kwarg`). @defaultValue `'slug'` */
  slugUrlKwarg: string = classDefault(this, 'slugUrlKwarg', 'slug');
  /** The route param holding the primary key (Django's `pk_url_kwarg`). @defaultValue `'pk'` */
  pkUrlKwarg: string = classDefault(this, 'pkUrlKwarg', 'pk');
  /** Match both pk and slug when the route has both (Django's `query_pk_and_slug`). @defaultValue false */
  queryPkAndSlug: boolean = classDefault(this, 'queryPkAndSlug', false);
  /** The object's field naming its own template (Django's `template_name_field`). @defaultValue null */
  templateNameField: string | null = classDefault(this, 'templateNameField', null);
  /** Added to `<appLabel>/<modelName>` for the default template (Django's `template_name_suffix`). @defaultValue `'_detail'` */
  templateNameSuffix: string = classDefault(this, 'templateNameSuffix', '_detail');
  /** The object shown (Django's `self.object`); set by `get()`. */
  object: T | null = null;

  /**
   * The object the view shows (Django's `get_object(queryset=None)`). Override it to query your
   * database by `this.params`; return it, or throw `Http404`.
   *
   * @throws Http404 when no object matches; Error when the route has no pk nor slug param.
   */
  async getObject(queryset?: ObjectList<T>): Promise<T> {
    return findObject(this, queryset ?? (await this.getQueryset()));
  }

  /** Where `getObject()` looks (Django's `get_queryset()`): `queryset`. @throws ImproperlyConfigured without one. */
  getQueryset(): MaybePromise<ObjectList<T>> {
    return singleObjectQueryset(this);
  }

  /** The field a slug is matched against (Django's `get_slug_field()`). */
  getSlugField(): string {
    return this.slugField;
  }

  /** The object's context name (Django's `get_context_object_name(obj)`). */
  getContextObjectName(object: unknown): string | null {
    return singleContextObjectName(this, object);
  }

  /** `object` and its named copy, then `kwargs`, `view` and `extraContext` (Django's `get_context_data`). */
  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return super.getContextData({ ...singleObjectContext(this), ...kwargs });
  }

  /** Django's `SingleObjectTemplateResponseMixin.get_template_names()`. @throws ImproperlyConfigured when none is known. */
  override getTemplateNames(): readonly string[] {
    return singleObjectTemplateNames(this);
  }
}

/**
 * Django's `DetailView`: GET finds the object (404 when there is none) and shows
 * `templateName`, or the object's `templateNameField`, or `<appLabel>/<modelName>_detail`.
 *
 * @example
 * ```ts
 * class QuestionDetail extends DetailView<Question> {
 *   override templateName = 'polls/detail.njk';
 *   override async getObject() {
 *     return getObjectOr404(db.question.find(Number(this.params.pk)));
 *   }
 * }
 * app.get('/polls/:pk/', QuestionDetail.asView());
 * ```
 */
export class DetailView<T = unknown, P = Request['params']> extends SingleObjectMixin<T, P> {
  /** Show the object (Django's `BaseDetailView.get`). */
  override async get(_req: Request<P>): Promise<TemplateResponse> {
    this.object = await this.getObject();
    return this.renderToResponse(await this.getContextData({ object: this.object }));
  }
}
