/** The example app's HTML pages: home, the chair's list and detail, decisions, the 404 page, static files. */
import request from 'supertest';
import { expressVersions } from '../helpers/apps.js';
import { makeSite, signedIn, visitor, type TestSite } from './setup.js';

describe.each(expressVersions)('the example app pages (%s)', (_label, createExpress) => {
  let site: TestSite;
  beforeEach(() => {
    site = makeSite(createExpress);
  });
  afterEach(() => site.close());

  describe('GET /', () => {
    it('shows the conference, its numbers and the accepted papers, linked to the API', async () => {
      const res = await request(site.app).get('/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<h1>Distributed Computer and Communication Networks — Zürich 2026</h1>');
      expect(res.text).toContain('36 submissions so far');
      const accepted = site.store.submissions({ status: 'accepted' });
      expect(accepted.length).toBeGreaterThan(0);
      for (const submission of accepted) expect(res.text).toContain(`<a href="/api/submissions/${submission.id}/">`);
      for (const href of ['/chair/', '/accounts/login/', '/api/submissions/', '/proceedings/', '/static/style.css']) {
        expect(res.text).toContain(`href="${href}"`);
      }
    });

    it('escapes what it shows', async () => {
      site.store.db
        .prepare("UPDATE submission SET title = '<script>alert(1)</script>', status = 'accepted' WHERE id = 1")
        .run();
      const res = await request(site.app).get('/');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).not.toContain('<script>alert(1)');
    });

    it('carries the headers of the app-wide security middleware', async () => {
      const res = await request(site.app).get('/');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    });
  });

  describe('GET /programme/ (cachePage(60), one copy per cookie)', () => {
    const pending = (): { id: number; title: string } => {
      const submission = site.store.submissions({ status: 'submitted' })[0];
      if (submission === undefined) throw new Error('the seed has no submitted paper');
      return submission;
    };

    it("lists the accepted papers, with the cache headers of Django's cache_page", async () => {
      const res = await request(site.app).get('/programme/');
      expect(res.status).toBe(200);
      for (const submission of site.store.submissions({ status: 'accepted' })) {
        expect(res.text).toContain(`<a href="/api/submissions/${submission.id}/">`);
      }
      expect(res.headers['cache-control']).toBe('max-age=60');
      // Expires is set when the page is kept, Date when the head is written: a second boundary may fall between.
      const ahead = Date.parse(res.headers['expires'] as string) - Date.parse(res.headers['date'] as string);
      expect([59_000, 60_000, 61_000]).toContain(ahead);
      expect(res.headers['vary']).toMatch(/\bCookie\b/);
    });

    it('answers a visitor without a cookie from the cache until it expires', async () => {
      // The key holds the absolute URL, as Django's: one Host for every request (supertest
      // listens on a new port per request).
      const get = () => request(site.app).get('/programme/').set('Host', 'dccn.example');
      const first = await get();
      const paper = pending();
      site.store.setStatus(paper.id, 'accepted');
      const second = await get();
      expect(second.text).toBe(first.text);
      expect(second.text).not.toContain(`/api/submissions/${paper.id}/`);
      // Another visitor's cookie is another copy: the chair sees the decision at once.
      const chair = await signedIn(site.app);
      const own = await chair.get('/programme/').set('Host', 'dccn.example');
      expect(own.text).toContain(`/api/submissions/${paper.id}/`);
      expect(own.text).toContain('Signed in as');
      // ... and the anonymous copy never carries the chair's name.
      const third = await get();
      expect(third.text).not.toContain('Signed in as');
    });

    it('is refused for POST, as requireSafe says', async () => {
      const res = await (await visitor(site.app)).post('/programme/');
      expect(res.status).toBe(405);
    });
  });

  describe('GET /chair/', () => {
    it('sends an anonymous visitor to the login page, to come back after', async () => {
      const res = await request(site.app).get('/chair/?status=accepted');
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/accounts/login/?next=/chair/%3Fstatus%3Daccepted');
    });

    it('ignores a forged or unknown session cookie', async () => {
      const res = await request(site.app).get('/chair/').set('Cookie', 'sessionid=abcdefghijklmnopqrstuvwxyz012345');
      expect(res.status).toBe(302);
      const junk = await request(site.app).get('/chair/').set('Cookie', 'sessionid=chair');
      expect(junk.status).toBe(302);
    });

    it('lists the first ten submissions with their links, and the exports', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Signed in as <strong>Ingrid Sørensen</strong> (chair)');
      expect(res.text).toContain('36 submissions; page 1 of 4.');
      expect(res.text.match(/class="submission-link"/g)).toHaveLength(10);
      expect(res.text).toContain(
        '<a class="submission-link" href="/chair/submissions/3/">低遅延ネットワークにおける分散キャッシュ</a>',
      );
      expect(res.text).toContain('href="/chair/submissions/1/manuscript/"');
      expect(res.text).not.toContain('href="/chair/submissions/6/manuscript/"'); // no manuscript
      for (const href of ['/chair/export/submissions.csv', '/chair/export/authors.csv', '/chair/?page=2']) {
        expect(res.text).toContain(`href="${href}"`);
      }
      expect(res.text).toContain('href="/chair/authors/autocomplete/?q=m%C3%BCller"');
      expect(res.text).not.toContain('id="previous-page"');
    });

    it('pages on, and back', async () => {
      const agent = await signedIn(site.app);
      const last = await agent.get('/chair/?page=4');
      expect(last.status).toBe(200);
      expect(last.text.match(/class="submission-link"/g)).toHaveLength(6);
      expect(last.text).toContain('href="/chair/?page=3"');
      expect(last.text).not.toContain('id="next-page"');
    });

    it('pages with ListView: ?page=last, and links to every page around this one', async () => {
      const agent = await signedIn(site.app);
      const last = await agent.get('/chair/?page=last');
      expect(last.status).toBe(200);
      expect(last.text).toContain('36 submissions; page 4 of 4.');
      expect(last.text).toContain('<strong class="current-page">4</strong>');
      expect(last.text).toContain('<a class="page-link" href="/chair/">1</a>');
      expect(last.text).toContain('<a class="page-link" href="/chair/?page=3">3</a>');
      const filtered = await agent.get('/chair/').query({ status: 'submitted' });
      expect(filtered.text).not.toContain('class="page-link"'.repeat(2));
    });

    it.each([
      ['5', 'Invalid page (5): That page contains no results'],
      ['0', 'Invalid page (0): That page number is less than 1'],
      ['x', 'Page is not “last”, nor can it be converted to an int.'],
      ['1.5', 'Page is not “last”, nor can it be converted to an int.'],
    ])("answers page=%s with the 404 page and Django's message", async (page, message) => {
      const agent = await signedIn(site.app);
      const res = await agent.get(`/chair/?page=${page}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('<h1>Page not found</h1>');
      expect(res.text).toContain(message);
    });

    it('searches titles and authors without minding accents or case, and filters by status', async () => {
      const agent = await signedIn(site.app);
      const jose = await agent.get('/chair/').query({ q: 'JOSE ramirez' });
      expect(jose.text).toContain('José Ramírez');
      expect(jose.text).toMatch(/\d+ submissions? match; page 1 of 1\./);
      const status = await agent.get('/chair/').query({ status: 'rejected', q: 'queue' });
      const expected = site.store.submissions({ status: 'rejected', q: 'queue' });
      expect(status.text).toContain(`${expected.length} submission${expected.length === 1 ? '' : 's'} match`);
      expect(status.text).toContain('<option value="rejected" selected>rejected</option>');
      const none = await agent.get('/chair/').query({ q: 'no such paper' });
      expect(none.text).toContain('No submission matches.');
    });

    it('answers POST with 405 from requireGET', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.post('/chair/');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    });

    it('refuses a signed-in user who is not the chair with 403', async () => {
      site.store.db
        .prepare(
          `INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
             date_joined) VALUES (?, 0, 'reviewer', 'Rev', '', '', 0, 1, '2026-09-01 00:00:00')`,
        )
        .run(site.store.user('chair')!.password);
      const agent = await visitor(site.app);
      await agent
        .post('/accounts/login/')
        .type('form')
        .send({ username: 'reviewer', password: 'dccn-2026' })
        .expect(302);
      const res = await agent.get('/chair/');
      expect(res.status).toBe(403);
      expect(res.text).toContain('403 Forbidden');
    });
  });

  describe('GET /chair/submissions/:id/', () => {
    it('shows the submission, its authors, manuscript and decision buttons', async () => {
      const agent = await signedIn(site.app);
      const submission = site.store.submission(3)!;
      const res = await agent.get('/chair/submissions/3/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>#3 低遅延ネットワークにおける分散キャッシュ</h1>');
      for (const author of submission.authors) expect(res.text).toContain(author.email);
      expect(res.text).toContain('href="/chair/submissions/3/manuscript/"');
      expect(res.text).toContain('action="/chair/submissions/3/decision/"');
      expect(res.text).toContain('href="/api/submissions/3/"');
    });

    it.each(['999', 'abc', '0'])('shows the 404 page for /chair/submissions/%s/ (a thrown Http404)', async (id) => {
      const agent = await signedIn(site.app);
      const res = await agent.get(`/chair/submissions/${id}/`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('<h1>Page not found</h1>');
      expect(res.text).toContain('No Submission matches the given query.');
    });
  });

  describe('POST /chair/submissions/:id/decision/', () => {
    it('records the decision and redirects back to the submission', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.post('/chair/submissions/4/decision/').type('form').send({ status: 'accepted' });
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/chair/submissions/4/');
      expect(site.store.submission(4)!.status).toBe('accepted');
      const rejected = await agent.post('/chair/submissions/4/decision/').type('form').send({ status: 'rejected' });
      expect(rejected.status).toBe(302);
      const page = await agent.get('/chair/submissions/4/');
      expect(page.text).toContain('<span class="badge status-rejected" id="status">rejected</span>');
    });

    it('shows an unknown decision again with the form error (200), recording nothing', async () => {
      const agent = await signedIn(site.app);
      const before = site.store.submission(4)!.status;
      const res = await agent.post('/chair/submissions/4/decision/').type('form').send({ status: 'maybe' });
      expect(res.status).toBe(200);
      expect(res.text).toContain(
        '<p class="error" id="decision-error">Select a valid choice. maybe is not one of the available choices.</p>',
      );
      expect(res.text).toContain('<h1>#4 ');
      expect(site.store.submission(4)!.status).toBe(before);
    });

    it('answers a missing submission with 404, GET with 405, and a visitor with the login redirect', async () => {
      const agent = await signedIn(site.app);
      const missing = await agent.post('/chair/submissions/999/decision/').type('form').send({ status: 'accepted' });
      expect(missing.status).toBe(404);
      const get = await agent.get('/chair/submissions/4/decision/');
      expect(get.status).toBe(405);
      expect(get.headers['allow']).toBe('POST');
      const anonymous = await (
        await visitor(site.app)
      )
        .post('/chair/submissions/4/decision/')
        .type('form')
        .send({ status: 'accepted' });
      expect(anonymous.status).toBe(302);
      expect(site.store.submission(4)!.status).not.toBe('accepted');
    });
  });

  describe('an unknown URL', () => {
    it.each(['/proceedings/', '/chair/nope', '/static/nope.css'])("shows the app's 404 page at %s", async (path) => {
      const res = await request(site.app).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<title>Page not found · DCCN Zürich 2026</title>');
      expect(res.text).toContain(`There is nothing at <code>${path}</code>.`);
      expect(res.text).toContain('<a href="/">Back to the conference');
    });
  });

  describe('GET /static/style.css', () => {
    it('serves the stylesheet', async () => {
      const res = await request(site.app).get('/static/style.css');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.text).toContain('--accent');
    });
  });
});
