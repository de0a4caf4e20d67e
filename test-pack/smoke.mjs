// ES module user: import both entry points and serve a view on Express (EXPRESS=express4 for 4.x).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { HttpResponse, JsonResponse, HttpResponseNotFound, isHttpResponse, view } from 'express-httpresponse';
import { RequestFactory, statusOf } from 'express-httpresponse/testing';

const expressName = process.env.EXPRESS || 'express';
const { default: express } = await import(expressName);

const app = express();
app.get(
  '/',
  view(() => new HttpResponse('hello from mjs', 'text/plain; charset=utf-8')),
);
app.get(
  '/json',
  view(async (req) => new JsonResponse({ path: req.path })),
);
app.use(view(() => new HttpResponseNotFound('nothing here')));

const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
try {
  const base = `http://127.0.0.1:${server.address().port}`;
  let res = await fetch(`${base}/`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(await res.text(), 'hello from mjs');
  res = await fetch(`${base}/json`);
  assert.deepEqual(await res.json(), { path: '/json' });
  res = await fetch(`${base}/missing`);
  assert.equal(res.status, 404);
  assert.equal(await res.text(), 'nothing here');
} finally {
  server.close();
  server.closeAllConnections();
}
assert.ok(isHttpResponse(new HttpResponse()));
assert.equal(statusOf(new HttpResponseNotFound()), 404);
// RequestFactory on this Express: a request Express's req API works on.
const req = new RequestFactory({ app }).get('/json', { a: '1' });
assert.equal(req.query.a, '1');
assert.equal(req.get('host'), 'testserver');
assert.equal(req.app, app);
const { version } = createRequire(import.meta.url)(`${expressName}/package.json`);
console.log(`smoke.mjs ok (${expressName} ${version})`);
