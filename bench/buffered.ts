/**
 * HttpResponse / JsonResponse vs Express's res.send / res.json: requests per second.
 *
 *   npx ts-node --transpile-only bench/buffered.ts [--duration 5] [--rounds 2] [--connections 50]
 *
 * The server runs in a child process on 127.0.0.1; autocannon drives each route in turn
 * from the parent, rounds alternating the order. Each pair sends the same body.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import express from 'express';
import { HttpResponse, JsonResponse, view } from '../lib/index.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const HTML = '<!doctype html><title>Hello</title><h1>Hello, world</h1>';
const DATA = { id: 42, name: 'Ada Lovelace', tags: ['math', 'engines'], active: true, score: 99.5 };

const PAIRS: Array<[label: string, express: string, ours: string]> = [
  ['HTML body', '/send', '/http-response'],
  ['JSON body', '/json', '/json-response'],
];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function serve(): void {
  const app = express();
  app.get('/send', (_req, res) => {
    res.send(HTML);
  });
  app.get(
    '/http-response',
    view(() => new HttpResponse(HTML)),
  );
  app.get('/json', (_req, res) => {
    res.json(DATA);
  });
  app.get(
    '/json-response',
    view(() => new JsonResponse(DATA)),
  );
  const server = http.createServer(app).listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  // The parent asks for the server's CPU time around each run: CPU per request is steadier
  // than requests per second on a shared machine, where the load generator competes too.
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
  process.on('disconnect', () => process.exit(0));
}

async function main(): Promise<void> {
  const duration = option('duration', 5);
  const rounds = option('rounds', 2);
  const connections = option('connections', 50);
  const child: ChildProcess = fork(__filename, ['--serve'], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve));
    const base = `http://127.0.0.1:${port}`;
    const routes = PAIRS.flatMap(([, a, b]) => [a, b]);
    for (const route of routes) await autocannon({ url: `${base}${route}`, connections, duration: 1 }); // warm-up
    const totals = new Map<string, number[]>();
    const cpuPerRequest = new Map<string, number[]>();
    const serverCpu = (): Promise<number> =>
      new Promise((resolve) => {
        child.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
        child.send('cpu');
      });
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? routes : [...routes].reverse();
      for (const route of order) {
        const cpuBefore = await serverCpu();
        const result = await autocannon({ url: `${base}${route}`, connections, duration });
        const cpuMicros = (await serverCpu()) - cpuBefore;
        cpuPerRequest.set(route, [...(cpuPerRequest.get(route) ?? []), cpuMicros / result.requests.total]);
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${route}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        totals.set(route, [...(totals.get(route) ?? []), result.requests.average]);
        console.log(
          `round ${round + 1} ${route.padEnd(15)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${result.latency.p99} ms  server CPU ${(cpuMicros / result.requests.total).toFixed(1)} µs/req`,
        );
      }
    }
    const mean = (values: number[] | undefined = []): number =>
      values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
    console.log('');
    console.log(
      `machine: ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; ${connections} connections, ${duration} s x ${rounds} rounds`,
    );
    console.log(
      '| body | Express req/s | ours req/s | throughput ratio | Express server CPU µs/req | ours µs/req | CPU-cost ratio (Express/ours) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const [label, theirs, ours] of PAIRS) {
      const [rpsTheirs, rpsOurs] = [mean(totals.get(theirs)), mean(totals.get(ours))];
      const [cpuTheirs, cpuOurs] = [mean(cpuPerRequest.get(theirs)), mean(cpuPerRequest.get(ours))];
      console.log(
        `| ${label}: \`${theirs}\` vs \`${ours}\` | ${rpsTheirs.toFixed(0)} | ${rpsOurs.toFixed(0)} | ${(rpsOurs / rpsTheirs).toFixed(3)} | ${cpuTheirs.toFixed(1)} | ${cpuOurs.toFixed(1)} | ${(cpuTheirs / cpuOurs).toFixed(3)} |`,
      );
    }
  } finally {
    child.disconnect();
    child.kill();
  }
}

if (process.argv[2] === '--serve') {
  serve();
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
