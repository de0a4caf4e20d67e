// CommonJS user: require() both entry points and serve a view on Express (EXPRESS=express4 for 4.x).
'use strict';
const assert = require('node:assert/strict');
const express = require(process.env.EXPRESS || 'express');
const { HttpResponse, JsonResponse, HttpResponseNotFound, isHttpResponse, view } = require('express-httpresponse');
const { RequestFactory, statusOf } = require('express-httpresponse/testing');

async function main() {
  const app = express();
  app.get(
    '/',
    view(() => new HttpResponse('hello from cjs', 'text/plain; charset=utf-8')),
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
    assert.equal(await res.text(), 'hello from cjs');
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
  // RequestFactory on this Express: a request Express's req API works on, a view called with it.
  const req = new RequestFactory({ app }).get('/json', { a: '1' });
  assert.equal(req.query.a, '1');
  assert.equal(req.get('host'), 'testserver');
  assert.equal(req.app, app);
  assert.equal(new JsonResponse({ path: req.path }).text, '{"path":"/json"}');
  console.log(
    `smoke.cjs ok (${process.env.EXPRESS || 'express'} ${require(`${process.env.EXPRESS || 'express'}/package.json`).version})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
