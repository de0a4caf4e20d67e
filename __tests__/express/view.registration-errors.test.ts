/**
 * Mistakes a Django port makes are reported where they are made, with what
 * was passed (got X) and the call that fixes it.
 */
import express from 'express';
import {
  HttpResponse,
  HttpResponseNotFound,
  cachePage,
  makeDecorator,
  neverCache,
  requireGET,
  requireHttpMethods,
  requirePOST,
  view,
  type ViewHandler,
} from '../../lib/index.js';

const listChecks: ViewHandler = () => new HttpResponse('checks');
/** A value as plain JavaScript passes it, unchecked by TypeScript. */
const loose = (value: unknown): never => value as never;
/** A call as plain JavaScript makes it. */
const callLoose = (fn: unknown, ...args: unknown[]): unknown => (fn as (...given: unknown[]) => unknown)(...args);

describe('view() with the decorator and the view swapped', () => {
  it('throws when the route is registered, giving the call that fixes it', () => {
    const app = express();
    expect(() => app.get('/checks', view(loose(requireGET), loose(listChecks)))).toThrow(
      'view() takes the view first, then its decorators: requireGET and the view are swapped; write view(listChecks, requireGET) (got the decorator requireGET, then function listChecks).',
    );
  });

  it('names every decorator of the package, and custom ones', () => {
    expect(() => view(loose(neverCache), loose(listChecks))).toThrow(/write view\(listChecks, neverCache\)/);
    expect(() => view(loose(requirePOST), loose(listChecks))).toThrow(/write view\(listChecks, requirePOST\)/);
    expect(() => view(loose(requireHttpMethods(['GET', 'POST'])), loose(listChecks))).toThrow(
      /write view\(listChecks, requireHttpMethods\(\["GET","POST"\]\)\)/,
    );
    const authorize = makeDecorator('authorize', (next) => next);
    expect(() => view(loose(authorize), loose(listChecks))).toThrow(/write view\(listChecks, authorize\)/);
  });

  it('still takes decorators in their place, and a decorated view first', () => {
    expect(typeof view(listChecks, requireGET, neverCache)).toBe('function');
    expect(typeof view(requireGET(listChecks))).toBe('function');
    expect(typeof view(cachePage(1)(listChecks))).toBe('function');
  });
});

describe('a decorator given no view', () => {
  it('names what it got and both ways to write it', () => {
    expect(() => callLoose(requireGET)).toThrow(
      'requireGET decorates a view function: write view(handler, requireGET) or requireGET(handler) (got undefined).',
    );
    expect(() => callLoose(neverCache, '/checks')).toThrow(
      'neverCache decorates a view function: write view(handler, neverCache) or neverCache(handler) (got "/checks").',
    );
    const authorize = makeDecorator('authorize', (next) => next);
    expect(() => callLoose(authorize, null)).toThrow(/^authorize decorates a view function: .* \(got null\)\.$/);
  });

  it('refuses a makeDecorator() call without a name or a wrap function', () => {
    expect(() =>
      makeDecorator(
        loose((next: ViewHandler) => next),
        loose(undefined),
      ),
    ).toThrow(
      /makeDecorator\(\) takes the decorator's name first, then the wrap function: .*\(got function \(anonymous\)\)/,
    );
    expect(() => makeDecorator('authorize', loose(undefined))).toThrow(
      /makeDecorator\("authorize", wrap\) needs wrap, .*\(got undefined\)/,
    );
  });
});

describe('options given as the content', () => {
  it('says options go second, with the call', () => {
    expect(() => new HttpResponse(loose({ status: 405 }))).toThrow(
      "HttpResponse's first argument is the content; options go second: new HttpResponse(undefined, { status: 405 }) (got an Object as the content).",
    );
    expect(() => new HttpResponseNotFound(loose({ contentType: 'text/plain', headers: {} }))).toThrow(
      /options go second: new HttpResponseNotFound\(undefined, \{ contentType: "text\/plain", headers: \.\.\. \}\)/,
    );
  });

  it('still suggests JsonResponse for data', () => {
    expect(() => new HttpResponse(loose({ status: 405, detail: 'x' }))).toThrow(
      /use JsonResponse to send an object as JSON/,
    );
    expect(() => new HttpResponse(loose({}))).toThrow(/use JsonResponse/);
  });
});
