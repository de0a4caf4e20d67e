/** The manuscript download (a class-based view, FileResponse with ranges) and the plain-text autocomplete. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { expressVersions } from '../helpers/apps.js';
import { makeSite, signedIn, type TestSite } from './setup.js';

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe.each(expressVersions)('the downloads (%s)', (_label, createExpress) => {
  let site: TestSite;
  beforeEach(() => {
    site = makeSite(createExpress);
  });
  afterEach(() => site.close());

  describe('GET /chair/submissions/:id/manuscript/', () => {
    it('sends the PDF as an attachment, with its length, validators and ranges', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/submissions/1/manuscript/').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="submission-1.pdf"');
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['last-modified']).toBeDefined();
      const body = res.body as Buffer;
      expect(Number(res.headers['content-length'])).toBe(body.length);
      expect(body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      expect(body.toString('latin1')).toContain('(DCCN Zürich 2026 - submission #1) Tj'); // WinAnsi: Latin-1 bytes
      expect(existsSync(join(site.dir, 'media', 'manuscripts', '1.pdf'))).toBe(true);
    });

    it('answers a range with 206, and an unchanged file with 304', async () => {
      const agent = await signedIn(site.app);
      const whole = await agent.get('/chair/submissions/2/manuscript/').buffer(true).parse(binary);
      const size = (whole.body as Buffer).length;
      const part = await agent
        .get('/chair/submissions/2/manuscript/')
        .set('Range', 'bytes=1-4')
        .buffer(true)
        .parse(binary);
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 1-4/${size}`);
      expect((part.body as Buffer).toString('latin1')).toBe('PDF-');
      const tail = await agent
        .get('/chair/submissions/2/manuscript/')
        .set('Range', 'bytes=-6')
        .buffer(true)
        .parse(binary);
      expect((tail.body as Buffer).toString('latin1')).toBe('%%EOF\n');
      const unchanged = await agent
        .get('/chair/submissions/2/manuscript/')
        .set('If-Modified-Since', whole.headers['last-modified']!);
      expect(unchanged.status).toBe(304);
    });

    it('answers HEAD without reading the file', async () => {
      const agent = await signedIn(site.app);
      await agent.get('/chair/submissions/7/manuscript/');
      const res = await agent.head('/chair/submissions/7/manuscript/');
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'])).toBeGreaterThan(500);
    });

    it.each([
      ['6', 'Submission #6 has no manuscript yet.'],
      ['999', 'No Submission matches the given query.'],
      ['x', 'No Submission matches the given query.'],
    ])('shows the 404 page for submission %s', async (id, message) => {
      const agent = await signedIn(site.app);
      const res = await agent.get(`/chair/submissions/${id}/manuscript/`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('<h1>Page not found</h1>');
      expect(res.text).toContain(message);
    });

    it('answers POST with 405 from the class-based view', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.post('/chair/submissions/1/manuscript/');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
    });

    it('sends an anonymous visitor to the login page', async () => {
      const res = await request(site.app).get('/chair/submissions/1/manuscript/');
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/accounts/login/?next=/chair/submissions/1/manuscript/');
    });
  });

  describe('GET /chair/authors/autocomplete/', () => {
    it.each([
      ['müller', 'Jürgen Müller|8\n'],
      ['MULLER', 'Jürgen Müller|8\n'],
      ['jose', 'José Ramírez|1\n'],
      ['田中', '田中 花子|3\n'],
      ['rocket', ''],
      ['🚀', 'Mia “🚀” Chen|9\n'],
      ['hanako tanaka', '田中 花子|3\n'],
    ])('answers q=%s with name|pk lines', async (q, expected) => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/authors/autocomplete/').query({ q });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe(expected);
    });

    it('gives at most ten lines, sorted by the Latin name', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/authors/autocomplete/?q=a');
      const lines = res.text.split('\n').filter(Boolean);
      expect(lines).toHaveLength(10);
      for (const line of lines) expect(line).toMatch(/^.+\|\d+$/);
    });

    it('answers object_pk with the bare name, and nothing for an unknown one', async () => {
      const agent = await signedIn(site.app);
      expect((await agent.get('/chair/authors/autocomplete/?object_pk=3')).text).toBe('田中 花子');
      const unknown = await agent.get('/chair/authors/autocomplete/?object_pk=999');
      expect(unknown.status).toBe(200);
      expect(unknown.text).toBe('');
    });

    it('answers a request without q or object_pk with a bare 404, as django-extensions does', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/authors/autocomplete/');
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    });

    it('is for the chair only, and GET only', async () => {
      const anonymous = await request(site.app).get('/chair/authors/autocomplete/?q=a');
      expect(anonymous.status).toBe(302);
      const agent = await signedIn(site.app);
      const post = await agent.post('/chair/authors/autocomplete/?q=a');
      expect(post.status).toBe(405);
    });
  });
});
