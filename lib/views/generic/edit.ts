/**
 * Django's `django/views/generic/edit.py`: `FormMixin`, `FormView`, `ModelFormMixin`,
 * `CreateView`, `UpdateView`, `DeletionMixin` and `DeleteView`, where a form is any Standard
 * Schema validator (zod, valibot, arktype …) wrapped in a {@link SchemaForm}.
 */
import type { Request } from 'express';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describe } from '../../http/describe.js';
import { HttpResponseRedirect } from '../../http/redirect.js';
import type { HttpResponseBase } from '../../http/response-base.js';
import type { MaybePromise, ObjectList } from '../../paginator/source.js';
import { TemplateView } from '../template-view.js';
import type { TemplateResponse } from '../template-response.js';
import {
  ImproperlyConfigured,
  asText,
  classDefault,
  modelMetaOf,
  resolveUrl,
  type ModelMeta,
} from './configuration.js';
import { SchemaForm, emptySchema, type SchemaFormOptions } from './schema-form.js';
import {
  findObject,
  singleContextObjectName,
  singleObjectContext,
  singleObjectQueryset,
  singleObjectTemplateNames,
} from './single-object.js';
import { readSubmittedData, type SubmittedData } from './submitted-data.js';

/** `{name}` in `url` replaced by the object's field `name` (Django's `success_url.format(**obj.__dict__)`). */
function formatWithObject(url: string, object: unknown): string {
  return url.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
    if (value === undefined) {
      throw new ImproperlyConfigured(
        `successUrl ${JSON.stringify(url)} names {${name}}, but the object has no field ${name}.`,
      );
    }
    return asText(value);
  });
}

/**
 * Django's `FormMixin` (with `ProcessFormView`): GET shows an unbound form; POST (and PUT)
 * builds the form from the submitted fields, validates it with `formClass`, then calls
 * `formValid(form)` (default: redirect to `getSuccessUrl()`) or `formInvalid(form)` (default:
 * the template again, with the errors, status 200). The template gets `form` (a {@link SchemaForm}).
 */
export class FormMixin<S extends StandardSchemaV1 = StandardSchemaV1, P = Request['params']> extends TemplateView<P> {
  /** The initial values of the form's fields (Django's `initial`). @defaultValue `{}` */
  initial: Record<string, unknown> = classDefault(this, 'initial', {});
  /** The validator (Django's `form_class`): any Standard Schema. @defaultValue null */
  formClass: S | null = classDefault(this, 'formClass', null);
  /** Where a valid form redirects (Django's `success_url`): a URL, or a URL name to `reverse()`. @defaultValue null */
  successUrl: string | null = classDefault(this, 'successUrl', null);
  /** Fields are submitted as `<prefix>-<name>` (Django's `prefix`). @defaultValue null */
  prefix: string | null = classDefault(this, 'prefix', null);
  /** What the request submitted; read by `post()`/`put()` before `getForm()`. */
  submitted: SubmittedData | null = null;

  /** A copy of `initial` (Django's `get_initial()`). */
  getInitial(): Record<string, unknown> {
    return { ...this.initial };
  }

  /** The field name prefix (Django's `get_prefix()`). */
  getPrefix(): string | null {
    return this.prefix;
  }

  /** The validator (Django's `get_form_class()`). @throws ImproperlyConfigured without `formClass`. */
  getFormClass(): S {
    if (!this.formClass) {
      throw new ImproperlyConfigured(
        `${this.constructor.name} has no formClass: set formClass to a Standard Schema validator (zod, valibot, arktype …), or override getFormClass().`,
      );
    }
    return this.formClass;
  }

  /** The form for this request (Django's `get_form(form_class=None)`). */
  getForm(formClass?: S): SchemaForm<S> {
    return new SchemaForm(formClass ?? this.getFormClass(), this.getFormKwargs());
  }

  /** What the form is built with (Django's `get_form_kwargs()`): `initial`, `prefix`, and on POST/PUT `data` and `files`. */
  getFormKwargs(): SchemaFormOptions {
    const kwargs: SchemaFormOptions = { initial: this.getInitial(), prefix: this.getPrefix() };
    const method = (this.request as unknown as Request).method;
    if ((method === 'POST' || method === 'PUT') && this.submitted) {
      kwargs.data = this.submitted.data;
      kwargs.files = this.submitted.files;
    }
    return kwargs;
  }

