/**
 * A form on a Standard Schema validator (zod, valibot, arktype …): what Django's `Form` is to
 * a generic edit view — the submitted `data`, the `initial` values, `errors` in Django's shape
 * (field → messages, non-field ones under `__all__`), `isValid` and the validated `cleanedData`.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { UploadedFile } from './submitted-data.js';

/** Django's `NON_FIELD_ERRORS`: the key of the errors that belong to no one field. */
export const NON_FIELD_ERRORS = '__all__';

/** What a form view passes to a {@link SchemaForm} (Django's `get_form_kwargs()`). */
export interface SchemaFormOptions {
  /** The submitted fields; absent for an unbound form (a GET). */
  data?: Record<string, unknown> | undefined;
  /** The submitted files, by field. */
  files?: Record<string, UploadedFile | UploadedFile[]> | undefined;
  /** The values to show before anything is submitted. */
  initial?: Record<string, unknown> | undefined;
  /** Fields are submitted as `<prefix>-<name>` (Django's `prefix`). */
  prefix?: string | null | undefined;
  /** The object being edited; its own fields are initial values under `initial` (Django's ModelForm `instance`). */
  instance?: unknown;
}

function pathKey(segment: PropertyKey | StandardSchemaV1.PathSegment): string {
  return String(typeof segment === 'object' ? segment.key : segment);
}

/** An object's own enumerable fields, for initial values (Django's `model_to_dict`). */
function fieldsOf(instance: unknown): Record<string, unknown> {
  if (typeof instance !== 'object' || instance === null) return {};
  return { ...(instance as Record<string, unknown>) };
}

/**
 * A form validated by a Standard Schema `schema`. The view builds it with the request's data
 * (`getForm()`), awaits {@link validate} once, then calls `formValid(form)` or
 * `formInvalid(form)`; the template shows it.
 *
 * @example
 * ```njk
 * <input name="title" value="{{ form.value('title') }}">
 * {% for message in form.errors.title %}<p class="error">{{ message }}</p>{% endfor %}
 * {% for message in form.nonFieldErrors() %}<p class="error">{{ message }}</p>{% endfor %}
 * ```
 */
export class SchemaForm<S extends StandardSchemaV1 = StandardSchemaV1> {
  /** The validator (Django's form class). */
  readonly schema: S;
  /** The fields as submitted, `null` for an unbound form. */
  readonly data: Record<string, unknown> | null;
  /** The files as submitted. */
  readonly files: Record<string, UploadedFile | UploadedFile[]>;
  /** The values shown before anything is submitted: the instance's fields, then `initial`. */
  readonly initial: Record<string, unknown>;
  /** The field name prefix, or `null`. */
  readonly prefix: string | null;
  /** The object being edited, if any. */
  readonly instance: unknown;
  /** Messages by field, `__all__` for the form as a whole (Django's `form.errors`); empty until validated. */
  readonly errors: Record<string, string[]> = {};

  private validated = false;
  private output: StandardSchemaV1.InferOutput<S> | undefined;

  constructor(schema: S, options: SchemaFormOptions = {}) {
    if (typeof schema?.['~standard']?.validate !== 'function') {
      throw new TypeError(
        `A form's formClass must be a Standard Schema validator (zod, valibot, arktype …) with ['~standard'].validate (got ${schema === null ? 'null' : typeof schema}).`,
      );
    }
    this.schema = schema;
    this.prefix = options.prefix ?? null;
    this.data = options.data === undefined ? null : this.unprefixed(options.data);
    this.files = options.files === undefined ? {} : this.unprefixed(options.files);
    this.instance = options.instance ?? null;
    this.initial = { ...fieldsOf(options.instance), ...(options.initial ?? {}) };
  }

  /** Whether the form has submitted data (Django's `is_bound`). */
  get isBound(): boolean {
    return this.data !== null;
  }

  /** Bound, validated, and without errors (Django's `is_valid()`, once {@link validate} has run). */
  get isValid(): boolean {
    return this.isBound && this.validated && Object.keys(this.errors).length === 0;
  }

  /**
   * The schema's output for the submitted data (Django's `cleaned_data`).
   *
   * @throws Error when the form is not valid: validate it first, and read this only when `isValid`.
   */
  get cleanedData(): StandardSchemaV1.InferOutput<S> {
    if (!this.isValid) {
      throw new Error(
        `cleanedData is there only for a valid form: await form.validate() and check form.isValid first (got ${this.isBound ? (this.validated ? 'a form with errors' : 'a form not validated yet') : 'an unbound form'}).`,
      );
    }
    return this.output;
  }

  /**
   * Run the schema on the submitted fields and files (once; Django's `full_clean()`), filling
   * {@link errors} from its issues: each under its path's first key joined by `.`
   * (`'authors.0.name'`), or `__all__` when it has no path. Resolves to `isValid`.
   */
  async validate(): Promise<boolean> {
    if (this.validated || this.data === null) return this.isValid;
    const result = await this.schema['~standard'].validate({ ...this.data, ...this.files });
    this.validated = true;
    if (result.issues) {
      for (const issue of result.issues) {
        const field = issue.path?.length ? issue.path.map(pathKey).join('.') : NON_FIELD_ERRORS;
        this.addError(field, issue.message);
      }
    } else {
      this.output = result.value;
    }
    return this.isValid;
  }

  /** Add an error to `field`, or to the whole form with `null` (Django's `add_error`): the form is then invalid. */
  addError(field: string | null, message: string): void {
    const key = field ?? NON_FIELD_ERRORS;
    (this.errors[key] ??= []).push(message);
  }

  /** The errors of the form as a whole (Django's `non_field_errors()`). */
  nonFieldErrors(): string[] {
    return this.errors[NON_FIELD_ERRORS] ?? [];
  }

  /** What a field shows: the submitted value when bound, else its initial value (Django's `BoundField.value()`). */
  value(name: string): unknown {
    return this.data !== null ? this.data[name] : this.initial[name];
  }

  private unprefixed<V>(values: Record<string, V>): Record<string, V> {
    if (this.prefix === null) return { ...values };
    const start = `${this.prefix}-`;
    const result: Record<string, V> = {};
    for (const [name, value] of Object.entries(values))
      if (name.startsWith(start)) result[name.slice(start.length)] = value;
    return result;
  }
}

/** A validator that accepts anything as it is: the form of a `DeleteView` without `formClass` (Django's empty `Form`). */
export const emptySchema: StandardSchemaV1<Record<string, unknown>> = {
  '~standard': {
    version: 1,
    vendor: 'express-httpresponse',
    validate: (value) => ({ value: value as Record<string, unknown> }),
  },
};
