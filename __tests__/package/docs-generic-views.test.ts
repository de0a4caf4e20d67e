/**
 * docs/generic-views.md's SQLite example, verbatim but for the import path, run over HTTP: the
 * list paginated by the database (one count and one page query), the edit form's errors and
 * its redirect. Keep the two in step.
 */
import '../../lib/testing/jest-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { useNunjucks } from '../helpers/nunjucks.js';

// --- the example ---
import Database from 'better-sqlite3';
import express from 'express';
import { z } from 'zod';
import { ListView, UpdateView, getObjectOr404, type PaginationSource, type SchemaForm } from '../../lib/index.js';

interface Book {
  id: number;
  title: string;
  price: number;
}

const db = new Database(':memory:');
db.exec('CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL NOT NULL)');
const insert = db.prepare('INSERT INTO book (title, price) VALUES (?, ?)');
for (let i = 1; i <= 1000; i += 1) insert.run(`Book ${i}`, i % 40);

// What the paginator asks for: the count, then one page's rows (never the whole table).
const books: PaginationSource<Book> = {
  count: () => db.prepare('SELECT count(*) FROM book').pluck().get() as number,
  slice: (start, end) =>
    db.prepare('SELECT * FROM book ORDER BY id LIMIT ? OFFSET ?').all(end - start, start) as Book[],
};

class BookList extends ListView<Book> {
  override templateName = 'books/list.njk';
  override paginateBy = 25;
  override queryset = books;
}

const bookForm = z.object({
  title: z.string().trim().min(1, 'This field is required.').max(200),
  price: z.coerce.number().nonnegative(),
});

class BookUpdate extends UpdateView<Book, typeof bookForm> {
  override templateName = 'books/form.njk';
  override formClass = bookForm;
  override successUrl = '/books/';

  override getObject(): Promise<Book> {
    const row = db.prepare('SELECT * FROM book WHERE id = ?').get(this.params.pk) as Book | undefined;
    return Promise.resolve(getObjectOr404(row));
  }

  // form.cleanedData is the schema's output: { title: string; price: number }.
  override saveObject(form: SchemaForm<typeof bookForm>): Promise<Book> {
    const { title, price } = form.cleanedData;
    const book = this.object as Book;
    db.prepare('UPDATE book SET title = ?, price = ? WHERE id = ?').run(title, price, book.id);
    return Promise.resolve({ ...book, title, price });
  }
}

const app = express();
app.use(express.urlencoded({ extended: false }));
app.get('/books/', BookList.asView());
app.all('/books/:pk/edit/', BookUpdate.asView());
// --- end of the example ---

useNunjucks(app);

test('the list: page 2 of 40, its links, 404 past the end', async () => {
  const res = await request(app).get('/books/?page=2');
  expect(res.status).toBe(200);
  expect(res.text).toContain('<a href="/books/26/edit/">Book 26</a>');
  expect(res.text).toContain('26–50 of 1000');
  expect(res.text).toContain('<span>2</span> <a href="?page=3">3</a>');
  expect(res.text).toContain('<span>…</span> <a href="?page=39">39</a> <a href="?page=40">40</a>');
  expect((await request(app).get('/books/?page=41')).status).toBe(404);
});

test('the form: errors per field with a 200, then a redirect once valid', async () => {
  const invalid = await request(app).post('/books/3/edit/').type('form').send({ title: ' ', price: '-1' });
  expect(invalid.status).toBe(200);
  expect(invalid.text).toContain('<span class="error">This field is required.</span>');
  const valid = await request(app).post('/books/3/edit/').type('form').send({ title: 'Dune', price: '9.5' });
  expect(valid.status).toBe(302);
  expect(valid.headers.location).toBe('/books/');
  expect(db.prepare('SELECT title, price FROM book WHERE id = 3').get()).toEqual({ title: 'Dune', price: 9.5 });
  expect((await request(app).get('/books/9999/edit/')).status).toBe(404);
});

test('docs/generic-views.md shows exactly this code', () => {
  const guide = readFileSync(join(__dirname, '../../docs/generic-views.md'), 'utf8');
  const shown = /```ts\nimport Database[\s\S]*?```/.exec(guide)?.[0].slice(6, -4);
  const source = readFileSync(__filename, 'utf8');
  const here = source
    .slice(source.indexOf('// --- the example ---\n') + 23, source.indexOf('// --- end of the example ---'))
    .replace("from '../../lib/index.js';", "from 'express-httpresponse';");
  expect(shown).toBeDefined();
  expect(here.trim()).toBe(shown?.trim());
});