  /** Where a valid form redirects (Django's `get_success_url()`). @throws ImproperlyConfigured without `successUrl`. */
  getSuccessUrl(): MaybePromise<string> {
    if (!this.successUrl) throw new ImproperlyConfigured('No URL to redirect to. Provide a successUrl.');
    return resolveUrl(String(this.successUrl));
  }

  /** A valid form: redirect to {@link getSuccessUrl} (Django's `form_valid`). `form.cleanedData` is the schema's output. */
  async formValid(_form: SchemaForm<S>): Promise<HttpResponseBase> {
    return new HttpResponseRedirect(await this.getSuccessUrl());
  }

  /** An invalid form: the template again with the form and its errors, status 200 (Django's `form_invalid`). */
  async formInvalid(form: SchemaForm<S>): Promise<HttpResponseBase> {
    return this.renderToResponse(await this.getContextData({ form }));
  }

  /** `form` (a fresh one unless given) over the rest of the context (Django's `get_context_data`). */
  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const context = { ...kwargs };
    if (!('form' in context)) context.form = this.getForm();
    return super.getContextData(context);
  }

  /** Read what the request submitted into {@link submitted} (once). */
  protected async readSubmitted(req: Request<P>): Promise<void> {
    this.submitted ??= await readSubmittedData(req as unknown as Request);
  }

  /** Validate the form and answer with `formValid` or `formInvalid` (Django's `ProcessFormView.post`). */
  protected async processForm(): Promise<HttpResponseBase> {
    const form = this.getForm();
    return (await form.validate()) ? this.formValid(form) : this.formInvalid(form);
  }

  /** Show the unbound form (Django's `ProcessFormView.get`). */
  override async get(_req: Request<P>): Promise<TemplateResponse> {
    return this.renderToResponse(await this.getContextData());
  }

  /** Validate the submitted form (Django's `ProcessFormView.post`). */
  override async post(req: Request<P>): Promise<HttpResponseBase> {
    await this.readSubmitted(req);
    return this.processForm();
  }

  /** As `post` (Django's `ProcessFormView.put`). */
  override put(req: Request<P>): Promise<HttpResponseBase> {
    return this.post(req);
  }
}

/**
 * Django's `FormView`: a form on `templateName`.
 *
 * @example
 * ```ts
 * const contact = z.object({ name: z.string().min(1), message: z.string().min(1) });
 * class ContactView extends FormView<typeof contact> {
 *   override templateName = 'contact.njk';
 *   override formClass = contact;
 *   override successUrl = '/thanks/';
 *   override async formValid(form: SchemaForm<typeof contact>) {
 *     await sendMail(form.cleanedData.name, form.cleanedData.message);
 *     return super.formValid(form);
 *   }
 * }
 * ```
 */
export class FormView<S extends StandardSchemaV1 = StandardSchemaV1, P = Request['params']> extends FormMixin<S, P> {}

/**
 * Django's `ModelFormMixin`: a form that creates or edits `object` (a `FormMixin` that is also a
 * `SingleObjectMixin`). The form's initial values are the object's fields under `initial`; a
 * valid form is saved by {@link saveObject}, then redirects to `successUrl` (`{field}` replaced by
 * the object's field) or the object's `getAbsoluteUrl()`.
 */
export class ModelFormMixin<
  T = unknown,
  S extends StandardSchemaV1 = StandardSchemaV1,
  P = Request['params'],
