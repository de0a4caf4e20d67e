// TypeScript user, ES module flavour (.mts): type-checked by
// tsc --strict with node16 resolution (tsconfig.json), then compiled and run.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import {
  HttpResponse,
  HttpResponseNotFound,
  JsonResponse,
  isHttpResponse,
  view,
  type HttpResponseBase,
  type ViewHandler,
} from 'express-httpresponse';
import { statusOf, type TestedResponse } from 'express-httpresponse/testing';

const hello: ViewHandler = (req: Request) => new HttpResponse(`hello from mts (${req.method})`, 'text/plain');
const json = async (req: Request): Promise<JsonResponse> => new JsonResponse({ path: req.path });

// The declarations are real types, not `any`: each of these must be a type error.
// (Never called: only tsc reads it.)
export function typeErrors(): void {
  // @ts-expect-error a view must be a function
  view(42);
  // @ts-expect-error a status must be a number
  new HttpResponse('x', { status: '200' });
  // @ts-expect-error statusCode is a number
  const wrong: string = new HttpResponse().statusCode;
  void wrong;
}

async function main(): Promise<void> {
  const app = express();
  app.get('/', view(hello));
  app.get('/json', view(json));
  app.use(view(() => new HttpResponseNotFound('nothing here')));

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const { port } = server.address() as AddressInfo;
    let res = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello from mts (GET)');
    res = await fetch(`http://127.0.0.1:${port}/json`);
    assert.deepEqual(await res.json(), { path: '/json' });
    res = await fetch(`http://127.0.0.1:${port}/missing`);
    assert.equal(res.status, 404);
  } finally {
    server.close();
    server.closeAllConnections();
  }
  const response: HttpResponseBase = new HttpResponseNotFound();
  const tested: TestedResponse = response;
  assert.ok(isHttpResponse(response));
  assert.equal(statusOf(tested), 404);
  console.log('smoke.mts ok (ES module)');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
