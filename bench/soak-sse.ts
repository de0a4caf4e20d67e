/**
 * Soak for live responses: `npm run soak:sse` holds 1,000 EventStreamResponses open on one
 * server process with heartbeats, then drops every client at once, and checks that every
 * generator's `finally` ran, that descriptors and the heap (after a full GC) returned to
 * their baseline and that no rejection went unhandled; it reports memory per open stream.
 *
 * The server runs in a child process with --expose-gc, as in bench/soak.ts; the clients in
 * this one. Options: --streams N (1000), --hold S (seconds open, 5), --out DIR (bench/).
 * Writes soak-sse.md to --out and exits non-zero when a check fails.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { holdStreams, openFds, serveEventStreams, type StreamCounts } from './sse-streams.js';

interface Sample extends StreamCounts {
  heapAfterGc: number;
  rss: number;
  fds: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

async function serve(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the soak server needs --expose-gc');
  const { url, counts } = await serveEventStreams({ heartbeatMs: 250, tickMs: 1000 });
  const sample = (): Sample => {
    gc();
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    return { ...counts, heapAfterGc: heapUsed, rss, fds: openFds() };
  };
  process.on('message', () => process.send?.(sample()));
  process.send?.({ url });
  process.on('disconnect', () => process.exit(0));
}

const MiB = 1024 * 1024;
const mib = (bytes: number): string => (bytes / MiB).toFixed(1);

async function main(): Promise<void> {
  const streams = option('streams', 1000);
  const holdSeconds = option('hold', 5);
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex === -1 ? __dirname : (process.argv[outIndex + 1] ?? __dirname));
  const child = fork(__filename, ['--serve'], {
    execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: ((s: Sample) => void) | undefined;
  const url = await new Promise<string>((resolveUrl) => {
    child.on('message', (message: { url?: string } & Partial<Sample>) => {
      if (message.url !== undefined) resolveUrl(message.url);
      else pending?.(message as Sample);
    });
  });
  const sample = (): Promise<Sample> =>
    new Promise((resolveSample) => {
      pending = resolveSample;
      child.send('sample');
    });

  // Warm up: one round of a few streams, so code and pools are in the baseline.
  const warm = await holdStreams(url, 20);
  warm.drop();
  let s = await sample();
  for (let i = 0; i < 100 && s.open > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    s = await sample();
  }
  await new Promise((r) => setTimeout(r, 1500));
  const baseline = await sample();

  const started = Date.now();
  const held = await holdStreams(url, streams);
  const openedIn = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, holdSeconds * 1000));
  const open = await sample();
  const bytesWhileOpen = held.bytes();

  held.drop();
  const dropped = Date.now();
  let after = await sample();
  while (after.finallies - baseline.finallies < streams && Date.now() - dropped < 15_000) {
    await new Promise((r) => setTimeout(r, 100));
    after = await sample();
  }
  const finallyIn = (Date.now() - dropped) / 1000;
  // Sockets close asynchronously after the finally blocks: give the descriptors a moment.
  for (let i = 0; i < 50 && after.fds > baseline.fds; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await sample();
  }
  child.disconnect();

  const perStreamHeap = (open.heapAfterGc - baseline.heapAfterGc) / streams;
  const perStreamRss = (open.rss - baseline.rss) / streams;
  const checks: Array<[string, boolean]> = [
    [`${streams} streams open at once (${open.open - baseline.open} open)`, open.open - baseline.open === streams],
    [
      `every generator's finally ran: ${after.finallies - baseline.finallies} of ${streams}`,
      after.finallies - baseline.finallies === streams && after.open === 0,
    ],
    [`descriptors back to baseline: ${baseline.fds} → ${open.fds} open → ${after.fds}`, after.fds <= baseline.fds],
    [
      `heap after GC back to baseline: ${mib(baseline.heapAfterGc)} → ${mib(open.heapAfterGc)} open → ${mib(after.heapAfterGc)} MiB (growth under 2 MiB, as in soak.md)`,
      after.heapAfterGc - baseline.heapAfterGc < 2 * MiB,
    ],
    [`no unhandled rejection (${after.unhandledRejections})`, after.unhandledRejections === 0],
  ];
  const passed = checks.every(([, ok]) => ok);
  const width = Math.max(...checks.map(([text]) => text.length));
  const report = `# Soak: ${streams} event streams held open, then every client dropped at once

Run with \`npm run soak:sse\` (${new Date().toISOString().slice(0, 16)} UTC; Node ${process.version}, Express 5; 2 CPUs
shared with other work). The server runs in a child process with \`--expose-gc\`; each
stream is an \`EventStreamResponse\` of an async generator with a 250 ms heartbeat and a
tick event every second, half of them awaiting with \`requestSignal(req)\`. The streams
were opened in ${openedIn.toFixed(1)} s and held ${holdSeconds} s (${(bytesWhileOpen / 1024).toFixed(0)} KiB of events and heartbeats
received), then all dropped; every \`finally\` had run ${finallyIn.toFixed(1)} s later.

**${passed ? 'Passed' : 'FAILED'}**

| ${'check'.padEnd(width)} | result |
| ${'-'.repeat(width)} | ------ |
${checks.map(([text, ok]) => `| ${text.padEnd(width)} | ${ok ? 'ok    ' : 'FAILED'} |`).join('\n')}

Memory per open stream: **${(perStreamHeap / 1024).toFixed(1)} KiB of heap** (after GC) and
${(perStreamRss / 1024).toFixed(1)} KiB of RSS (server process, socket buffers included).

| server          | baseline | ${streams} open | after the drop |
| --------------- | -------- | --------- | -------------- |
| heap after GC (MiB) | ${mib(baseline.heapAfterGc)} | ${mib(open.heapAfterGc)} | ${mib(after.heapAfterGc)} |
| RSS (MiB)       | ${mib(baseline.rss)} | ${mib(open.rss)} | ${mib(after.rss)} |
| descriptors     | ${baseline.fds} | ${open.fds} | ${after.fds} |
`;
  writeFileSync(join(out, 'soak-sse.md'), report);
  process.stdout.write(report);
  process.exitCode = passed ? 0 : 1;
}

if (process.argv.includes('--serve')) void serve();
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
