/**
 * docs/testing.md's "Testing an app that uses this package": the versions it gives are the ones this
 * repository's suite runs on, and its example test is this file's (verbatim, but for the
 * import paths), so both stay true.
 */
import '../../lib/testing/jest-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { JsonResponse, requirePOST, view, type ViewHandler } from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';

const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'testing.md'), 'utf8');
const section = guide.slice(
  guide.indexOf('## Testing an app that uses this package'),
  guide.indexOf('\n## ', guide.indexOf('## Testing an app that uses this package') + 3),
);
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

describe("docs/testing.md's app testing section", () => {
  it("pins the versions this repository's suite runs on", () => {
    const install = /```sh\n([^]*?)```/.exec(section)?.[1] ?? '';
    const pinned = [...install.matchAll(/(?:^|\s)((?:@[\w-]+\/)?[\w.-]+)@(\d[\w.-]*)/g)].map(([, name, version]) => [
      name,
      version,
    ]);
    expect(pinned.map(([name]) => name)).toEqual(
      expect.arrayContaining(['jest', 'ts-jest', 'typescript', '@types/jest', 'supertest', 'express']),
    );
    for (const [name, version] of pinned)
      expect(`${name}@${pkg.devDependencies[name ?? '']}`).toBe(`${name}@${version}`);
    expect(section).toContain("import 'express-httpresponse/testing/jest-setup';");
    expect(section).toContain("setupFilesAfterEnv: ['<rootDir>/jest.setup.ts']");
  });

  it("quotes this file's example", () => {
    const example = /```ts\n(import express[^]*?)```/.exec(section)?.[1] ?? '';
    const here = readFileSync(__filename, 'utf8');
    const body = example.slice(example.indexOf('/** Django'));
    expect(body.length).toBeGreaterThan(200);
    expect(here).toContain(body.trim());
  });
});

/** Django's request.body: the raw bytes, as express.raw() leaves them. */
const checksum: ViewHandler = requirePOST((req) => {
  const body = req.body as Buffer;
  return new JsonResponse({ bytes: body.length, first: body[0] });
});

const app = express();
app.use(express.raw({ type: 'application/octet-stream' }));
app.all('/checksum', view(checksum));

test('a raw body, without a server', async () => {
  const req = new RequestFactory().post('/checksum', Buffer.from([42, 1, 2]), {
    contentType: 'application/octet-stream',
  });
  await expect(await checksum(req, req.res)).toEqualJSON({ bytes: 3, first: 42 });
});

test('the same over HTTP', async () => {
  const res = await request(app)
    .post('/checksum')
    .type('application/octet-stream')
    .send(Buffer.from([7]));
  await expect(res).toEqualJSON({ bytes: 1, first: 7 });
  expect(await request(app).get('/checksum')).toHaveStatus(405);
});
