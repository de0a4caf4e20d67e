/** `npm start`'s script: starts on the port it is given, prints the URL, seeds a new database. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Run `ts-node --transpile-only example-app/server.ts` (what `npm start` runs) until it prints its URL. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: string; url: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'example-app/server.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url !== undefined) resolve({ child, output, url });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`example-app/server.ts exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('example-app/server.ts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dccn-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates and seeds its database on first start, prints its URL, and answers there', async () => {
    const dbPath = join(dir, 'data', 'conference.sqlite3');
    const first = await start({ PORT: '0', DB_PATH: dbPath });
    try {
      expect(first.output).toContain(`Created and seeded ${dbPath}`);
      expect(existsSync(dbPath)).toBe(true);
      const home = await fetch(first.url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('36 submissions so far');
    } finally {
      await stop(first.child);
    }
    const second = await start({ PORT: '0', DB_PATH: dbPath });
    try {
      expect(second.output).toContain(`Using ${dbPath}`);
      expect((await fetch(`${second.url}chair/`, { redirect: 'manual' })).status).toBe(302);
    } finally {
      await stop(second.child);
    }
  }, 60_000);
});
