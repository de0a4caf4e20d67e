/**
 * The matchers on a template response a view returned unrendered — a view called with a
 * `RequestFactory` request, which no `view()` renders: rendered first, as Django's
 * assertContains does (django/test/testcases.py, `_assert_contains`: `if
 * hasattr(response, "render") and callable(response.render) and not response.is_rendered:
 * response.render()`), on Express 4 and 5 with nunjucks.
 */
import '../../lib/testing/jest-setup';
import type { Request } from 'express';
import { SimpleTemplateResponse, TemplateResponse } from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

// Jest colours its messages when the terminal does; the text is what is asserted.
// eslint-disable-next-line no-control-regex -- ANSI colour codes
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

async function failure(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    return plain((err as Error).message);
  }
  throw new Error('the assertion passed');
}

const hello = (req: Request): TemplateResponse => new TemplateResponse(req, 'hello.njk', { name: 'Ada' });

describe.each(expressVersions)('an unrendered TemplateResponse from RequestFactory on %s', (_label, createApp) => {
  const rf = new RequestFactory({ app: useNunjucks(createApp()) });

  it('is rendered by toContainText, as Django renders it in assertContains', async () => {
    const response = hello(rf.get('/'));
    expect(response.isRendered).toBe(false);
    await expect(response).toContainText('Hello, Ada');
    expect(response.isRendered).toBe(true);
    await expect(response).not.toContainText('Hello, Bob');
  });

  it('is rendered by toContainHTML, toEqualHTML and toContainText({ html })', async () => {
    await expect(hello(rf.get('/'))).toContainHTML('<h1>Hello, Ada!</h1>');
    await expect(hello(rf.get('/'))).toContainText('<h1>Hello, Ada!</h1>', { html: true, count: 1 });
    const response = hello(rf.get('/'));
    await expect(response).toEqualHTML(String(await response.renderedContent));
  });

  it('keeps what a view set after the response was made, until the matcher renders it', async () => {
    const response = hello(rf.get('/'));
    response.contextData.name = 'Grace';
    await expect(response).toContainText('Hello, Grace');
  });

  it('renders a SimpleTemplateResponse given the request', async () => {
    const response = new SimpleTemplateResponse('hello.njk', { name: 'Ada' });
    await response.render(rf.get('/'));
    await expect(response).toContainText('Hello, Ada');
  });

  it('says how to fix a request whose app has no view engine', async () => {
    const bare = new RequestFactory();
    const message = await failure(() => expect(hello(bare.get('/'))).toContainText('Hello'));
    expect(message).toMatch(
      /^The TemplateResponse for "hello\.njk" was not rendered, so the matcher rendered it, as Django's assertContains does, and rendering failed: Cannot find module 'njk'/,
    );
    expect(message).toMatch(/make it with the app that has the view engine, new RequestFactory\(\{ app \}\)\.$/);
  });

  it('the synchronous matchers do not render it, and say so', async () => {
    const response = hello(rf.get('/'));
    expect(response).toHaveStatus(200);
    const message = await failure(() => expect(response).toHaveStatus(404));
    expect(message).toMatch(
      /Received body: \(a template response not rendered yet, which this synchronous matcher does not render\)$/,
    );
    expect(response.isRendered).toBe(false);
  });
});
