/**
 * The Client's matchers — toUseTemplate (assertTemplateUsed), toEqualHTML (assertHTMLEqual),
 * toContainHTML (assertInHTML) — on Client responses from Express 4 and 5, each failure
 * message asserted; and every matcher, old and new, showing the start of the body it read.
 */
import '../../../lib/testing/jest-setup';
import request from 'supertest';
import { HttpResponse, HttpResponseRedirect, StreamingHttpResponse, render, view } from '../../../lib/index.js';
import { Client } from '../../../lib/testing/index.js';
import { expressVersions } from '../../helpers/apps.js';
import { useNunjucks } from '../../helpers/nunjucks.js';

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

/** A string as Jest prints a received one: quoted, quotes escaped, newlines kept. */
const printed = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;

const PAGE = '<ul>\n  <li class="book  new" id="d">Dune</li>\n  <li>Emma</li>\n  <li>Emma</li>\n</ul>\n';

describe.each(expressVersions)('Client matchers on %s', (_label, createApp) => {
  const app = useNunjucks(createApp());
  app.get('/hello/', (_req, res) => res.render('hello', { name: 'Ada' }));
  app.get(
    '/twice/',
    view(async (req) => {
      await render(req, 'hello', { name: 'inner' });
      return render(req, 'hello.njk', { name: 'outer' });
    }),
  );
  app.get('/page/', (_req, res) => res.type('html').send(PAGE));
  const client = new Client(app);

  describe('toUseTemplate(name, { count })', () => {
    it('passes on a template used, with or without its extension, and fails naming those used', async () => {
      const response = await client.get('/hello/');
      expect(response).toUseTemplate('hello');
      expect(response).toUseTemplate('hello.njk');
      expect(response).not.toUseTemplate('article');
      expect(await failure(() => expect(response).toUseTemplate('article'))).toBe(
        'expect(received).toUseTemplate(name)\n\n' +
          'Template "article" was not a template used to render the response\n' +
          'Actual template(s) used: ["hello"]\n\n' +
          'Received body: "<h1>Hello, Ada!</h1>\n"',
      );
      expect(await failure(() => expect(response).not.toUseTemplate('hello'))).toBe(
        'expect(received).not.toUseTemplate(name)\n\n' +
          'Template "hello" was used unexpectedly in rendering the response\n' +
          'Actual template(s) used: ["hello"]\n\n' +
          'Received body: "<h1>Hello, Ada!</h1>\n"',
      );
    });

    it('counts renders with count', async () => {
      const response = await client.get('/twice/');
      expect(response).toUseTemplate('hello', { count: 2 });
      expect(await failure(() => expect(response).toUseTemplate('hello', { count: 1 }))).toMatch(
        /^expect\(received\)\.toUseTemplate\(name, options\)\n\nTemplate "hello" was expected to be rendered 1 time\(s\) but was actually rendered 2 time\(s\)\nActual template\(s\) used: \["hello", "hello\.njk"\]\n\nReceived body: "<h1>Hello, outer!<\/h1>/,
      );
    });

    it('says when no template was used, and refuses a response that does not record them', async () => {
      const response = await client.get('/page/');
      expect(await failure(() => expect(response).toUseTemplate('hello'))).toContain(
        'Template "hello" was not a template used to render the response\nNo templates used to render the response',
      );
      expect(await failure(() => expect(new HttpResponse('x')).toUseTemplate('hello'))).toContain(
        'received value must be a response of the test Client',
      );
      expect(() => expect(response).toUseTemplate('hello', { count: -1 })).toThrow(
        'toUseTemplate() option count must be an integer >= 0, not -1.',
      );
    });
  });

  describe('toEqualHTML(html)', () => {
    it('ignores whitespace, attribute order and class order (assertHTMLEqual)', async () => {
      const response = await client.get('/page/');
      await expect(response).toEqualHTML('<ul><li id="d" class="new book">Dune</li><li>Emma</li> <li>Emma</li></ul>');
      await expect('<p  class="b a" title=x>Hi</p>').toEqualHTML('<p title="x" class="a b">Hi</p>');
      await expect(response).not.toEqualHTML('<ul><li>Dune</li></ul>');
    });

    it('fails with the normalized HTML of both sides and the body', async () => {
      const message = await failure(() => expect(client.get('/page/')).resolves.toEqualHTML('<ul><li>Dune</li></ul>'));
      expect(message).toMatch(/^expect\(received\)\.resolves\.toEqualHTML\(html\)\n\n/);
      expect(message).toContain('Expected HTML (normalized)');
      expect(message).toContain('Received body: "<ul>\n  <li class=\\"book  new\\" id=\\"d\\">Dune</li>');
    });

    it('fails on HTML that does not parse, with and without .not', async () => {
      expect(await failure(() => expect('<p></div>').toEqualHTML('<p></p>'))).toContain(
        'First argument is not valid HTML:\nUnexpected end tag `div`',
      );
      expect(await failure(() => expect('<p></p>').not.toEqualHTML('</b>'))).toContain(
        'Second argument is not valid HTML',
      );
    });
  });

  describe('toContainHTML(html, { count })', () => {
    it('finds whole elements as HTML, counted (assertInHTML)', async () => {
      const response = await client.get('/page/');
      await expect(response).toContainHTML('<li id="d" class="new book">Dune</li>');
      await expect(response).toContainHTML('<li>Emma</li>', { count: 2 });
      await expect(response).not.toContainHTML('<li>Dune</li>');
      expect(await failure(() => expect(response).toContainHTML('<li>Emma</li>', { count: 1 }))).toBe(
        'expect(received).toContainHTML(html, options)\n\n' +
          'Found 2 instances of "<li>Emma</li>" in response (expected 1)\n\n' +
          `Received body: ${printed(PAGE)}`,
      );
      expect(await failure(() => expect(response).toContainHTML('<b>Dune</b>'))).toBe(
        'expect(received).toContainHTML(html)\n\n' +
          'Couldn\'t find "<b>Dune</b>" in response\n\n' +
          `Received body: ${printed(PAGE)}`,
      );
    });
  });

  describe('every matcher shows the start of the body it read', () => {
    it('on a Client response', async () => {
      const response = await client.get('/page/');
      const body = `Received body: ${printed(PAGE)}`;
      expect(await failure(() => expect(response).toHaveStatus(404))).toMatch(
        new RegExp(`Received status: 200\\n\\n${escape(body)}$`),
      );
      expect(await failure(() => expect(response).toHaveHeader('ETag', 'x'))).toContain(body);
      expect(await failure(() => expect(response).toRedirectTo('/'))).toContain(body);
      expect(await failure(() => expect(response).toContainText('Tea', { status: 404 }))).toContain(body);
      expect(await failure(() => expect(response).toEqualJSON({}))).toContain('Received body: "<ul>');
    });

    it('on a supertest response and on response objects; a stream is named for the synchronous ones', async () => {
      const res = await request(app).get('/page/');
      expect(await failure(() => expect(res).toHaveStatus(500))).toContain(`Received body: ${printed(PAGE)}`);
      expect(await failure(() => expect(new HttpResponse('{"a":1}')).toEqualJSON({ a: 2 }))).toContain(
        'Received body: "{\\"a\\":1}"',
      );
      expect(await failure(() => expect(new HttpResponseRedirect('/a')).toRedirectTo('/b'))).toContain(
        'Received body: ""',
      );
      expect(await failure(() => expect(new StreamingHttpResponse(['x'])).toHaveStatus(201))).toContain(
        'Received body: (a stream, not read by this synchronous matcher)',
      );
    });

    it('cuts a long body after 2,000 characters', async () => {
      const long = new HttpResponse('y'.repeat(2500));
      expect(await failure(() => expect(long).toHaveStatus(404))).toContain('… (500 more characters)');
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
