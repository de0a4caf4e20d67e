/** Django's `django/views/generic/list.py`: `MultipleObjectMixin`, `BaseListView`, `ListView`. */
import type { Request } from 'express';
import { Http404 } from '../../http/errors.js';
import { InvalidPage } from '../../paginator/errors.js';
import type { Page } from '../../paginator/page.js';
import { Paginator, type PaginatorOptions } from '../../paginator/paginator.js';
import { pythonInt } from '../../paginator/python-int.js';
import { isPaginationSource, type MaybePromise, type ObjectList } from '../../paginator/source.js';
import { TemplateView } from '../template-view.js';
import type { TemplateResponse } from '../template-response.js';
import {
  ImproperlyConfigured,
  classDefault,
  modelMetaOf,
  paramValue,
  queryValue,
  type ModelMeta,
} from './configuration.js';

/** A paginator class, as `paginatorClass` takes it (Django's `paginator_class`). */
export type PaginatorClass<T> = new (
  objectList: ObjectList<T>,
  perPage: number,
  options?: PaginatorOptions,
) => Paginator<T>;

/** What {@link MultipleObjectMixin.paginateQueryset} gives: Django's 4-tuple. */
export interface PaginatedList<T> {
  /** The paginator over the whole list. */
  paginator: Paginator<T>;
  /** The page asked for. */
  page: Page<T>;
  /** The objects of that page. */
  objectList: readonly T[];
  /** Whether there is more than one page. */
  isPaginated: boolean;
}

/** The model of an object list: a source's `model`, when it is a {@link ModelMeta}. */
function modelOfList(list: unknown): ModelMeta | undefined {
  return typeof list === 'object' && list !== null ? modelMetaOf((list as { model?: unknown }).model) : undefined;
}

/** Every object of `list`: the array itself, or all of a source's rows (used only without pagination). */
async function everyObject<T>(list: ObjectList<T>): Promise<readonly T[]> {
  if (!isPaginationSource<T>(list)) return list;
  const count = Number(await list.count());
  return Array.from(await list.slice(0, count));
}

/**
 * Django's `MultipleObjectMixin`: a view over a list of objects — an array, or a
 * {@link PaginationSource} (your database query: `count()` and `slice(start, end)`), from
 * `queryset` or `getQueryset()` — optionally paginated by `paginateBy`, the page read from the
 * route param or query parameter `pageKwarg` (`?page=3`, `?page=last`). Its context has
 * `object_list`, `paginator`, `page_obj`, `is_paginated`, and the list again under
 * `contextObjectName` (default `<modelName>_list` when the source names a `model`).
 */
export class MultipleObjectMixin<T = unknown, P = Request['params']> extends TemplateView<P> {
  /** Answer an empty list with the page rather than 404 (Django's `allow_empty`). @defaultValue true */
  allowEmpty: boolean = classDefault(this, 'allowEmpty', true);
  /** The objects: an array or a source (Django's `queryset`). @defaultValue null (override `getQueryset()`) */
  queryset: ObjectList<T> | null = classDefault(this, 'queryset', null);
  /** Names templates and the context (Django's `model`): `{ modelName, appLabel? }` or a class with those statics. @defaultValue null */
  model: ModelMeta | null = classDefault(this, 'model', null);
  /** Objects per page; `null` for no pagination (Django's `paginate_by`). @defaultValue null */
  paginateBy: number | null = classDefault(this, 'paginateBy', null);
  /** Orphans of the last page (Django's `paginate_orphans`). @defaultValue 0 */
  paginateOrphans: number = classDefault(this, 'paginateOrphans', 0);
  /** The context name the list also goes under (Django's `context_object_name`). @defaultValue null */
  contextObjectName: string | null = classDefault(this, 'contextObjectName', null);
  /** The paginator to use (Django's `paginator_class`). @defaultValue {@link Paginator} */
  paginatorClass: PaginatorClass<T> = classDefault(this, 'paginatorClass', Paginator as PaginatorClass<T>);
  /** The route param or query parameter naming the page (Django's `page_kwarg`). @defaultValue `'page'` */
  pageKwarg: string = classDefault(this, 'pageKwarg', 'page');
  /** The list being shown (Django's `self.object_list`); set by `get()`. */
  objectList: ObjectList<T> | null = null;
  /** The model the source named, kept when its rows are read into an array. */
  protected listModel: ModelMeta | undefined;

  /**
   * The objects to show (Django's `get_queryset()`): `queryset` unless overridden — override
   * it to filter by the request (`this.request.query`). May be async.
   *
   * @throws ImproperlyConfigured when there is no `queryset` and this is not overridden.
   */
  getQueryset(): MaybePromise<ObjectList<T>> {
    if (this.queryset === null || this.queryset === undefined) {
      const name = this.constructor.name;
      throw new ImproperlyConfigured(
        `${name} is missing a QuerySet. Define ${name}.queryset (an array, or a source with count() and slice(start, end)), or override ${name}.getQueryset().`,
      );
    }
    return this.queryset;
  }

  /** Objects per page for `queryset`, or `null` not to paginate (Django's `get_paginate_by`). */
  getPaginateBy(_queryset: ObjectList<T>): number | null {
    return this.paginateBy;
  }

  /** The paginator for `queryset` (Django's `get_paginator`). */
  getPaginator(queryset: ObjectList<T>, perPage: number, options: PaginatorOptions = {}): Paginator<T> {
    return new this.paginatorClass(queryset, perPage, options);
  }

  /** Orphans of the last page (Django's `get_paginate_orphans`). */
  getPaginateOrphans(): number {
    return this.paginateOrphans;
  }