> extends FormMixin<S, P> {
  /** The objects to look in (Django's `queryset`). @defaultValue null (override `getQueryset()` or `getObject()`) */
  queryset: ObjectList<T> | null = classDefault(this, 'queryset', null);
  /** Names templates and context; a class with `modelName` is also what `saveObject` creates. @defaultValue null */
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
  /** Added to `<appLabel>/<modelName>` for the default template. @defaultValue `'_form'` */
  templateNameSuffix: string = classDefault(this, 'templateNameSuffix', '_form');
  /** The object being edited; `null` while creating (Django's `self.object`). */
  object: T | null = null;

  /** The object to edit (Django's `get_object()`); override to query your database. @throws Http404 when none matches. */
  async getObject(queryset?: ObjectList<T>): Promise<T> {
    return findObject(this, queryset ?? (await this.getQueryset()));
  }

  /** Where `getObject()` looks (Django's `get_queryset()`). @throws ImproperlyConfigured without `queryset`. */
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

  /** The form's arguments, with the object as `instance` (Django's `ModelFormMixin.get_form_kwargs`). */
  override getFormKwargs(): SchemaFormOptions {
    const kwargs = super.getFormKwargs();
    if (this.object !== null) kwargs.instance = this.object;
    return kwargs;
  }

  /**
   * Write a valid form and return the object (Django's `form.save()`): its `cleanedData` assigned
   * to the object being edited, or given to `new model(cleanedData)` when creating (`model`, else
   * the `model` of `queryset`), then the
   * object's `save()` awaited when it has one. Override it to write with your own database code.
   *
   * @throws ImproperlyConfigured when there is nothing to save to and this is not overridden.
   */
  async saveObject(form: SchemaForm<S>): Promise<T> {
    const data = form.cleanedData as Record<string, unknown>;
    let object: unknown = this.object;
    const model = this.model ?? modelMetaOf((this.queryset as { model?: unknown } | null)?.model);
    if (object !== null) {
      Object.assign(object as object, data);
    } else if (typeof model === 'function') {
      object = new (model as unknown as new (fields: Record<string, unknown>) => T)(data);
    } else {
      throw new ImproperlyConfigured(
        `${this.constructor.name} cannot create an object: set model to a class whose constructor takes the form's cleanedData, or override saveObject(form) to write it with your database code.`,
      );
    }
    const save = (object as { save?: unknown }).save;
    if (typeof save === 'function') await (save as () => unknown).call(object);
    return object as T;
  }

  /**
   * Where a valid form redirects (Django's `ModelFormMixin.get_success_url`): `successUrl` with
   * `{field}` replaced by the object's fields, else the object's `getAbsoluteUrl()`.
   *
   * @throws ImproperlyConfigured when there is neither.
   */
  override async getSuccessUrl(): Promise<string> {
    if (this.successUrl) return formatWithObject(resolveUrl(this.successUrl), this.object);
    const getAbsoluteUrl = (this.object as { getAbsoluteUrl?: unknown } | null)?.getAbsoluteUrl;
    if (typeof getAbsoluteUrl !== 'function') {
      throw new ImproperlyConfigured(
        'No URL to redirect to.  Either provide a url or define a getAbsoluteUrl method on the Model.',
      );
    }
    return String(await (getAbsoluteUrl as () => unknown).call(this.object));
  }

  /** Save the object, then redirect (Django's `ModelFormMixin.form_valid`). */
  override async formValid(form: SchemaForm<S>): Promise<HttpResponseBase> {
    this.object = await this.saveObject(form);
    return super.formValid(form);
  }

  /** `form`, then `object` and its named copy when there is one, then the rest. */
  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const context = { ...kwargs };
    if (!('form' in context)) context.form = this.getForm();
    return super.getContextData({ ...singleObjectContext(this), ...context });
  }

  /** Django's `SingleObjectTemplateResponseMixin.get_template_names()`. */
  override getTemplateNames(): readonly string[] {
    return singleObjectTemplateNames(this);
  }
}

/**
 * Django's `CreateView`: GET shows an empty form; a valid POST creates the object
 * ({@link ModelFormMixin.saveObject}) and redirects. Template: `templateName`, or
 * `<appLabel>/<modelName>_form`.
 */
export class CreateView<
  T = unknown,
  S extends StandardSchemaV1 = StandardSchemaV1,
  P = Request['params'],
> extends ModelFormMixin<T, S, P> {
  override async get(req: Request<P>): Promise<TemplateResponse> {
    this.object = null;
    return super.get(req);
  }

  override async post(req: Request<P>): Promise<HttpResponseBase> {
    this.object = null;
    return super.post(req);
  }
}

