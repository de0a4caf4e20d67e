/**
 * An If-Match list with no entity-tag in it (`If-Match: ,`) is a condition no representation
 * meets (RFC 9110 §13.1.1): 412, as `send` (res.sendFile) answers, for a file and for a
 * buffered response with an ETag; over HTTP on Express 4 and 5.
 */
import request from 'supertest';
import { FileResponse, HttpResponse, etag, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { makeTempDir } from '../helpers/streams.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const file = tmp.file('doc.txt', 'document');

describe.each(expressVersions)('If-Match without an entity-tag on %s', (_label, createApp) => {
  const app = createApp();
  app.all(
    '/file',
    view(() => new FileResponse(file)),
  );
  app.all('/sent', (_req, res) => res.sendFile(file));
  app.all(
    '/buffered',
    view(
      () => new HttpResponse('saved'),
      etag(() => 'v1'),
    ),
  );

  it.each([
    ['GET', '/file'],
    ['PUT', '/file'],
    ['GET', '/sent'],
    ['PUT', '/buffered'],
    ['GET', '/buffered'],
  ])('%s %s with If-Match: , is 412', async (method, path) => {
    const res = await request(app)[method === 'GET' ? 'get' : 'put'](path).set('If-Match', ',');
    expect(res.status).toBe(412);
  });

  it.each(['/file', '/sent'])('%s agrees with send on If-Match: " , , " and on If-Match: xyzzy', async (path) => {
    expect((await request(app).get(path).set('If-Match', ' , , ')).status).toBe(412);
    expect((await request(app).get(path).set('If-Match', 'xyzzy')).status).toBe(412);
  });

  it('an empty If-Match value is absent: 200', async () => {
    expect((await request(app).get('/file').set('If-Match', '')).status).toBe(200);
    expect((await request(app).get('/buffered').set('If-Match', '')).status).toBe(200);
  });

  it("If-Match: * and the file's own tag still pass", async () => {
    const first = await request(app).get('/file');
    expect((await request(app).get('/file').set('If-Match', '*')).status).toBe(200);
    expect(
      (
        await request(app)
          .get('/file')
          .set('If-Match', `, ${first.headers['etag'] as string}`)
      ).status,
    ).toBe(200);
  });
});
