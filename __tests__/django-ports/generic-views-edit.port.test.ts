/**
 * Django's tests/generic_views/test_edit.py (FormMixinTests, BasicFormTests, ModelFormMixinTests,
 * CreateViewTests, UpdateViewTests, DeleteViewTests) ported case by case onto the edit views and
 * the fixture app porting its views and URLconf, through the test Client on Express 4 and 5.
 * Forms are Standard Schema validators: zod (AuthorForm), valibot (ContactForm) and a
 * hand-written one (ConfirmDeleteForm). The ModelForm-factory cases (`fields`) are not ported:
 * a schema is the form.
 */
import '../../lib/testing/jest-setup';
import { z } from 'zod';
import { FormMixin, ModelFormMixin, SchemaForm, View } from '../../lib/index.js';
import { Client, RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { Artist, Author, genericViewsApp } from '../fixtures/generic-views-app.js';

const names = (): string[] => Author.table.rows.map((author) => author.name);
const contact = z.object({ name: z.string(), message: z.string() });

describe('FormMixinTests', () => {
  const requestFactory = new RequestFactory();

  it('test_initial_data', () => {
    const initial1 = new FormMixin().getInitial();
    initial1.foo = 'bar';
    const initial2 = new FormMixin().getInitial();
    expect(initial1).not.toEqual(initial2);
  });

  it('test_get_prefix', () => {
    class TestFormMixin extends FormMixin {}
    const mixin = new TestFormMixin();
    mixin.setup(requestFactory.get('/'), undefined as never);
    expect(mixin.getFormKwargs().prefix).toBeNull();
    const setMixin = new TestFormMixin();
    setMixin.setup(requestFactory.get('/'), undefined as never);
    setMixin.prefix = 'test';
    expect(setMixin.getFormKwargs().prefix).toBe('test');
  });

  it('test_get_form', () => {
    const mixin = new FormMixin<typeof contact>();
    mixin.setup(requestFactory.get('/'), undefined as never);
    expect(mixin.getForm(contact)).toBeInstanceOf(SchemaForm);
    expect(mixin.getForm(contact).schema).toBe(contact);
    mixin.formClass = contact;
    expect(mixin.getForm().schema).toBe(contact);
  });

  it('test_get_context_data', async () => {
    class FormContext extends FormMixin<typeof contact> {
      override formClass = contact;
    }
    const view = new FormContext();
    view.setup(requestFactory.get('/'), undefined as never);
    expect((await view.getContextData()).form).toBeInstanceOf(SchemaForm);
  });
});

describe('ModelFormMixinTests', () => {
  it('test_get_form_checks_for_object', () => {
    const mixin = new ModelFormMixin();
    mixin.setup(new RequestFactory().get('/'), undefined as never);
    expect(mixin.getFormKwargs()).toEqual({ initial: {}, prefix: null });
  });
});

describe.each(expressVersions)('generic edit views on %s', (_label, createApp) => {
  const app = genericViewsApp(createApp);
  let client: Client;
  beforeEach(() => {
    Author.table.clear();
    Artist.table.clear();
    client = new Client(app);
  });

  describe('BasicFormTests', () => {
    it('test_post_data', async () => {
      const res = await client.post('/contact/', { name: 'Me', message: 'Hello' });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
    });

    it('test_late_form_validation', async () => {
      const res = await client.post('/late-validation/', { name: 'Me', message: 'Hello' });
      expect((res.context?.form as SchemaForm).isValid).toBe(false);
      expect((res.context?.form as SchemaForm).errors).toEqual({ __all__: ['There is an error'] });
    });
  });

  describe('CreateViewTests', () => {
    it('test_create', async () => {
      let res = await client.get('/edit/authors/create/');
      expect(res).toHaveStatus(200);
      expect(res.context?.form).toBeInstanceOf(SchemaForm);
      expect(res.context?.view).toBeInstanceOf(View);
      expect(res.context).not.toHaveProperty('object');
      expect(res.context).not.toHaveProperty('author');
      expect(res).toUseTemplate('generic_views/author_form');

      res = await client.post('/edit/authors/create/', { name: 'Randall Munroe', slug: 'randall-munroe' });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(names()).toEqual(['Randall Munroe']);
    });

    it('test_create_invalid', async () => {
      const res = await client.post('/edit/authors/create/', { name: 'A'.repeat(101), slug: 'randall-munroe' });
      expect(res).toHaveStatus(200);
      expect(res).toUseTemplate('generic_views/author_form');
      expect(Object.keys((res.context?.form as SchemaForm).errors)).toEqual(['name']);
      expect(Author.table.rows).toHaveLength(0);
    });

    it('test_create_with_object_url', async () => {
      const res = await client.post('/edit/artists/create/', { name: 'Rene Magritte' });
      expect(res).toHaveStatus(302);
      const artist = Artist.table.rows.find((a) => a.name === 'Rene Magritte') as Artist;
      expect(res.get('Location')).toBe(`/detail/artist/${artist.id}/`);
      expect(Artist.table.rows).toEqual([artist]);
    });

    it('test_create_with_redirect', async () => {
      const res = await client.post('/edit/authors/create/redirect/', {
        name: 'Randall Munroe',
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/edit/authors/create/');
      expect(names()).toEqual(['Randall Munroe']);
    });

    it('test_create_with_interpolated_redirect', async () => {
      let res = await client.post('/edit/authors/create/interpolate_redirect/', {
        name: 'Randall Munroe',
        slug: 'randall-munroe',
      });
      expect(names()).toEqual(['Randall Munroe']);
      expect(res).toHaveStatus(302);
      const pk = (Author.table.rows[0] as Author).id;
      expect(res.get('Location')).toBe(`/edit/author/${pk}/update/`);
      // Also test with escaped chars in URL
      res = await client.post('/edit/authors/create/interpolate_redirect_nonascii/', {
        name: 'John Doe',
        slug: 'john-doe',
      });
      expect(res).toHaveStatus(302);
      const johnPk = (Author.table.rows.find((a) => a.name === 'John Doe') as Author).id;
      expect(res.get('Location')).toBe(`/%C3%A9dit/author/${johnPk}/update/`);
      expect(await client.get(res.get('Location') as string)).toHaveStatus(200);
    });

    it('test_create_with_special_properties', async () => {
      let res = await client.get('/edit/authors/create/special/');
      expect(res).toHaveStatus(200);
      expect(res.context?.form).toBeInstanceOf(SchemaForm);
      expect(res.context).not.toHaveProperty('object');
      expect(res.context).not.toHaveProperty('author');
      expect(res).toUseTemplate('generic_views/form');

      res = await client.post('/edit/authors/create/special/', { name: 'Randall Munroe', slug: 'randall-munroe' });
      expect(res).toHaveStatus(302);
      const obj = Author.table.rows.find((a) => a.slug === 'randall-munroe') as Author;
      expect(res.get('Location')).toBe(`/detail/author/${obj.id}/`);
      expect(Author.table.rows).toEqual([obj]);
    });

    it('test_create_without_redirect', async () => {
      const res = await client.post('/edit/authors/create/naive/', { name: 'Randall Munroe', slug: 'randall-munroe' });
      await expect(res).toContainText(
        'ImproperlyConfigured: No URL to redirect to.  Either provide a url or define a getAbsoluteUrl method on the Model.',
        { status: 500 },
      );
    });

    it('test_create_restricted', async () => {
      const res = await client.post('/edit/authors/create/restricted/', {
        name: 'Randall Munroe',
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/accounts/login/?next=/edit/authors/create/restricted/');
    });
  });

  describe('UpdateViewTests', () => {
    let author: Author;
    beforeEach(() => {
      author = new Author({ id: 1, name: 'Randall Munroe', slug: 'randall-munroe' }); // pk=1 for OneAuthorUpdate
      author.save();
    });

    it('test_update_post', async () => {
      let res = await client.get(`/edit/author/${author.id}/update/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.form).toBeInstanceOf(SchemaForm);
      expect((res.context?.form as SchemaForm).initial).toMatchObject({
        name: 'Randall Munroe',
        slug: 'randall-munroe',
      });
      expect(res.context?.object).toBe(author);
      expect(res.context?.author).toBe(author);
      expect(res).toUseTemplate('generic_views/author_form');
      expect((res.context?.view as { getFormCalledCount: number }).getFormCalledCount).toBe(1);
      await expect(res).toContainText('value="Randall Munroe"');

      // Modification with both POST and PUT (browser compatible)
      res = await client.post(`/edit/author/${author.id}/update/`, {
        name: 'Randall Munroe (xkcd)',
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(names()).toEqual(['Randall Munroe (xkcd)']);
    });

    it('test_update_invalid', async () => {
      const res = await client.post(`/edit/author/${author.id}/update/`, {
        name: 'A'.repeat(101),
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(200);
      expect(res).toUseTemplate('generic_views/author_form');
      expect(Object.keys((res.context?.form as SchemaForm).errors)).toHaveLength(1);
      expect(names()).toEqual(['Randall Munroe']);
      expect((res.context?.view as { getFormCalledCount: number }).getFormCalledCount).toBe(1);
    });

    it('test_update_with_object_url', async () => {
      const a = new Artist({ name: 'Rene Magritte' });
      a.save();
      const res = await client.post(`/edit/artists/${a.id}/update/`, { name: 'Rene Magritte' });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/detail/artist/${a.id}/`);
      expect(Artist.table.rows).toEqual([a]);
    });

    it('test_update_with_redirect', async () => {
      const res = await client.post(`/edit/author/${author.id}/update/redirect/`, {
        name: 'Randall Munroe (author of xkcd)',
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/edit/authors/create/');
      expect(names()).toEqual(['Randall Munroe (author of xkcd)']);
    });

    it('test_update_with_interpolated_redirect', async () => {
      let res = await client.post(`/edit/author/${author.id}/update/interpolate_redirect/`, {
        name: 'Randall Munroe (author of xkcd)',
        slug: 'randall-munroe',
      });
      expect(names()).toEqual(['Randall Munroe (author of xkcd)']);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/edit/author/${author.id}/update/`);
      // Also test with escaped chars in URL
      res = await client.post(`/edit/author/${author.id}/update/interpolate_redirect_nonascii/`, {
        name: 'John Doe',
        slug: 'john-doe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/%C3%A9dit/author/${author.id}/update/`);
    });

    it('test_update_with_special_properties', async () => {
      let res = await client.get(`/edit/author/${author.id}/update/special/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.form).toBeInstanceOf(SchemaForm);
      expect(res.context?.object).toBe(author);
      expect(res.context?.thingy).toBe(author);
      expect(res.context).not.toHaveProperty('author');
      expect(res).toUseTemplate('generic_views/form');

      res = await client.post(`/edit/author/${author.id}/update/special/`, {
        name: 'Randall Munroe (author of xkcd)',
        slug: 'randall-munroe',
      });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/detail/author/${author.id}/`);
      expect(names()).toEqual(['Randall Munroe (author of xkcd)']);
    });

    it('test_update_without_redirect', async () => {
      const res = await client.post(`/edit/author/${author.id}/update/naive/`, {
        name: 'Randall Munroe (author of xkcd)',
        slug: 'randall-munroe',
      });
      await expect(res).toContainText(
        'ImproperlyConfigured: No URL to redirect to.  Either provide a url or define a getAbsoluteUrl method on the Model.',
        { status: 500 },
      );
    });

    it('test_update_get_object', async () => {
      let res = await client.get('/edit/author/update/');
      expect(res).toHaveStatus(200);
      expect(res.context?.form).toBeInstanceOf(SchemaForm);
      expect(res.context?.view).toBeInstanceOf(View);
      expect(res.context?.object).toBe(author);
      expect(res.context?.author).toBe(author);
      expect(res).toUseTemplate('generic_views/author_form');

      res = await client.post('/edit/author/update/', { name: 'Randall Munroe (xkcd)', slug: 'randall-munroe' });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(names()).toEqual(['Randall Munroe (xkcd)']);
    });
  });

  describe('DeleteViewTests', () => {
    let author: Author;
    beforeEach(() => {
      author = new Author({ name: 'Randall Munroe', slug: 'randall-munroe' });
      author.save();
    });

    it('test_delete_by_post', async () => {
      let res = await client.get(`/edit/author/${author.id}/delete/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.object).toBe(author);
      expect(res.context?.author).toBe(author);
      expect(res).toUseTemplate('generic_views/author_confirm_delete');

      res = await client.post(`/edit/author/${author.id}/delete/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(Author.table.rows).toEqual([]);
    });

    it('test_delete_by_delete', async () => {
      const res = await client.delete(`/edit/author/${author.id}/delete/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(Author.table.rows).toEqual([]);
    });

    it('test_delete_with_redirect', async () => {
      const res = await client.post(`/edit/author/${author.id}/delete/redirect/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/edit/authors/create/');
      expect(Author.table.rows).toEqual([]);
    });

    it('test_delete_with_interpolated_redirect', async () => {
      let res = await client.post(`/edit/author/${author.id}/delete/interpolate_redirect/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/edit/authors/create/?deleted=${author.id}`);
      expect(Author.table.rows).toEqual([]);
      // Also test with escaped chars in URL
      const a = new Author({ name: 'Randall Munroe', slug: 'randall-munroe' });
      a.save();
      res = await client.post(`/edit/author/${a.id}/delete/interpolate_redirect_nonascii/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe(`/%C3%A9dit/authors/create/?deleted=${a.id}`);
    });

    it('test_delete_with_special_properties', async () => {
      let res = await client.get(`/edit/author/${author.id}/delete/special/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.object).toBe(author);
      expect(res.context?.thingy).toBe(author);
      expect(res.context).not.toHaveProperty('author');
      expect(res).toUseTemplate('generic_views/confirm_delete');

      res = await client.post(`/edit/author/${author.id}/delete/special/`);
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(Author.table.rows).toEqual([]);
    });

    it('test_delete_without_redirect', async () => {
      await expect(await client.post(`/edit/author/${author.id}/delete/naive/`)).toContainText(
        'ImproperlyConfigured: No URL to redirect to. Provide a successUrl.',
        { status: 500 },
      );
      expect(Author.table.rows).toEqual([author]);
    });

    it('test_delete_with_form_as_post', async () => {
      let res = await client.get(`/edit/author/${author.id}/delete/form/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.object).toBe(author);
      expect(res.context?.author).toBe(author);
      expect(res).toUseTemplate('generic_views/author_confirm_delete');
      res = await client.post(`/edit/author/${author.id}/delete/form/`, { confirm: true });
      expect(res).toHaveStatus(302);
      expect(res.get('Location')).toBe('/list/authors/');
      expect(Author.table.rows).toEqual([]);
    });

    it('test_delete_with_form_as_post_with_validation_error', async () => {
      let res = await client.get(`/edit/author/${author.id}/delete/form/`);
      expect(res).toHaveStatus(200);
      expect(res.context?.object).toBe(author);
      expect(res.context?.author).toBe(author);
      expect(res).toUseTemplate('generic_views/author_confirm_delete');

      res = await client.post(`/edit/author/${author.id}/delete/form/`);
      expect(res).toHaveStatus(200);
      const form = res.context?.form as SchemaForm;
      expect(Object.keys(form.errors)).toHaveLength(2);
      expect(form.errors.__all__).toEqual(['You must confirm the delete.']);
      expect(form.errors.confirm).toEqual(['This field is required.']);
      await expect(res).toContainText('confirm: This field is required.');
      expect(Author.table.rows).toEqual([author]);
    });
  });
});
