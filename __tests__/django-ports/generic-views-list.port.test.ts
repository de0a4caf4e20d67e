/**
 * Django's tests/generic_views/test_list.py (ListViewTests) ported case by case onto ListView
 * and the fixture app porting its views and URLconf (__tests__/fixtures/generic-views-app.ts),
 * through the test Client on Express 4 and 5. Sources stand for QuerySets; their count() and
 * slice() calls stand for queries.
 */
import '../../lib/testing/jest-setup';
import { View } from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { Artist, Author, Page, genericViewsApp, queries } from '../fixtures/generic-views-app.js';

function makeAuthors(n: number): void {
  Author.table.clear();
  for (let i = 0; i < n; i += 1) new Author({ name: `Author ${String(i).padStart(2, '0')}`, slug: `a${i}` }).save();
}

function setUpTestData(): void {
  for (const model of [Artist, Author, Page]) model.table.clear();
  new Artist({ name: 'Rene Magritte' }).save();
  new Author({ name: 'Roberto Bolaño', slug: 'roberto-bolano' }).save();
  new Author({ name: 'Scott Rosenberg', slug: 'scott-rosenberg' }).save();
  new Page({ content: 'I was once bitten by a moose.', template: 'generic_views/page_template' }).save();
}

const names = (list: unknown): string[] => (list as Author[]).map((author) => author.name);

