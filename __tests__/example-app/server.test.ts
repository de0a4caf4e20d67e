/**
 * `npm start`'s script: starts on the port it is given, prints the URL, seeds a new database,
 * and stops on SIGTERM or SIGINT sent to the process `npm start` started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Run `ts-node --transpile-only example-app/server.ts` (what `npm start` runs) until it prints its URL. */
function start(
  env: Record<string, string>,
  command: readonly string[] = [
    process.execPath,
    join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
    '--transpile-only',
    'example-app/server.ts',
  ],
): Promise<{ child: ChildProcess; output: string; url: string }> {
  const [file = '', ...args] = command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops when the process npm start started gets %s, a keep-alive connection open',
    async (signal) => {
      const dbPath = join(dir, 'conference.sqlite3');
      const npm = await start({ PORT: '0', DB_PATH: dbPath }, ['npm', 'start', '--silent']);
      const exited = new Promise<number | null>((resolve) => {
        npm.child.removeAllListeners('exit');
        npm.child.on('exit', (code) => resolve(code));
      });
      try {
        // scripts.start execs: npm's one child is the server itself, not a shell around it.
        const pid = npm.child.pid ?? 0;
        const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
        expect(children).toHaveLength(1);
        const server = Number(children[0]);
        const argv = readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0');
        expect(argv[0]).toMatch(/node$/);
        expect(argv).toContain('example-app/server.ts');
        expect(existsSync(`${dbPath}-wal`)).toBe(true);
        // A keep-alive connection, left open: it must not hold the server up.
        const agent = new Agent({ keepAlive: true });
        await new Promise<void>((resolve, reject) => {
          get(npm.url, { agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          }).on('error', reject);
        });
        process.kill(server, signal);
        await expect(exited).resolves.toBeDefined();
        agent.destroy();
        expect(existsSync(`/proc/${server}`)).toBe(false);
        await expect(fetch(npm.url)).rejects.toThrow();
        // The store was closed: SQLite removes its write-ahead log on a clean close.
        expect(existsSync(`${dbPath}-wal`)).toBe(false);
      } finally {
        if (npm.child.exitCode === null) npm.child.kill('SIGKILL');
      }
    },
    60_000,
  );
});
