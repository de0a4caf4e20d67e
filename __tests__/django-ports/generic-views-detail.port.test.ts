/**
 * Django's tests/generic_views/test_detail.py (DetailViewTest) ported case by case onto
 * DetailView and the fixture app porting its views and URLconf, through the test Client on
 * Express 4 and 5. Classes with a `modelName` static stand for models.
 */
import '../../lib/testing/jest-setup';
import { ModelFormMixin, SingleObjectMixin, View } from '../../lib/index.js';
import { Client, RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { Artist, Author, Page, genericViewsApp } from '../fixtures/generic-views-app.js';

let artist1: Artist;
let author1: Author;
let author2: Author;
let page1: Page;

function setUpTestData(): void {
  for (const model of [Artist, Author, Page]) model.table.clear();
  artist1 = new Artist({ name: 'Rene Magritte' });
  artist1.save();
  author1 = new Author({ name: 'Roberto Bolaño', slug: 'roberto-bolano' });
  author1.save();
  author2 = new Author({ name: 'Scott Rosenberg', slug: 'scott-rosenberg' });
  author2.save();
  page1 = new Page({ content: 'I was once bitten by a moose.', template: 'generic_views/page_template' });
  page1.save();
}

describe.each(expressVersions)('DetailViewTest on %s', (_label, createApp) => {
  const app = genericViewsApp(createApp);
  let client: Client;
  beforeEach(() => {
    setUpTestData();
    client = new Client(app);
  });

  it('test_simple_object', async () => {
    const res = await client.get('/detail/obj/');
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toEqual({ foo: 'bar' });
    expect(res.context?.view).toBeInstanceOf(View);
    expect(res).toUseTemplate('generic_views/detail');
    await expect(res).toContainText('This is some content: bar');
  });

  it('test_detail_by_pk', async () => {
    const res = await client.get(`/detail/author/${author1.id}/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_missing_object', async () => {
    const res = await client.get('/detail/author/500/');
    expect(res).toHaveStatus(404);
    await expect(res).toContainText('No author found matching the query', { status: 404 });
  });

  it('test_detail_by_custom_pk', async () => {
    const res = await client.get(`/detail/author/bycustompk/${author1.id}/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_slug', async () => {
    const res = await client.get('/detail/author/byslug/scott-rosenberg/');
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author2);
    expect(res.context?.author).toBe(author2);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_custom_slug', async () => {
    const res = await client.get('/detail/author/bycustomslug/scott-rosenberg/');
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author2);
    expect(res.context?.author).toBe(author2);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_pk_ignore_slug', async () => {
    const res = await client.get(`/detail/author/bypkignoreslug/${author1.id}-roberto-bolano/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_pk_ignore_slug_mismatch', async () => {
    const res = await client.get(`/detail/author/bypkignoreslug/${author1.id}-scott-rosenberg/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_pk_and_slug', async () => {
    const res = await client.get(`/detail/author/bypkandslug/${author1.id}-roberto-bolano/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_detail_by_pk_and_slug_mismatch_404', async () => {
    expect(await client.get(`/detail/author/bypkandslug/${author1.id}-scott-rosenberg/`)).toHaveStatus(404);
  });

  it('test_verbose_name', async () => {
    const res = await client.get(`/detail/artist/${artist1.id}/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(artist1);
    expect(res.context?.artist).toBe(artist1);
    expect(res).toUseTemplate('generic_views/artist_detail');
  });

  it('test_template_name', async () => {
    const res = await client.get(`/detail/author/${author1.id}/template_name/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/about');
  });

  it('test_template_name_suffix', async () => {
    const res = await client.get(`/detail/author/${author1.id}/template_name_suffix/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.author).toBe(author1);
    expect(res).toUseTemplate('generic_views/author_view');
  });

  it('test_template_name_field', async () => {
    const res = await client.get(`/detail/page/${page1.id}/field/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(page1);
    expect(res.context?.page).toBe(page1);
    expect(res).toUseTemplate('generic_views/page_template');
  });

  it('test_context_object_name', async () => {
    const res = await client.get(`/detail/author/${author1.id}/context_object_name/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context?.thingy).toBe(author1);
    expect(res.context).not.toHaveProperty('author');
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_duplicated_context_object_name', async () => {
    const res = await client.get(`/detail/author/${author1.id}/dupe_context_object_name/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.object).toBe(author1);
    expect(res.context).not.toHaveProperty('author');
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_custom_detail', async () => {
    const res = await client.get(`/detail/author/${author1.id}/custom_detail/`);
    expect(res).toHaveStatus(200);
    expect(res.context?.custom_author).toBe(author1);
    expect(res.context).not.toHaveProperty('author');
    expect(res.context).not.toHaveProperty('object');
    expect(res).toUseTemplate('generic_views/author_detail');
  });

  it('test_deferred_queryset_template_name', () => {
    class FormContext extends SingleObjectMixin<Author> {
      override model = Author;
      override object = author1;
    }
    expect(new FormContext().getTemplateNames()[0]).toBe('generic_views/author_detail');
  });

  it('test_deferred_queryset_context_object_name', async () => {
    class FormContext extends ModelFormMixin<Author> {
      override model = Author;
      override object = author1;
      override formClass = {
        '~standard': { version: 1 as const, vendor: 'tests', validate: (value: unknown) => ({ value }) },
      };
    }
    const view = new FormContext();
    view.setup(new RequestFactory().get('/'), undefined as never);
    const context = await view.getContextData();
    expect(context.object).toBe(author1);
    expect(context.author).toBe(author1);
  });

  it('test_invalid_url', async () => {
    await expect(await client.get('/detail/author/invalid/url/')).toContainText(
      "Error: Generic detail view AuthorDetail must be called with either an object pk or a slug in the URLconf: route it as '/items/:pk/' or '/items/:slug/', or override getObject().",
      { status: 500 },
    );
  });

  it('test_invalid_queryset', async () => {
    await expect(await client.get('/detail/author/invalid/qs/')).toContainText(
      'ImproperlyConfigured: AuthorDetail is missing a QuerySet. Define AuthorDetail.queryset (an array, or a source with count() and slice(start, end)), or override AuthorDetail.getQueryset() or AuthorDetail.getObject().',
      { status: 500 },
    );
  });

  it('test_non_model_object_with_meta', async () => {
    const res = await client.get('/detail/nonmodel/1/');
    expect(res).toHaveStatus(200);
    expect((res.context?.object as { id: string }).id).toBe('non_model_1');
  });

  // test_detail_object_does_not_exist is not ported: it checks that Django's ObjectDoesNotExist
  // raised by a custom manager propagates, and there is no ORM here.
});
