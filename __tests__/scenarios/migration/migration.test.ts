/** The ported Django views file (django_views.py → views.ts), over real HTTP on Express 4 and 5. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { expressVersions } from '../../helpers/apps.js';
import { createBlogApp } from './app.js';
import { articles, logEntries, preSave, resetArticles } from './views.js';

describe.each(expressVersions)('the ported blog views on %s', (_label, createApp) => {
  const app = createBlogApp(createApp);
  beforeEach(resetArticles);

  it('article_list: rendered, cacheable for 60 s, varies on Accept-Language, safe methods only', async () => {
    const res = await request(app).get('/articles/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('<!DOCTYPE html><title>Articles</title><ul><li>Hello</li><li>World</li></ul>\n');
    expect(res.headers['cache-control']).toBe('max-age=60, public');
    expect(res.headers.vary).toBe('Accept-Language');
    const post = await request(app).post('/articles/');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('article_detail: validators, 304 when unchanged, 404 for an unknown slug', async () => {
    const res = await request(app).get('/articles/hello/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h2>Hello</h2>');
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers['last-modified']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect((await request(app).get('/articles/hello/').set('If-None-Match', '"1"')).status).toBe(304);
    expect(
      (await request(app).get('/articles/hello/').set('If-Modified-Since', 'Tue, 02 Jan 2024 03:04:05 GMT')).status,
    ).toBe(304);
    expect((await request(app).get('/articles/nope/')).status).toBe(404);
  });

  it('ArticleApi: GET as JSON, DELETE 204, other methods 405 with Allow, OPTIONS', async () => {
    const res = await request(app).get('/api/articles/hello/');
    expect(res.body).toEqual({ slug: 'hello', title: 'Hello' });
    expect((await request(app).delete('/api/articles/hello/')).status).toBe(204);
    expect(articles.has('hello')).toBe(false);
    const put = await request(app).put('/api/articles/world/');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, DELETE, HEAD, OPTIONS');
    const options = await request(app).options('/api/articles/world/');
    expect([options.status, options.headers.allow]).toEqual([200, 'GET, DELETE, HEAD, OPTIONS']);
  });

  it('publish: POST only, never cached, redirects to the article, audited by the middleware', async () => {
    expect((await request(app).get('/articles/hello/publish/')).status).toBe(405);
    const res = await request(app).post('/articles/hello/publish/').set('X-User', 'ada');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/articles/hello/');
    expect(res.headers['cache-control']).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    expect(res.headers.expires).toBeDefined();
    expect(articles.get('hello')?.published).toBe(true);
    expect(logEntries).toEqual([{ actor: 'ada', object: 'hello' }]);
    expect(preSave.listenerCount('save')).toBe(0);
  });

  it('the middleware disconnects when the view fails too (404)', async () => {
    expect((await request(app).post('/articles/nope/publish/')).status).toBe(404);
    expect(preSave.listenerCount('save')).toBe(0);
  });

  it('old_article: a permanent redirect built from the route param', async () => {
    const res = await request(app).get('/old/hello/');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/articles/hello/');
  });
});

describe("docs/porting-from-django.md's excerpt of this port", () => {
  const here = (name: string) => readFileSync(join(__dirname, name), 'utf8');
  const guide = readFileSync(join(__dirname, '../../../docs/porting-from-django.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## A Django views file, ported'));
  const block = (lang: string) => {
    const start = section.indexOf('```' + lang + '\n') + lang.length + 4;
    return section.slice(start, section.indexOf('```\n', start));
  };
  const lines = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('//'));

  it('shows Python lines of django_views.py, in its order', () => {
    const source = lines(here('django_views.py'));
    let at = 0;
    for (const line of lines(block('python'))) {
      at = source.indexOf(line, at);
      expect([line, at]).not.toEqual([line, -1]);
    }
  });

  it('shows TypeScript lines of views.ts and app.ts, in their order', () => {
    const source = [...lines(here('views.ts')), ...lines(here('app.ts'))];
    let at = 0;
    for (const line of lines(block('ts'))) {
      at = source.indexOf(line, at);
      expect([line, at]).not.toEqual([line, -1]);
    }
  });
});
