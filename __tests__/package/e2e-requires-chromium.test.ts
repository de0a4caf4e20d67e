/**
 * `npm run test:e2e` on a machine without Chromium: it stops at once with the command that
 * installs it, and exits (no server or browser left to keep it alive).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

it('the browser suite without Chromium fails at once, naming apt-get install chromium', () => {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', '__tests__/e2e/jest.config.js'],
    {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
      // Far below the five minutes it once waited; a hang fails this test instead of passing.
      timeout: 60_000,
    },
  );
  expect(run.error).toBeUndefined();
  expect(run.signal).toBeNull();
  expect(run.status).not.toBe(0);
  const output = run.stdout + run.stderr;
  expect(output).toContain('/nonexistent/chromium');
  expect(output).toContain('apt-get install -y chromium');
  expect(output).not.toContain('Jest did not exit');
});
