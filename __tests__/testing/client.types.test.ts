/**
 * Types: with the one-line set-up for `@jest/globals` (express-httpresponse/testing/jest-globals),
 * the Client and its matchers type-check with no `any` — `tsc -p tsconfig.json` and ts-jest
 * both check this file, and each `@ts-expect-error` fails the build if the mistake it marks
 * ever type-checks.
 */
import '../../lib/testing/jest-globals';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import {
  Client,
  RedirectCycleError,
  type TestResponse,
  type RedirectHop,
  type RenderedTemplate,
} from '../../lib/testing/index.js';
import { useNunjucks } from '../helpers/nunjucks.js';

describe('Client types with @jest/globals', () => {
  const app = useNunjucks(express());
  app.get('/', (_req, res) => res.render('hello', { name: 'typed' }));

  it('types the response and the new matchers', async () => {
    const client = new Client(app, { maxRedirects: 5 });
    const response: TestResponse = await client.get('/', { page: 1 }, { follow: true, headers: { 'X-A': 'b' } });
    const chain: readonly RedirectHop[] = response.redirectChain;
    const templates: readonly RenderedTemplate[] = response.templates;
    const status: number = response.statusCode;
    const type: string | undefined = response.get('content-type');
    const content: Buffer = response.content;
    const parsed: unknown = response.headers.get('content-type') === 'application/json' ? response.json() : null;
    expect(chain).toEqual([]);
    expect(templates.map((t: RenderedTemplate): string => t.name)).toEqual(['hello']);
    expect(status).toBe(200);
    expect(type).toBe('text/html; charset=utf-8');
    expect(content.length).toBeGreaterThan(0);
    expect(parsed).toBeNull();
    expect(response).toUseTemplate('hello', { count: 1 });
    await expect(response).toEqualHTML('<h1>Hello, typed!</h1>');
    await expect(response).toContainHTML('<h1>Hello, typed!</h1>', { count: 1 });
    expect(response).toHaveStatus(200);
    await expect(response).toContainText('typed');
    expect(RedirectCycleError.prototype).toBeInstanceOf(Error);
  });

  it('rejects wrong arguments at compile time', () => {
    const check = (response: TestResponse): void => {
      // @ts-expect-error count is a number
      expect(response).toUseTemplate('hello', { count: '1' });
      // @ts-expect-error the HTML is a string
      void expect(response).toEqualHTML(42);
      // @ts-expect-error no such option
      void expect(response).toContainHTML('<p>', { status: 200 });
      // @ts-expect-error follow is a boolean
      void new Client(app).get('/', undefined, { follow: 'yes' });
    };
    expect(typeof check).toBe('function');
  });
});
