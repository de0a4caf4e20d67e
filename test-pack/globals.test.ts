// A user's test with `import { expect } from '@jest/globals'` (no @types/jest in this
// project's types): typed by the set-up line in jest-globals-setup.ts.
import { expect, test } from '@jest/globals';
import { HttpResponse, JsonResponse } from 'express-httpresponse';
import { RequestFactory } from 'express-httpresponse/testing';

test('the matchers are on @jest/globals expect(), typed', async () => {
  const req = new RequestFactory().get('/books/7', { q: 'dune' }, { params: { id: '7' } });
  const book = (r: typeof req): JsonResponse => new JsonResponse({ id: r.params.id, q: r.query.q });
  const res = book(req);
  expect(res).toHaveStatus(200);
  await expect(res).toEqualJSON({ id: '7', q: 'dune' });
  await expect(new HttpResponse('x')).toContainText('x', { count: 1 });
});

// Never called: only tsc reads it.
export function typeErrors(res: HttpResponse): void {
  // @ts-expect-error a status is a number
  expect(res).toHaveStatus('200');
}
