/**
 * FileResponse vs Express's res.sendFile on a 1 GiB file: throughput and the server's RSS.
 *
 *   npx ts-node --transpile-only bench/file-response.ts [--size-mib 1024] [--rounds 5]
 *
 * The server runs in a child process (so its RSS is its own), on 127.0.0.1, with two routes
 * serving the same file. The parent downloads each route in turn with Node's http client,
 * counting and discarding the bytes; rounds alternate which route goes first. The child
 * samples its RSS every 5 ms and reports the peak growth over the RSS at the start of each
 * download. The file is made in os.tmpdir() and removed at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { FileResponse, view } from '../lib/index.js';

const MiB = 1024 * 1024;

interface Sample {
  route: string;
  bytes: number;
  seconds: number;
  rssGrowth: number;
}

type ToChild = { type: 'mark' } | { type: 'peak' };
type FromChild = { type: 'listening'; port: number } | { type: 'peak'; growth: number; rss: number };

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The server side: two routes, RSS sampling, and IPC to report it. */
function serve(path: string): void {
  const app = express();
  app.get('/send-file', (_req, res, next) => res.sendFile(path, (err) => err && next(err)));
  app.get(
    '/file-response',
    view(() => new FileResponse(path)),
  );
  let baseline = process.memoryUsage.rss();
  let peak = baseline;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5).unref();
  process.on('message', (message: ToChild) => {
    if (message.type === 'mark') {
      (globalThis as { gc?: () => void }).gc?.();
      baseline = process.memoryUsage.rss();
      peak = baseline;
      process.send?.({ type: 'marked' });
    } else {
      peak = Math.max(peak, process.memoryUsage.rss());
      process.send?.({ type: 'peak', growth: peak - baseline, rss: peak } satisfies FromChild);
    }
  });
  const server = http.createServer(app).listen(0, '127.0.0.1', () => {
    process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies FromChild);
  });
  process.on('disconnect', () => process.exit(0));
}

/** Write `sizeMiB` MiB of incompressible bytes (one random MiB repeated). */
async function makeFile(path: string, sizeMiB: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let i = 0; i < sizeMiB; i++) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function ask(child: ChildProcess, message: ToChild, reply: string): Promise<FromChild> {
  return new Promise((resolve) => {
    const onMessage = (incoming: FromChild | { type: 'marked' }): void => {
      if (incoming.type !== reply) return;
      child.off('message', onMessage);
      resolve(incoming as FromChild);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** Download `url`, discarding the bytes; resolve with the byte count and the seconds taken. */
function download(url: string): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(url, { agent: false }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: status ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function measure(child: ChildProcess, base: string, route: string): Promise<Sample> {
  await ask(child, { type: 'mark' }, 'marked');
  const { bytes, seconds } = await download(`${base}${route}`);
  const peak = (await ask(child, { type: 'peak' }, 'peak')) as Extract<FromChild, { type: 'peak' }>;
  return { route, bytes, seconds, rssGrowth: peak.growth };
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

async function main(): Promise<void> {
  const sizeMiB = option('size-mib', 1024);
  const rounds = option('rounds', 5);
  const dir = mkdtempSync(join(tmpdir(), 'ehr-bench-'));
  const path = join(dir, 'one-gib.bin');
  let child: ChildProcess | undefined;
  try {
    console.log(`Making a ${sizeMiB} MiB file in ${dir} ...`);
    await makeFile(path, sizeMiB);
    child = fork(__filename, ['--serve', path], {
      execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<FromChild>((resolve) => child?.once('message', resolve));
    if (ready.type !== 'listening') throw new Error('the server did not start');
    const base = `http://127.0.0.1:${ready.port}`;
    const routes = ['/send-file', '/file-response'];

    // Warm up: JIT, and the file in the page cache for both.
    for (const route of routes) await download(`${base}${route}`);

    const samples: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? routes : [...routes].reverse();
      for (const route of order) {
        const sample = await measure(child, base, route);
        if (sample.bytes !== sizeMiB * MiB) throw new Error(`${route} sent ${sample.bytes} bytes`);
        samples.push(sample);
        console.log(
          `round ${round + 1} ${route.padEnd(15)} ${fmt(sample.bytes / MiB / sample.seconds, 0).padStart(6)} MiB/s  RSS +${fmt(sample.rssGrowth / MiB)} MiB`,
        );
      }
    }

    const summary = routes.map((route) => {
      const mine = samples.filter((sample) => sample.route === route);
      const throughput = mine.reduce((sum, s) => sum + s.bytes, 0) / MiB / mine.reduce((sum, s) => sum + s.seconds, 0);
      const rates = mine.map((s) => s.bytes / MiB / s.seconds).sort((a, b) => a - b);
      const median = rates[Math.floor(rates.length / 2)] ?? 0;
      const rssGrowth = Math.max(...mine.map((s) => s.rssGrowth)) / MiB;
      return { route, throughput, median, rssGrowth };
    });
    const [sendFile, fileResponse] = summary as [(typeof summary)[0], (typeof summary)[0]];
    const ratio = fileResponse.throughput / sendFile.throughput;
    const medianRatio = fileResponse.median / sendFile.median;
    console.log('');
    console.log(
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30)} GiB RAM (${fmt(freemem() / 2 ** 30)} free), Node ${process.version}`,
    );
    console.log(`file: ${sizeMiB} MiB, ${rounds} rounds per route, interleaved`);
    console.log('| route | throughput, all rounds (MiB/s) | median round (MiB/s) | peak RSS growth (MiB) |');
    console.log('| --- | --- | --- | --- |');
    for (const row of summary) {
      console.log(`| ${row.route} | ${fmt(row.throughput, 0)} | ${fmt(row.median, 0)} | ${fmt(row.rssGrowth)} |`);
    }
    console.log(
      `ratio FileResponse / sendFile: ${fmt(ratio, 3)} overall, ${fmt(medianRatio, 3)} by median (target >= 0.95) ${ratio >= 0.95 ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(
      `FileResponse RSS growth: ${fmt(fileResponse.rssGrowth)} MiB (target < 32) ${fileResponse.rssGrowth < 32 ? 'OK' : 'ABOVE TARGET'}`,
    );
  } finally {
    child?.disconnect();
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3] ?? '');
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
