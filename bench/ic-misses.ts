/**
 * Count V8's inline-cache misses per request on each side of a scenario: a figure that, unlike
 * requests per second, does not move with the load of a shared machine.
 *
 *   npx ts-node --transpile-only bench/ic-misses.ts [text-1k,json-small,redirect,…] [--requests 3000]
 *
 * Why it matters here: Express swaps the prototype of every `req` and `res` and then adds
 * `res.locals`, and V8 gives an object a hidden class of its own when a property is added after
 * its prototype was swapped. So no two `res` share a hidden class, every property read or write
 * on one misses V8's caches, and each miss is a lookup in the runtime. Fewer distinct property
 * names touched on `res`/`req` means fewer misses; this script counts them.
 *
 * Each route runs in a child process under `node --log-ic`, driven in-process (`app(req, res)`
 * on a socket that discards what it is given, one request at a time); misses are grouped by
 * property name, and a name is listed when it misses at least once per request on either side.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Duplex } from 'node:stream';
import { benchAppReady, createBenchApp } from './server.js';

/** A socket that accepts every write at once and never reads. */
class DiscardingSocket extends Duplex {
  override _read(): void {}
  override _write(_chunk: unknown, _encoding: unknown, done: () => void): void {
    done();
  }
  override _writev(_chunks: unknown, done: () => void): void {
    done();
  }
}

/** One GET of `url` through `app`, settled when the response finished. */
function request(app: http.RequestListener, url: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = new DiscardingSocket() as unknown as Socket;
    const req = new http.IncomingMessage(socket);
    Object.assign(req, {
      method: 'GET',
      url,
      httpVersionMajor: 1,
      httpVersionMinor: 1,
      httpVersion: '1.1',
      headers: { host: 'localhost' },
      rawHeaders: ['host', 'localhost'],
      complete: true,
    });
    req.push(null);
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = true;
    res.assignSocket(socket);
    res.on('finish', () => {
      res.detachSocket(socket);
      res.emit('close');
      resolve();
    });
    app(req, res);
  });
}

/** Child: serve `url` `count` times (run under --log-ic by the parent). */
async function drive(url: string, count: number): Promise<void> {
  const express = createBenchApp(undefined);
  await benchAppReady(express);
  const app = express as unknown as http.RequestListener;
  for (let i = 0; i < count; i++) await request(app, url);
}

/** Misses per property name in a --log-ic log: `LoadIC,…,name,…` lines, field 9 is the name. */
function missesByName(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of log.split('\n')) {
    if (!/^(Load|Store|KeyedLoad|KeyedStore|DefineNamedOwn|DefineKeyedOwn)IC,/.test(line)) continue;
    const fields = line.split(',');
    const key = `${fields[0] ?? ''} ${fields[8] ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function countFor(url: string, requests: number): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-'));
  const logfile = join(dir, 'ic.log');
  try {
    execFileSync(
      process.execPath,
      [
        '--log-ic',
        `--logfile=${logfile}`,
        '--no-logfile-per-isolate',
        '-r',
        resolve(__dirname, 'ts-register.js'),
        __filename,
        '--child',
        url,
        String(requests),
      ],
      { stdio: 'inherit' },
    );
    return missesByName(readFileSync(logfile, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv: string[]): void {
  const index = argv.indexOf('--requests');
  const requests = index === -1 ? 3000 : Number(argv[index + 1]);
  const ids = (argv.find((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--requests') ?? 'text-1k').split(',');
  for (const id of ids) {
    const sides = ['express', 'adapter'].map((side) => countFor(`/${id}/${side}`, requests));
    const [baseline, adapter] = sides as [Map<string, number>, Map<string, number>];
    const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${id}: ${(total(baseline) / requests).toFixed(1)} (Express) vs ${(total(adapter) / requests).toFixed(1)} (adapter) IC misses per request, start-up included`,
    );
    const names = new Set([...baseline.keys(), ...adapter.keys()]);
    const rows = [...names]
      .map((name) => [name, (baseline.get(name) ?? 0) / requests, (adapter.get(name) ?? 0) / requests] as const)
      .filter(([, b, a]) => Math.abs(a - b) >= 0.9)
      .sort((x, y) => x[0].localeCompare(y[0]));
    for (const [name, b, a] of rows)
      console.log(`  ${name.padEnd(36)} ${b.toFixed(1).padStart(5)} ${a.toFixed(1).padStart(5)}`);
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    drive(argv[1] ?? '/', Number(argv[2])).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  } else {
    main(argv);
  }
}
