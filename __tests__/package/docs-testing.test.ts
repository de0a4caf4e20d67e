/**
 * docs/testing.md's "Testing your views" example, verbatim but for the import paths: one unit test
 * (RequestFactory) and one supertest test of the same view. Keep the two in step.
 */
import '../../lib/testing/jest-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { HttpResponse, getObjectOr404, requireGET, view, type ViewHandler } from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';

const titles = new Map([['1', 'Dune']]);

const bookDetail: ViewHandler<{ id: string }> = requireGET((req) => {
  const title = getObjectOr404(titles.get(req.params.id));
  return new HttpResponse(`<h1 class="title">${title}</h1>`);
});

const app = express();
app.all('/books/:id', view(bookDetail));

test('unit: the view called with a RequestFactory request, no server', async () => {
  const req = new RequestFactory().get('/books/1', undefined, { params: { id: '1' } });
  const response = await bookDetail(req, req.res);
  expect(response).toHaveStatus(200);
  await expect(response).toContainText("<h1 class='title'>Dune</h1>", { html: true });
});

test('over HTTP: the same view through supertest', async () => {
  const res = await request(app).get('/books/1');
  expect(res).toHaveHeader('Content-Type', 'text/html; charset=utf-8');
  await expect(res).toContainText('Dune', { count: 1 });
  expect(await request(app).post('/books/1')).toHaveStatus(405);
  expect(await request(app).get('/books/2')).toHaveStatus(404);
});

test('docs/testing.md shows exactly this code', () => {
  const guide = readFileSync(join(__dirname, '../../docs/testing.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## Testing your views'));
  const shown = /```ts\nimport express[\s\S]*?```/.exec(section)?.[0].slice(6, -3);
  const here = readFileSync(__filename, 'utf8')
    .replace("from '../../lib/index.js';", "from 'express-httpresponse';")
    .replace("from '../../lib/testing/index.js';", "from 'express-httpresponse/testing';");
  expect(here).toContain(shown);
});
