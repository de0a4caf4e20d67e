/** The JSON API: the programme for everyone, all submissions for the chair; no-cache, 400, 404, 405. */
import request from 'supertest';
import { expressVersions } from '../helpers/apps.js';
import { makeSite, signedIn, visitor, type TestSite } from './setup.js';

interface Page {
  count: number;
  next: string | null;
  previous: string | null;
  results: Array<{ id: number; status: string; authors: Array<Record<string, unknown>> }>;
}

describe.each(expressVersions)('the JSON API (%s)', (_label, createExpress) => {
  let site: TestSite;
  beforeEach(() => {
    site = makeSite(createExpress);
  });
  afterEach(() => site.close());

  describe('GET /api/submissions/', () => {
    it('gives a visitor the accepted papers only, without e-mail addresses, and Cache-Control: no-cache', async () => {
      const res = await request(site.app).get('/api/submissions/?limit=100');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['cache-control']).toBe('no-cache');
      const body = res.body as Page;
      const accepted = site.store.submissions({ status: 'accepted' });
      expect(body.count).toBe(accepted.length);
      expect(body.results.map((result) => result.id)).toEqual(accepted.map((submission) => submission.id));
      expect(body.results.every((result) => result.status === 'accepted')).toBe(true);
      expect(JSON.stringify(body)).not.toContain('@example.org');
    });

    it('gives the chair every submission, ten at a time, with next and previous links', async () => {
      const agent = await signedIn(site.app);
      const first = (await agent.get('/api/submissions/')).body as Page;
      expect(first.count).toBe(36);
      expect(first.results).toHaveLength(10);
      expect(first.previous).toBeNull();
      expect(first.next).toBe('/api/submissions/?offset=10&limit=10');
      expect(first.results[0]!.authors[0]).toHaveProperty('email');
      const last = (await agent.get('/api/submissions/?offset=30&limit=10')).body as Page;
      expect(last.results.map((result) => result.id)).toEqual([31, 32, 33, 34, 35, 36]);
      expect(last.next).toBeNull();
      expect(last.previous).toBe('/api/submissions/?offset=20&limit=10');
    });

    it('filters by search and status', async () => {
      const agent = await signedIn(site.app);
      const body = (await agent.get('/api/submissions/').query({ q: 'müller', status: 'under_review' })).body as Page;
      const expected = site.store.submissions({ q: 'müller', status: 'under_review' });
      expect(body.results.map((result) => result.id)).toEqual(expected.map((submission) => submission.id));
    });

    it.each([
      ['limit=0', 'limit must be an integer from 1 to 100 (got "0").'],
      ['limit=101', 'limit must be an integer from 1 to 100 (got "101").'],
      ['limit=ten', 'limit must be an integer from 1 to 100 (got "ten").'],
      ['offset=-1', 'offset must be an integer from 0 to 1000000000 (got "-1").'],
      ['status=maybe', 'status must be one of submitted, under_review, accepted, rejected (got "maybe").'],
      ['q=a&q=b', 'q must be given once.'],
    ])('answers ?%s with 400 and says why', async (query, error) => {
      const agent = await signedIn(site.app);
      const res = await agent.get(`/api/submissions/?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body).toEqual({ error });
    });

    it('answers a visitor asking for rejected papers with 400', async () => {
      const res = await request(site.app).get('/api/submissions/?status=rejected');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'Only the chair can list submissions that are not accepted; sign in first.' });
    });

    it('answers POST with 405 from requireGET', async () => {
      const res = await (await visitor(site.app)).post('/api/submissions/');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    });
  });

  describe('GET /api/submissions/:id/', () => {
    it('gives one submission', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/api/submissions/3/');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      const submission = site.store.submission(3)!;
      expect(res.body).toMatchObject({
        id: 3,
        url: '/api/submissions/3/',
        title: '低遅延ネットワークにおける分散キャッシュ',
        language: 'Japanese',
        status: submission.status,
        hasManuscript: true,
      });
    });

    it('answers a missing submission with Http404 as JSON', async () => {
      const res = await request(site.app).get('/api/submissions/999/');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toEqual({ error: 'No Submission matches the given query.' });
    });

    it("hides a paper that is not accepted from a visitor, as if it didn't exist", async () => {
      const hidden = site.store.submissions().find((submission) => submission.status !== 'accepted')!;
      const res = await request(site.app).get(`/api/submissions/${hidden.id}/`);
      expect(res.status).toBe(404);
      const agent = await signedIn(site.app);
      expect((await agent.get(`/api/submissions/${hidden.id}/`)).status).toBe(200);
    });

    it('answers an id that is not a number with 400', async () => {
      const res = await request(site.app).get('/api/submissions/three/');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'The submission id must be a positive integer (got "three").' });
    });

    it('answers DELETE with 405 from requireGET', async () => {
      const res = await (await visitor(site.app)).delete('/api/submissions/3/');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    });
  });

  it('answers an unknown API URL with JSON 404', async () => {
    const res = await request(site.app).get('/api/authors/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Not found.' });
  });
});
