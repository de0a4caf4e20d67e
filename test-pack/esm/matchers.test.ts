// A user's test in an ES module project ("type": "module"): the matchers type-check with
// nothing but the set-up line in jest-setup.ts; this file imports no testing module.
import express from 'express';
import { HttpResponse, HttpResponseRedirect, JsonResponse, StreamingHttpResponse, view } from 'express-httpresponse';

test('the matchers are on expect(), typed', async () => {
  const res = new HttpResponse('<p class="b a">x</p>');
  expect(res).toHaveStatus(200);
  expect(res).toHaveHeader('Content-Type', 'text/html; charset=utf-8');
  await expect(res).toContainText('x');
  await expect(res).toContainText('<p class="a b">x</p>', { count: 1, status: 200, html: true });
  await expect(res).not.toContainText('y');
  await expect(new StreamingHttpResponse(['a', 'b'])).toContainText('ab');
  await expect(new JsonResponse({ ok: true })).toEqualJSON({ ok: true });
  const app = express();
  app.get(
    '/next',
    view(() => new HttpResponse('next')),
  );
  await expect(new HttpResponseRedirect('/next')).toRedirectTo('/next', { status: 302, targetStatus: 200, app });
});

// Never called: only tsc reads it. The matchers are real types, not `any`.
export function typeErrors(res: HttpResponse): void {
  // @ts-expect-error a status is a number
  expect(res).toHaveStatus('200');
  // @ts-expect-error no such option
  void expect(res).toContainText('x', { times: 2 });
  // @ts-expect-error no such matcher
  expect(res).toHaveStatuss(200);
}