  /** Whether an empty list is shown rather than a 404 (Django's `get_allow_empty`). */
  getAllowEmpty(): boolean {
    return this.allowEmpty;
  }

  /** The context name of the list (Django's `get_context_object_name`): `contextObjectName`, else `<modelName>_list`. */
  getContextObjectName(objectList: unknown): string | null {
    if (this.contextObjectName) return this.contextObjectName;
    const model = modelOfList(objectList) ?? this.listModel ?? this.model ?? undefined;
    return model ? `${model.modelName}_list` : null;
  }

  /**
   * The page of `queryset` the request asks for (Django's `paginate_queryset`): the route param
   * `pageKwarg`, else the query parameter, else 1; `'last'` is the last page.
   *
   * @throws Http404 for a page that is not a number nor `'last'`, or that does not exist.
   */
  async paginateQueryset(queryset: ObjectList<T>, pageSize: number): Promise<PaginatedList<T>> {
    const paginator = this.getPaginator(queryset, pageSize, {
      orphans: this.getPaginateOrphans(),
      allowEmptyFirstPage: this.getAllowEmpty(),
    });
    const kwarg = this.pageKwarg;
    const page = paramValue(this.params, kwarg) || queryValue(this.request as unknown as Request, kwarg) || 1;
    let pageNumber = pythonInt(page);
    if (pageNumber === undefined) {
      if (page !== 'last') throw new Http404('Page is not “last”, nor can it be converted to an int.');
      await paginator.getCount();
      pageNumber = paginator.numPages;
    }
    try {
      const pageObj = await paginator.page(pageNumber);
      return { paginator, page: pageObj, objectList: pageObj.objectList, isPaginated: pageObj.hasOtherPages() };
    } catch (err) {
      if (err instanceof InvalidPage) throw new Http404(`Invalid page (${pageNumber}): ${err.message}`, { cause: err });
      throw err;
    }
  }

  /**
   * The template's context (Django's `get_context_data`): `object_list` (the page's objects when
   * paginated, else every object), `paginator`, `page_obj`, `is_paginated`, the list under
   * {@link getContextObjectName}, then `kwargs`, `view` and `extraContext`.
   */
  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const { object_list: given, ...rest } = kwargs;
    const queryset = (given ?? this.objectList) as ObjectList<T>;
    const pageSize = this.getPaginateBy(queryset);
    const contextObjectName = this.getContextObjectName(queryset);
    let context: Record<string, unknown>;
    if (pageSize) {
      const { paginator, page, objectList, isPaginated } = await this.paginateQueryset(queryset, pageSize);
      context = { paginator, page_obj: page, is_paginated: isPaginated, object_list: objectList };
    } else {
      context = { paginator: null, page_obj: null, is_paginated: false, object_list: await everyObject(queryset) };
    }
    if (contextObjectName !== null) context[contextObjectName] = context.object_list;
    return super.getContextData({ ...context, ...rest });
  }
}

/**
 * Django's `ListView` (`BaseListView` with `MultipleObjectTemplateResponseMixin`): GET shows
 * `templateName` (or `<appLabel>/<modelName>_list`) with the list's context; an empty list is a
 * 404 when `allowEmpty` is false.
 *
 * @example
 * ```ts
 * class SubmissionList extends ListView<Submission> {
 *   override templateName = 'submissions.njk';
 *   override paginateBy = 25;
 *   override getQueryset() {
 *     return submissionsSource(db, { status: this.request.query.status });
 *   }
 * }
 * app.get('/submissions/', SubmissionList.asView());
 * ```
 */
export class ListView<T = unknown, P = Request['params']> extends MultipleObjectMixin<T, P> {
  /** Added to `<appLabel>/<modelName>` for the default template (Django's `template_name_suffix`). @defaultValue `'_list'` */
  templateNameSuffix: string = classDefault(this, 'templateNameSuffix', '_list');

  /**
   * `templateName`, then `<appLabel>/<modelName><templateNameSuffix>` when the list or the view
   * names a model (Django's `MultipleObjectTemplateResponseMixin.get_template_names`).
   *
   * @throws ImproperlyConfigured when there is neither.
   */
  override getTemplateNames(): readonly string[] {
    const names = this.templateName === null ? [] : [...super.getTemplateNames()];
    const model = modelOfList(this.objectList) ?? this.listModel ?? this.model ?? undefined;
    if (model) {
      names.push(`${model.appLabel ? `${model.appLabel}/` : ''}${model.modelName}${this.templateNameSuffix}`);
    } else if (names.length === 0) {
      throw new ImproperlyConfigured(
        `${this.constructor.name} requires either a 'templateName' attribute or a getQueryset() method that returns a list naming its model.`,
      );
    }
    return names;
  }

  /** Show the list (Django's `BaseListView.get`). @throws Http404 for an empty list when `allowEmpty` is false. */
  override async get(_req: Request<P>): Promise<TemplateResponse> {
    this.objectList = await this.getQueryset();
    this.listModel = modelOfList(this.objectList);
    if (!this.getAllowEmpty()) {
      let list = this.objectList;
      // Paginated, a source is asked for its count; otherwise its rows are read once and kept,
      // as Django evaluates (and caches) the queryset.
      if (this.getPaginateBy(list) === null) list = this.objectList = await everyObject(list);
      const isEmpty = isPaginationSource(list) ? Number(await list.count()) === 0 : list.length === 0;
      if (isEmpty) throw new Http404(`Empty list and “${this.constructor.name}.allowEmpty” is False.`);
    }
    return this.renderToResponse(await this.getContextData());
  }
}
