/**
 * Form views over HTTP (supertest) on Express 4 and 5, with zod and valibot: the submitted data
 * read from urlencoded (by express.urlencoded or by the view), JSON and multipart bodies; errors
 * in Django's shape; the schema's output (coerced, transformed) reaching formValid; an invalid
 * POST answered 200 with the form again; a valid one redirected.
 */
import type { Express } from 'express';
import request from 'supertest';
import * as v from 'valibot';
import { z } from 'zod';
import { FormView, HttpResponse, path, urlpatterns, type HttpResponseBase, SchemaForm } from '../../../lib/index.js';
import { expressVersions, type AppFactory } from '../../helpers/apps.js';
import { useNunjucks } from '../../helpers/nunjucks.js';

const zodSchema = z.object({
  title: z.string().trim().min(1, 'This field is required.'),
  pages: z.coerce.number().int().positive(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
});
const valibotSchema = v.pipe(
  v.object({
    title: v.pipe(v.string(), v.trim(), v.minLength(1, 'This field is required.')),
    pages: v.pipe(v.unknown(), v.transform(Number), v.number(), v.integer(), v.minValue(1)),
    tags: v.optional(v.union([v.string(), v.array(v.string())])),
  }),
  v.check((value) => value.title !== 'forbidden', 'This title is not allowed.'),
);

const received: unknown[] = [];

function formApp(createApp: AppFactory, schema: typeof zodSchema | typeof valibotSchema, parse: boolean): Express {
  class BookForm extends FormView<typeof schema> {
    override templateName = 'book_form';
    override formClass = schema;
    override successUrl = '/done/';
    override initial = { title: 'Untitled' };
    override async formValid(form: SchemaForm<typeof schema>): Promise<HttpResponseBase> {
      received.push(form.cleanedData);
      return super.formValid(form);
    }
  }
  const app = useNunjucks(createApp());
  if (parse) app.use(createApp.urlencoded({ extended: false }));
  app.all('/book/', BookForm.asView());
  return app;
}

describe.each(expressVersions)('FormView on %s', (_label, createApp) => {
  describe.each([
    ['zod', zodSchema],
    ['valibot', valibotSchema],
  ] as const)('with %s', (_name, schema) => {
    beforeEach(() => {
      received.length = 0;
    });

    it('shows the unbound form with its initial values on GET', async () => {
      const res = await request(formApp(createApp, schema, true)).get('/book/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<input name="title" value="Untitled">');
      expect(res.text).toContain('bound: false');
    });

    it.each([
      ['urlencoded, read by express.urlencoded()', true, 'form'],
      ['urlencoded, read by the view', false, 'form'],
      ['JSON, read by the view', false, 'json'],
    ] as const)('redirects a valid POST (%s) and hands formValid the schema output', async (_how, parse, type) => {
      const res = await request(formApp(createApp, schema, parse))
        .post('/book/')
        .type(type)
        .send({ title: '  Dune ', pages: '412', tags: ['a', 'b'] });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/done/');
      expect(received).toEqual([{ title: 'Dune', pages: 412, tags: ['a', 'b'] }]);
    });

    it('reads a multipart body with busboy, fields and files', async () => {
      const res = await request(formApp(createApp, schema, true))
        .post('/book/')
        .field('title', 'Dune')
        .field('pages', '7')
        .attach('cover', Buffer.from('%PDF-1.4'), 'cover.pdf');
      expect(res.status).toBe(302);
      expect(received).toEqual([{ title: 'Dune', pages: 7 }]);
    });

    it('answers an invalid POST with 200, the data as submitted and the errors per field', async () => {
      const res = await request(formApp(createApp, schema, true))
        .post('/book/')
        .type('form')
        .send({ title: ' ', pages: 'x' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<input name="title" value=" ">');
      expect(res.text).toContain('title: This field is required.');
      expect(res.text).toMatch(/pages: \S/);
      expect(res.text).toContain('bound: true');
      expect(received).toEqual([]);
    });

    it('answers a malformed JSON body with 400', async () => {
      const res = await request(formApp(createApp, schema, false))
        .post('/book/')
        .set('Content-Type', 'application/json')
        .send('{"title":');
      expect(res.status).toBe(400);
    });
  });

  it('puts an error without a path under __all__ (valibot check)', async () => {
    const res = await request(formApp(createApp, valibotSchema, true))
      .post('/book/')
      .type('form')
      .send({ title: 'forbidden', pages: '3' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('__all__: This title is not allowed.');
  });

  it('redirects to a URL name through reverse() (Django resolve_url)', async () => {
    class NamedSuccess extends FormView<typeof zodSchema> {
      override templateName = 'book_form';
      override formClass = zodSchema;
      override successUrl = 'book-done';
    }
    const app = useNunjucks(createApp());
    app.use(
      '/books/',
      urlpatterns([
        path('new/', NamedSuccess.asView()),
        path('done/', () => new HttpResponse('done'), { name: 'book-done' }),
      ]),
    );
    const res = await request(app).post('/books/new/').type('form').send({ title: 'Dune', pages: '1' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/books/done/');
  });
});

describe('SchemaForm types', () => {
  it("types cleanedData as the schema's output, for zod and valibot", async () => {
    const zodForm = new SchemaForm(zodSchema, { data: { title: 'Dune', pages: '3' } });
    const valibotForm = new SchemaForm(valibotSchema, { data: { title: 'Dune', pages: '3' } });
    await zodForm.validate();
    await valibotForm.validate();
    const pages: number = zodForm.cleanedData.pages + valibotForm.cleanedData.pages;
    // @ts-expect-error title is a string, not a number
    const wrong: number = zodForm.cleanedData.title;
    expect([pages, wrong]).toEqual([6, 'Dune']);
  });

  it('refuses cleanedData before validation, saying what to do', () => {
    expect(() => new SchemaForm(zodSchema, { data: {} }).cleanedData).toThrow(
      'cleanedData is there only for a valid form: await form.validate() and check form.isValid first (got a form not validated yet).',
    );
  });
});
