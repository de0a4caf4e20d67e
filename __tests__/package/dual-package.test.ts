/**
 * The dual package hazard: an app that loads express-httpresponse both with `import` and
 * with `require` gets two copies of every class. A response built by one copy must still be
 * recognised and sent by the other copy's adapter.
 *
 * The package is built (as `npm run build` does, minus type-checking, which the other suites
 * and `npm run build` do) into a scratch `node_modules` with its real package.json, so the child
 * process resolves `express-httpresponse` through the `exports` map exactly as a user's app does.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const scratchParent = join(root, 'node_modules', '.cache');

/** What the child process reports for one Express version. */
interface DualReport {
  distinctClasses: boolean;
  instanceofAcross: boolean;
  esmResponseSeenByCjs: boolean;
  cjsResponseSeenByEsm: boolean;
  webResponseIsNotHttpResponse: boolean;
  esmErrorSeenByCjs: boolean;
  results: Record<
    string,
    {
      status: number;
      body: string;
      contentType: string | null;
      setCookie: string | null;
      location: string | null;
      wrappedBy?: string | null;
    }
  >;
}

// Runs in the child: import() the ESM copy and require() the CJS copy in one process, build
// responses with one copy and serve them through the other copy's view()/sendResponse().
const childScript = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const esm = await import('express-httpresponse');
const cjs = require('express-httpresponse');
const express = require(process.argv[2]);

const app = express();
app.get('/html', cjs.view(() => new esm.HttpResponse('<p>made by ESM</p>', { status: 201 }).setCookie('copy', 'esm')));
app.get('/json', cjs.view(async () => new esm.JsonResponse({ copy: 'esm', n: 1 })));
app.get('/send', (req, res, next) => {
  cjs.sendResponse(res, new esm.HttpResponseNotFound('not here', 'text/plain')).catch(next);
});
app.get('/redirect', cjs.view(() => new esm.HttpResponseRedirect('/elsewhere')));
app.get('/reverse', esm.view(() => new cjs.JsonResponse([1, 2], { safe: false })));
app.get('/error', cjs.view(() => {
  throw new esm.PermissionDenied('no entry');
}));
// viewMiddleware() of one copy, view() of the other: the middleware still wraps the view.
const tagged = (next) => async (req, res) => (await next(req, res)).set('X-Wrapped-By', 'esm');
app.use('/wrapped', esm.viewMiddleware(tagged));
app.get('/wrapped', cjs.view(() => new cjs.HttpResponse('wrapped')));
app.use(cjs.httpErrorHandler());

const server = await new Promise((done) => {
  const s = app.listen(0, '127.0.0.1', () => done(s));
});
const base = 'http://127.0.0.1:' + server.address().port;
const results = {};
for (const path of ['/html', '/json', '/send', '/redirect', '/reverse', '/error', '/wrapped']) {
  const res = await fetch(base + path, { redirect: 'manual' });
  results[path] = {
    status: res.status,
    body: await res.text(),
    contentType: res.headers.get('content-type'),
    setCookie: res.headers.get('set-cookie'),
    location: res.headers.get('location'),
    ...(path === '/wrapped' ? { wrappedBy: res.headers.get('x-wrapped-by') } : {}),
  };
}
server.close();
process.stdout.write(JSON.stringify({
  distinctClasses: esm.HttpResponse !== cjs.HttpResponse,
  instanceofAcross: new esm.HttpResponse('x') instanceof cjs.HttpResponseBase,
  esmResponseSeenByCjs: cjs.isHttpResponse(new esm.JsonResponse({})),
  cjsResponseSeenByEsm: esm.isHttpResponse(new cjs.HttpResponse('x')),
  webResponseIsNotHttpResponse: !cjs.isHttpResponse(new Response('x')) && !esm.isHttpResponse({}),
  esmErrorSeenByCjs: cjs.isHttpError(new esm.Http404()),
  results,
}));
`;

let scratch: string;

beforeAll(() => {
  mkdirSync(scratchParent, { recursive: true });
  scratch = mkdtempSync(join(scratchParent, 'dual-package-'));
  const pkgDir = join(scratch, 'node_modules', 'express-httpresponse');
  mkdirSync(pkgDir, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(pkgDir, 'dist'), '--no-check'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The build failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`, { cause: err });
  }
  writeFileSync(join(scratch, 'dual.mjs'), childScript);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each([
  ['Express 5', 'express'],
  ['Express 4', 'express4'],
])('ESM and CJS copies loaded together on %s', (_label, expressModule) => {
  let report: DualReport;

  beforeAll(() => {
    const stdout = execFileSync(process.execPath, [join(scratch, 'dual.mjs'), expressModule], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 30_000,
    });
    report = JSON.parse(stdout) as DualReport;
  }, 60_000);

  it('has two copies of every class, which instanceof cannot tell apart', () => {
    expect(report.distinctClasses).toBe(true);
    expect(report.instanceofAcross).toBe(false);
  });

  it('recognises a response of either copy with isHttpResponse', () => {
    expect(report.esmResponseSeenByCjs).toBe(true);
    expect(report.cjsResponseSeenByEsm).toBe(true);
    expect(report.webResponseIsNotHttpResponse).toBe(true);
  });

  it('sends an ESM HttpResponse through the CJS view(), cookies included', () => {
    expect(report.results['/html']).toEqual({
      status: 201,
      body: '<p>made by ESM</p>',
      contentType: 'text/html; charset=utf-8',
      setCookie: 'copy=esm; Path=/',
      location: null,
    });
  });

  it("runs one copy's viewMiddleware() around the other copy's view()", () => {
    expect(report.results['/wrapped']).toMatchObject({ status: 200, body: 'wrapped', wrappedBy: 'esm' });
  });

  it('sends an ESM JsonResponse through the CJS view()', () => {
    expect(report.results['/json']).toMatchObject({
      status: 200,
      body: '{"copy":"esm","n":1}',
      contentType: 'application/json',
    });
  });

  it('sends an ESM response through the CJS sendResponse()', () => {
    expect(report.results['/send']).toMatchObject({ status: 404, body: 'not here', contentType: 'text/plain' });
  });

  it('sends an ESM redirect through the CJS view()', () => {
    expect(report.results['/redirect']).toMatchObject({ status: 302, body: '', location: '/elsewhere' });
  });

  it('answers an ESM error with the CJS httpErrorHandler()', () => {
    expect(report.esmErrorSeenByCjs).toBe(true);
    expect(report.results['/error']).toMatchObject({ status: 403 });
  });

  it('sends a CJS response through the ESM view()', () => {
    expect(report.results['/reverse']).toMatchObject({ status: 200, body: '[1,2]', contentType: 'application/json' });
  });
});
