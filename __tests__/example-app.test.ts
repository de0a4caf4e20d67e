import request from 'supertest';
import { app } from '../example-app/app.js';

describe('the example app', () => {
  it('serves the book list as HTML', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('Two Scoops of Django');
  });

  it('serves JSON and a 404 for a missing book', async () => {
    const list = await request(app).get('/api/books');
    expect(list.headers['content-type']).toBe('application/json');
    expect(list.body).toHaveLength(2);
    const one = await request(app).get('/api/books/2');
    expect(one.body).toEqual({ id: 2, title: 'Node.js Design Patterns', author: 'Casciaro' });
    const missing = await request(app).get('/api/books/99');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<title>Not Found</title>');
  });

  it('redirects old URLs permanently', async () => {
    const res = await request(app).get('/catalogue');
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('/');
  });

  it('sets a signed cookie and reads it back', async () => {
    const agent = request.agent(app);
    const visit = await agent.post('/visit');
    expect(visit.status).toBe(302);
    expect(visit.headers['location']).toBe('/whoami');
    const who = await agent.get('/whoami');
    expect(who.body).toEqual({ visitor: 'reader' });
    const stranger = await request(app).get('/whoami');
    expect(stranger.body).toEqual({ visitor: null });
  });

  it('streams the catalogue as CSV', async () => {
    const res = await request(app).get('/books.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="books.csv"');
    expect(res.text).toBe(
      'id,title,author\n1,"Two Scoops of Django",Greenfeld\n2,"Node.js Design Patterns",Casciaro\n',
    );
  });

  it('serves its own source as a download, with ranges', async () => {
    const whole = await request(app).get('/source');
    expect(whole.status).toBe(200);
    // content-disposition writes a token file name unquoted; both forms are RFC 6266.
    expect(whole.headers['content-disposition']).toBe('attachment; filename=app.ts');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const part = await request(app).get('/source').set('Range', 'bytes=0-5');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toMatch(/^bytes 0-5\/\d+$/);
  });
});
