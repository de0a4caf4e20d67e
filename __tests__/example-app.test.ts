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
});
