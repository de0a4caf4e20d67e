/**
 * Express's test/res.sendFile.js, its "root" and "dotfiles" cases (and "should not serve
 * dotfiles by default"), ported onto `FileResponse(path, { root, dotfiles })` in a view, on
 * Express 4 and 5, with Express's fixtures (name.txt and .name, both "tobi"). Each test keeps
 * Express's name. Errors reach httpErrorHandler(), whose pages name the status as Express's do.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve, sep, dirname } from 'node:path';
import request from 'supertest';
import { FileResponse, httpErrorHandler, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { makeTempDir } from '../helpers/streams.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
mkdirSync(join(tmp.dir, 'fixtures'));
mkdirSync(join(tmp.dir, 'fixtures', 'fake'));
const fixtures = join(tmp.dir, 'fixtures');
tmp.file('fixtures/name.txt', 'tobi');
tmp.file('fixtures/.name', 'tobi');
tmp.file('name.txt', 'outside');

describe.each(expressVersions)("Express's test/res.sendFile.js root and dotfiles on %s", (_label, createApp) => {
  function appSending(make: () => FileResponse) {
    const app = createApp();
    app.set('env', 'test');
    app.use(view(make));
    // Django's pages say "403 Forbidden" and "Not Found", as Express's final handler does in production.
    app.use(httpErrorHandler());
    return app;
  }

  describe('.sendFile(path)', () => {
    // Express serves no dotfile by default, whatever the path; a FileResponse without root serves
    // the path the view chose, as Django's does, so the default is shown with root here.
    it('should not serve dotfiles by default', async () => {
      await request(appSending(() => new FileResponse('.name', { root: fixtures })))
        .get('/')
        .expect(404);
      await request(appSending(() => new FileResponse(resolve(fixtures, '.name'), { dotfiles: 'ignore' })))
        .get('/')
        .expect(404);
    });
  });

  describe('.sendFile(path, options)', () => {
    describe('with "dotfiles" option', () => {
      describe('when "allow"', () => {
        it('should allow dotfiles', async () => {
          const res = await request(
            appSending(() => new FileResponse(resolve(fixtures, '.name'), { dotfiles: 'allow' })),
          ).get('/');
          expect(res.status).toBe(200);
          expect(Buffer.from(res.body as Buffer).toString()).toBe('tobi');
        });
      });

      describe('when "deny"', () => {
        it('should deny dotfiles', async () => {
          await request(appSending(() => new FileResponse(resolve(fixtures, '.name'), { dotfiles: 'deny' })))
            .get('/')
            .expect(403)
            .expect(/Forbidden/);
        });
      });

      describe('when "ignore"', () => {
        it('should ignore dotfiles', async () => {
          await request(appSending(() => new FileResponse(resolve(fixtures, '.name'), { dotfiles: 'ignore' })))
            .get('/')
            .expect(404)
            .expect(/Not Found/);
        });
      });
    });

    describe('with "root" option', () => {
      it('should allow relative path', async () => {
        await request(appSending(() => new FileResponse('name.txt', { root: fixtures })))
          .get('/')
          .expect(200, 'tobi');
      });

      it('should allow up within root', async () => {
        await request(appSending(() => new FileResponse('fake/../name.txt', { root: fixtures })))
          .get('/')
          .expect(200, 'tobi');
      });

      it('should reject up outside root', async () => {
        const path = '..' + sep + relative(dirname(fixtures), join(fixtures, 'name.txt'));
        await request(appSending(() => new FileResponse(path, { root: fixtures })))
          .get('/')
          .expect(403);
      });

      it('should reject reading outside root', async () => {
        const res = await request(appSending(() => new FileResponse('../name.txt', { root: fixtures }))).get('/');
        expect(res.status).toBe(403);
        expect(res.text).not.toContain('outside');
      });
    });
  });
});
