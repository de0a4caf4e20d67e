/**
 * `FileResponse(path, { root, dotfiles })` with `send`'s semantics, over HTTP on Express 4 and
 * 5: a path from the URL stays inside `root` (leaving it is a 403 and nothing is opened),
 * dotfiles are ignored (404) by default under a root, denied (403) or allowed on request.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { BadRequest, FileResponse, Http404, PermissionDenied, httpErrorHandler, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { makeTempDir } from '../helpers/streams.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const root = join(tmp.dir, 'public');
mkdirSync(join(root, 'docs'), { recursive: true });
mkdirSync(join(root, '.git'));
tmp.file('public/docs/guide.txt', 'the guide');
tmp.file('public/.env', 'SECRET=1');
tmp.file('public/.git/config', '[core]');
tmp.file('secret.txt', 'outside the root');

describe.each(expressVersions)('FileResponse root and dotfiles on %s', (label, createApp) => {
  function filesApp(options: { dotfiles?: 'allow' | 'deny' | 'ignore' } = {}) {
    const app = createApp();
    app.set('env', 'test');
    // Express 4 and 5 spell a rest-of-path parameter differently; a query keeps both the same.
    app.get(
      '/files',
      view((req) => new FileResponse(req.query['name'] as string, { root, ...options })),
    );
    app.use(httpErrorHandler({ log: () => {} }));
    return app;
  }
  const get = (app: ReturnType<typeof filesApp>, name: string) => request(app).get('/files').query({ name });

  it.each([
    ['docs/guide.txt', 200],
    ['/docs/guide.txt', 200], // a leading slash is taken as the root, as send does
    ['docs/../docs/guide.txt', 200],
    ['docs/missing.txt', 404],
    ['docs', 404],
    ['../secret.txt', 403],
    ['docs/../../secret.txt', 403],
    ['..', 403],
    ['.env', 404],
    ['.git/config', 404],
    ['docs/./guide.txt', 200],
  ])('GET %j → %d', async (name, status) => {
    const res = await get(filesApp(), name);
    expect(res.status).toBe(status);
    if (status === 200) expect(res.text).toBe('the guide');
    else expect(res.text).not.toMatch(/outside the root|SECRET|\[core\]/);
  });

  it.each([
    ['deny', '.env', 403],
    ['deny', '.git/config', 403],
    ['allow', '.env', 200],
    ['allow', '.git/config', 200],
    ['ignore', '.env', 404],
  ] as const)('dotfiles: %j, GET %j → %d', async (dotfiles, name, status) => {
    expect((await get(filesApp({ dotfiles }), name)).status).toBe(status);
  });

  it('a root that itself has a dot in its path still serves (only the segments under it count)', async () => {
    const dotted = join(tmp.dir, '.site');
    mkdirSync(dotted, { recursive: true });
    tmp.file('.site/index.txt', 'home');
    await request(createApp().use(view(() => new FileResponse('.site/index.txt', { root: tmp.dir }))))
      .get('/')
      .expect(404);
    const app = createApp();
    app.get(
      '/',
      view(() => new FileResponse('index.txt', { root: dotted })),
    );
    await request(app).get('/').expect(200, 'home');
  });

  it('never opens a path outside the root: a FIFO there would block the read forever', async () => {
    const name = `pipe-${label.replace(/\W/g, '')}`;
    mkfifoSync(join(tmp.dir, name));
    const res = await get(filesApp(), `../${name}`);
    expect(res.status).toBe(403);
  });
});

/** Node has no mkfifo; the system's is on every POSIX machine this runs on. */
function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('FileResponse root and dotfiles, when the response is made', () => {
  it.each<[string, () => unknown, new (...args: never[]) => Error, RegExp]>([
    [
      'a path leaving the root',
      () => new FileResponse('../x', { root }),
      PermissionDenied,
      /leaves the root directory/,
    ],
    ['a NUL byte', () => new FileResponse('a\0b', { root }), BadRequest, /NUL byte/],
    ['an ignored dotfile', () => new FileResponse('.env', { root }), Http404, /does not exist/],
    ['a denied dotfile', () => new FileResponse('.env', { root, dotfiles: 'deny' }), PermissionDenied, /dotfile/],
  ])('%s throws before any read', (_what, make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });

  it('resolves the path in the root, taking a file: URL as the root', () => {
    expect(new FileResponse('docs/guide.txt', { root: pathToFileURL(root) }).filePath).toBe(
      join(root, 'docs', 'guide.txt'),
    );
  });

  it('without root, serves the path it is given, dotfiles included, as Django does', () => {
    expect(new FileResponse(join(root, '.env')).filePath).toBe(join(root, '.env'));
  });

  it.each<[string, () => unknown, string]>([
    [
      'a stream with root',
      () => new FileResponse(Buffer.from('x'), { root }),
      'FileResponse option root resolves a path given as a string, relative to it, as res.sendFile(path, { root }) does (got a Buffer).',
    ],
    [
      'a root that is not a path',
      () => new FileResponse('x', { root: 5 as never }),
      'FileResponse option root must be a directory path (got 5).',
    ],
    [
      'an unknown dotfiles policy',
      () => new FileResponse('x', { root, dotfiles: 'hide' as never }),
      'FileResponse option dotfiles must be "allow", "deny" or "ignore" (got "hide").',
    ],
  ])('refuses %s', (_what, make, message) => {
    expect(make).toThrow(new TypeError(message));
  });
});
