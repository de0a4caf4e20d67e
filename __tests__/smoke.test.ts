import request from 'supertest';
import { HttpResponse, JsonResponse, view } from '../lib/index.js';
import { expressVersions } from './helpers/apps.js';

describe.each(expressVersions)('%s smoke', (_label, createApp) => {
  it('sends an HttpResponse', async () => {
    const app = createApp();
    app.get('/', view(() => new HttpResponse('hi')));
    app.get('/j', view(async () => new JsonResponse({ a: 1 })));
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('hi');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const j = await request(app).get('/j');
    expect(j.body).toEqual({ a: 1 });
    expect(j.headers['content-type']).toBe('application/json');
  });
});