/**
 * Django's `UpdateView`: GET shows the object's form (its fields as initial values); a valid
 * POST saves it and redirects; an invalid one shows the form again with its errors (200).
 *
 * @example
 * ```ts
 * const decision = z.object({ status: z.enum(['accepted', 'rejected']) });
 * class DecisionView extends UpdateView<Submission, typeof decision> {
 *   override templateName = 'decision.njk';
 *   override formClass = decision;
 *   override successUrl = '/submissions/{id}/';
 *   override async getObject() { return getObjectOr404(db.submission(Number(this.params.pk))); }
 *   override async saveObject(form: SchemaForm<typeof decision>) {
 *     return db.setStatus(this.object!.id, form.cleanedData.status);
 *   }
 * }
 * ```
 */
export class UpdateView<
  T = unknown,
  S extends StandardSchemaV1 = StandardSchemaV1,
  P = Request['params'],
> extends ModelFormMixin<T, S, P> {
  override async get(req: Request<P>): Promise<TemplateResponse> {
    this.object = await this.getObject();
    return super.get(req);
  }

  override async post(req: Request<P>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    return super.post(req);
  }
}

/**
 * Django's `DeletionMixin` with `BaseDeleteView`: GET shows the confirmation page; POST
 * validates the form (`formClass`, default: anything) and, when valid, deletes the object through
 * {@link deleteObject} and redirects to `successUrl` (`{field}` replaced by the object's fields);
 * DELETE deletes at once.
 */
export class DeletionMixin<
  T = unknown,
  S extends StandardSchemaV1 = StandardSchemaV1,
  P = Request['params'],
> extends ModelFormMixin<T, S, P> {
  override formClass: S | null = classDefault(this, 'formClass', emptySchema as unknown as S);
  override templateNameSuffix: string = classDefault(this, 'templateNameSuffix', '_confirm_delete');

  /**
   * Delete `object` (the view's own way to delete): its `delete()` method, as Django's. Override
   * it to delete with your database code.
   *
   * @throws ImproperlyConfigured when the object has no `delete()` and this is not overridden.
   */
  async deleteObject(object: T): Promise<void> {
    const remove = (object as { delete?: unknown } | null)?.delete;
    if (typeof remove !== 'function') {
      throw new ImproperlyConfigured(
        `${this.constructor.name} cannot delete ${describe(object)}: it has no delete() method. Override deleteObject(object) to delete it with your database code.`,
      );
    }
    await (remove as () => unknown).call(object);
  }

  /** `successUrl` with `{field}` replaced (Django's `DeletionMixin.get_success_url`). @throws ImproperlyConfigured without one. */
  override getSuccessUrl(): Promise<string> {
    if (this.successUrl) return Promise.resolve(formatWithObject(resolveUrl(this.successUrl), this.object));
    return Promise.reject(new ImproperlyConfigured('No URL to redirect to. Provide a successUrl.'));
  }

  /** Show the confirmation page (Django's `BaseDetailView.get`). */
  override async get(_req: Request<P>): Promise<TemplateResponse> {
    this.object = await this.getObject();
    return this.renderToResponse(await this.getContextData({ object: this.object }));
  }

  /** Validate the form, then delete and redirect, or show the errors (Django's `BaseDeleteView.post`). */
  override async post(req: Request<P>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    await this.readSubmitted(req);
    return this.processForm();
  }

  /** Delete at once, without a form (Django's `DeletionMixin.delete`). */
  override async delete(_req: Request<P>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    const successUrl = await this.getSuccessUrl();
    await this.deleteObject(this.object);
    return new HttpResponseRedirect(successUrl);
  }

  /** Delete the object and redirect (Django's `BaseDeleteView.form_valid`). */
  override async formValid(_form: SchemaForm<S>): Promise<HttpResponseBase> {
    const successUrl = await this.getSuccessUrl();
    await this.deleteObject(this.object as T);
    return new HttpResponseRedirect(successUrl);
  }
}

/** Django's `DeleteView`: the confirmation page (`<appLabel>/<modelName>_confirm_delete`), then the deletion. */
export class DeleteView<
  T = unknown,
  S extends StandardSchemaV1 = StandardSchemaV1,
  P = Request['params'],
> extends DeletionMixin<T, S, P> {}
