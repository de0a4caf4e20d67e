/** Django's `django.views.generic` list, detail and edit views. */
export { type ModelMeta } from './configuration.js';
export { ListView, MultipleObjectMixin, type PaginatedList, type PaginatorClass } from './list.js';
export { DetailView, SingleObjectMixin } from './detail.js';
export { CreateView, DeleteView, DeletionMixin, FormMixin, FormView, ModelFormMixin, UpdateView } from './edit.js';
export { NON_FIELD_ERRORS, SchemaForm, type SchemaFormOptions } from './schema-form.js';
export {
  readSubmittedData,
  type SubmittedData,
  type SubmittedDataLimits,
  type UploadedFile,
} from './submitted-data.js';
