/**
 * A real redis-server (Debian's package) for the cachePage bench scenario and tests: started
 * on a free loopback port with no persistence (`--save '' --appendonly no`), stopped after.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` is on the PATH. */
export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolve once the server's own Unix socket accepts connections; reject if it exits first. The
 * TCP port cannot tell: a free port found by another process at the same moment may be taken by
 * that process's server, which would then answer for this one (redis-server, unable to bind,
 * exits before it opens its Unix socket).
 */
function waitForSocket(socketPath: string, exited: Promise<void>, ms: number): Promise<'ready' | 'exited'> {
  const until = Date.now() + ms;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (gone) return resolve('exited');
      const socket = createConnection({ path: socketPath });
      socket.once('connect', () => {
        socket.destroy();
        resolve('ready');
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`redis-server did not start within ${ms} ms`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

/** A running redis-server. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stop it (SIGTERM) and wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Start redis-server on `port` (default: a free one, another if that one is taken meanwhile) and
 * wait until it accepts connections.
 */
export async function startRedis(port?: number): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
    const socketPath = join(dir, 'redis.sock');
    const child: ChildProcess = spawn(
      'redis-server',
      ['--port', String(chosen), '--bind', '127.0.0.1', '--unixsocket', socketPath, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    };
    let outcome: 'ready' | 'exited';
    try {
      outcome = await waitForSocket(socketPath, exited, 10_000);
    } catch (error) {
      await stop();
      throw error;
    }
    if (outcome === 'ready') return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop };
    await stop();
    if (port !== undefined || attempt === 5) throw new Error(`redis-server could not listen on 127.0.0.1:${chosen}`);
  }
}