describe.each(expressVersions)('ListViewTests on %s', (_label, createApp) => {
  const app = genericViewsApp(createApp);
  let client: Client;
  beforeEach(() => {
    setUpTestData();
    client = new Client(app);
  });

  it('test_items', async () => {
    const res = await client.get('/list/dict/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/list');
    expect((res.context?.object_list as Array<{ first: string }>)[0]?.first).toBe('John');
  });

  it('test_queryset', async () => {
    const res = await client.get('/list/authors/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(names(res.context?.object_list)).toEqual(['Roberto Bolaño', 'Scott Rosenberg']);
    expect(res.context?.view).toBeInstanceOf(View);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res.context?.paginator).toBeNull();
    expect(res.context?.page_obj).toBeNull();
    expect(res.context?.is_paginated).toBe(false);
  });

  it('test_paginated_queryset', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(res.context?.object_list).toHaveLength(30);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res.context?.is_paginated).toBe(true);
    expect(res.context?.page_obj).toMatchObject({ number: 1 });
    expect(res.context?.paginator).toMatchObject({ numPages: 4 });
    expect(names(res.context?.author_list)[0]).toBe('Author 00');
    expect(names(res.context?.author_list).at(-1)).toBe('Author 29');
    await expect(res).toContainText('Author 29| page 1 of 4');
  });

  it('test_paginated_queryset_shortdata', async () => {
    const res = await client.get('/list/authors/paginated/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(names(res.context?.object_list)).toEqual(['Roberto Bolaño', 'Scott Rosenberg']);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res.context?.page_obj).toMatchObject({ number: 1 });
    expect(res.context?.paginator).toMatchObject({ numPages: 1 });
    expect(res.context?.is_paginated).toBe(false);
  });

  it('test_paginated_get_page_by_query_string', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/', { page: '2' });
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(res.context?.object_list).toHaveLength(30);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(names(res.context?.author_list)[0]).toBe('Author 30');
    expect(res.context?.page_obj).toMatchObject({ number: 2 });
  });

  it('test_paginated_get_last_page_by_query_string', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/', { page: 'last' });
    expect(res).toHaveStatus(200);
    expect(res.context?.object_list).toHaveLength(10);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(names(res.context?.author_list)[0]).toBe('Author 90');
    expect(res.context?.page_obj).toMatchObject({ number: 4 });
  });

  it('test_paginated_get_page_by_urlvar', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/3/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(res.context?.object_list).toHaveLength(30);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(names(res.context?.author_list)[0]).toBe('Author 60');
    expect(res.context?.page_obj).toMatchObject({ number: 3 });
  });

  it('test_paginated_page_out_of_range', async () => {
    makeAuthors(100);
    expect(await client.get('/list/authors/paginated/42/')).toHaveStatus(404);
  });

  it('test_paginated_invalid_page', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/?page=frog');
    expect(res).toHaveStatus(404);
    await expect(res).toContainText('Page is not “last”, nor can it be converted to an int.', { status: 404 });
  });

  it('test_paginated_custom_paginator_class', async () => {
    makeAuthors(7);
    const res = await client.get('/list/authors/paginated/custom_class/');
    expect(res).toHaveStatus(200);
    expect(res.context?.paginator).toMatchObject({ numPages: 1 });
    // Custom pagination allows for 2 orphans on a page size of 5
    expect(res.context?.object_list).toHaveLength(7);
  });

  it('test_paginated_custom_page_kwarg', async () => {
    makeAuthors(100);
    const res = await client.get('/list/authors/paginated/custom_page_kwarg/', { pagina: '2' });
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/author_list');
    expect(res.context?.object_list).toHaveLength(30);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(names(res.context?.author_list)[0]).toBe('Author 30');
    expect(res.context?.page_obj).toMatchObject({ number: 2 });
  });

  it('test_paginated_custom_paginator_constructor', async () => {
    makeAuthors(7);
    const res = await client.get('/list/authors/paginated/custom_constructor/');
    expect(res).toHaveStatus(200);
    expect(res.context?.object_list).toHaveLength(7);
  });

  it('test_paginated_orphaned_queryset', async () => {
    makeAuthors(92);
    let res = await client.get('/list/authors/paginated-orphaned/');
    expect(res).toHaveStatus(200);
    expect(res.context?.page_obj).toMatchObject({ number: 1 });
    res = await client.get('/list/authors/paginated-orphaned/', { page: 'last' });
    expect(res).toHaveStatus(200);
    expect(res.context?.page_obj).toMatchObject({ number: 3 });
    res = await client.get('/list/authors/paginated-orphaned/', { page: '3' });
    expect(res).toHaveStatus(200);
    expect(res.context?.page_obj).toMatchObject({ number: 3 });
    res = await client.get('/list/authors/paginated-orphaned/', { page: '4' });
    expect(res).toHaveStatus(404);
  });

  it('test_paginated_non_queryset', async () => {
    const res = await client.get('/list/dict/paginated/');
    expect(res).toHaveStatus(200);
    expect(res.context?.object_list).toHaveLength(1);
  });

  it('test_verbose_name', async () => {
    const res = await client.get('/list/artists/');
    expect(res).toHaveStatus(200);
    expect(res).toUseTemplate('generic_views/list');
    expect(names(res.context?.object_list)).toEqual(['Rene Magritte']);
    expect(res.context?.artist_list).toBe(res.context?.object_list);
    expect(res.context?.paginator).toBeNull();
    expect(res.context?.page_obj).toBeNull();
    expect(res.context?.is_paginated).toBe(false);
  });

  it('test_allow_empty_false', async () => {
    expect(await client.get('/list/authors/notempty/')).toHaveStatus(200);
    Author.table.clear();
    const res = await client.get('/list/authors/notempty/');
    expect(res).toHaveStatus(404);
    await expect(res).toContainText('Empty list and “AuthorList.allowEmpty” is False.', { status: 404 });
  });

  it('test_template_name', async () => {
    const res = await client.get('/list/authors/template_name/');
    expect(res).toHaveStatus(200);
    expect(names(res.context?.object_list)).toEqual(['Roberto Bolaño', 'Scott Rosenberg']);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res).toUseTemplate('generic_views/list');
  });

  it('test_template_name_suffix', async () => {
    const res = await client.get('/list/authors/template_name_suffix/');
    expect(res).toHaveStatus(200);
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res).toUseTemplate('generic_views/author_objects');
  });

  it('test_context_object_name', async () => {
    const res = await client.get('/list/authors/context_object_name/');
    expect(res).toHaveStatus(200);
    expect(res.context).not.toHaveProperty('authors');
    expect(res.context?.author_list).toBe(res.context?.object_list);
    expect(res).toUseTemplate('generic_views/author_list');
  });

  it('test_duplicate_context_object_name', async () => {
    const res = await client.get('/list/authors/dupe_context_object_name/');
    expect(res).toHaveStatus(200);
    expect(names(res.context?.object_list)).toEqual(['Roberto Bolaño', 'Scott Rosenberg']);
    expect(res.context).not.toHaveProperty('authors');
    expect(res.context).not.toHaveProperty('author_list');
    expect(res).toUseTemplate('generic_views/author_list');
  });

  it('test_missing_items', async () => {
    const res = await client.get('/list/authors/invalid/');
    expect(res).toHaveStatus(500);
    await expect(res).toContainText(
      'ImproperlyConfigured: AuthorList is missing a QuerySet. Define AuthorList.queryset (an array, or a source with count() and slice(start, end)), or override AuthorList.getQueryset().',
      { status: 500 },
    );
  });

  it('test_invalid_get_queryset', async () => {
    const res = await client.get('/list/authors/get_queryset/');
    await expect(res).toContainText(
      "ImproperlyConfigured: AuthorListGetQuerysetReturnsNone requires either a 'templateName' attribute or a getQueryset() method that returns a list naming its model.",
      { status: 500 },
    );
  });

  it('test_paginated_list_view_does_not_load_entire_table', async () => {
    makeAuthors(3);
    queries.length = 0;
    // 1 query for authors
    await client.get('/list/authors/notempty/');
    expect(queries).toEqual(['count', 'slice 0 3']);
    queries.length = 0;
    // 1 query to test if authors exist + 1 for the count + 1 for the page
    await client.get('/list/authors/notempty/paginated/');
    expect(queries).toEqual(['count', 'count', 'slice 0 2']);
  });

  it('test_paginated_list_view_returns_useful_message_on_invalid_page', async () => {
    makeAuthors(1);
    const res = await client.get('/list/authors/paginated/2/');
    expect(res).toHaveStatus(404);
    await expect(res).toContainText('Invalid page (2): That page contains no results', { status: 404 });
  });

  // test_explicitly_ordered_list_view is not ported: ListView has no `ordering`, as there is no
  // ORM to order by; a source returns its rows in the order its query gives them.
});
