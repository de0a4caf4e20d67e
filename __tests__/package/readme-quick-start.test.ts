/**
 * The README's Quick start, verbatim but for the import paths: its app is
 * __tests__/fixtures/quick-start/app.ts and its test is the two tests below.
 */
import '../../lib/testing/jest-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { RequestFactory } from '../../lib/testing/index.js';
import { app, home } from '../fixtures/quick-start/app.js';

test('the home page', async () => {
  const req = new RequestFactory().get('/');
  await expect(await home(req, req.res)).toContainText('Hello');
});

test('a user, and a missing one', async () => {
  await expect(await request(app).get('/api/users/1')).toEqualJSON({ id: '1', name: 'Ada' });
  expect(await request(app).get('/api/users/2')).toHaveStatus(404);
});

describe("the README's Quick start", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Quick start'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start')),
  );
  const [shownApp = '', shownTest = ''] = [...section.matchAll(/```ts\n([^]*?)```/g)].map(([, code]) => code);

  it('shows the app this test runs', () => {
    const fixture = readFileSync(join(__dirname, '..', 'fixtures', 'quick-start', 'app.ts'), 'utf8');
    expect(fixture).toContain(shownApp.replace("from 'express-httpresponse';", "from '../../../lib/index.js';"));
  });

  it('shows the tests this file runs', () => {
    const here = readFileSync(__filename, 'utf8')
      .replace("from '../../lib/testing/index.js';", "from 'express-httpresponse/testing';")
      .replace("from '../fixtures/quick-start/app.js';", "from '../app';");
    const body = shownTest.slice(shownTest.indexOf('\ntest('));
    expect(body.length).toBeGreaterThan(200);
    expect(here).toContain(body);
    expect(shownTest).toContain("import { app, home } from '../app';");
  });
});
