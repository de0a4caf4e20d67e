/**
 * Soak: hundreds of thousands of mixed requests against one server, watching its memory
 * and descriptors. Not part of `npm test`.
 *
 *   npm run soak -- [--requests 300000] [--concurrency 32] [--out bench]
 *
 * The server runs in a child process (with --expose-gc) on 127.0.0.1 and reports, every
 * second, its heap (as used, and after a full GC), RSS and open descriptors (/proc/self/fd).
 * The parent drives a weighted mix over keep-alive connections: buffered HTML, JSON,
 * cookies, streamed bodies, a file with byte ranges (single, suffix, unsatisfiable,
 * conditional), redirects, 404 / 500 / 400 errors, and client aborts before the head and in
 * the middle of a streamed body or a file. Every answer is checked (status, length).
 * At the end it waits for the server to be idle, closes its connections, and compares the
 * descriptors with the baseline taken before the first request.
 *
 * Writes `soak.md` (the figures) and `soak-heap.svg` (heap and RSS over time) to `--out`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import * as prettier from 'prettier';
import {
  FileResponse,
  Http404,
  HttpResponse,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  SuspiciousOperation,
  httpErrorHandler,
  view,
} from '../lib/index.js';

// --- the server (child process) -------------------------------------------------------------

interface Sample {
  /** Seconds since the server started sampling. */
  t: number;
  heapUsed: number;
  heapAfterGc: number;
  rss: number;
  fds: number;
  /** Requests the parent had completed when the sample arrived. */
  done?: number;
}

const FILE_SIZE = 256 * 1024;
const STREAM_BYTES = Array.from({ length: 20 }, (_, i) => `line ${i} ${'x'.repeat(100)}\n`.length).reduce(
  (a, b) => a + b,
);
const HTML = `<!doctype html><title>Soak</title>${'<p>Lorem ipsum dolor sit amet.</p>'.repeat(60)}`;

function serve(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ehr-soak-'));
  const file = join(dir, 'data.bin');
  writeFileSync(file, Buffer.from(Array.from({ length: FILE_SIZE }, (_, i) => i % 251)));
  let serverErrors = 0;
  let created = 0;
  let closes = 0;
  const track = <T extends { close(): void }>(response: T): T => {
    created++;
    const close = response.close.bind(response);
    response.close = () => {
      closes++;
      close();
    };
    return response;
  };

  const app = express();
  app.set('env', 'production');
  app.get(
    '/buffered',
    view(() => track(new HttpResponse(HTML))),
  );
  app.get(
    '/json',
    view((req) => track(new JsonResponse({ id: Number(req.query.id ?? 0), name: 'Ada', tags: new Set(['a', 'b']) }))),
  );
  app.get(
    '/cookie',
    view(() =>
      track(
        new HttpResponse('ok')
          .setCookie('seen', '1', { maxAge: 3600, httpOnly: true, sameSite: 'Lax' })
          .setSignedCookie('user', 'ada', { secret: 'soak-secret' }),
      ),
    ),
  );
  app.get(
    '/stream',
    view(() => {
      const chunks = 20;
      return track(
        new StreamingHttpResponse(
          (function* () {
            for (let i = 0; i < chunks; i++) yield `line ${i} ${'x'.repeat(100)}\n`;
          })(),
          { contentType: 'text/plain' },
        ),
      );
    }),
  );
  app.get(
    '/slow-stream',
    view(() =>
      track(
        new StreamingHttpResponse(
          (async function* () {
            for (let i = 0; i < 1000; i++) {
              yield 'y'.repeat(1024);
              await new Promise((r) => setImmediate(r));
            }
          })(),
        ),
      ),
    ),
  );
  app.get(
    '/file',
    view(() => track(new FileResponse(file, { asAttachment: true, filename: 'données.bin' }))),
  );
  app.get(
    '/delayed',
    view(async () => {
      await new Promise((r) => setTimeout(r, 2));
      return track(new HttpResponse('late'));
    }),
  );
  app.get(
    '/redirect',
    view(() => track(new HttpResponseRedirect('/target?next=/café&x=1'))),
  );
  app.get(
    '/missing',
    view(() => {
      throw new Http404('No such page');
    }),
  );
  app.get(
    '/boom',
    view(() => {
      throw new Error('soak failure');
    }),
  );
  app.get(
    '/unsafe',
    view(() => {
      throw new SuspiciousOperation('no');
    }),
  );
  app.use(
    httpErrorHandler({
      log: () => {
        serverErrors++;
      },
    }),
  );

  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  const started = process.hrtime.bigint();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the soak server needs --expose-gc');
  const sample = (): Sample => {
    const heapUsed = process.memoryUsage().heapUsed;
    gc();
    const { heapUsed: heapAfterGc, rss } = process.memoryUsage();
    return {
      t: Number(process.hrtime.bigint() - started) / 1e9,
      heapUsed,
      heapAfterGc,
      rss,
      fds: readdirSync('/proc/self/fd').length,
    };
  };
  server.listen(0, '127.0.0.1', () => {
    const baseline = sample();
    process.send?.({ port: (server.address() as AddressInfo).port, baseline });
    const timer = setInterval(() => process.send?.({ sample: sample() }), 1000);
    process.on('message', (message: string) => {
      if (message === 'stop') {
        clearInterval(timer);
        process.send?.({ final: sample(), serverErrors, created, closes });
      }
    });
  });
  process.on('disconnect', () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

// --- the load (parent process) ---------------------------------------------------------------

type Kind =
  | 'buffered'
  | 'json'
  | 'cookie'
  | 'stream'
  | 'file'
  | 'file-range'
  | 'file-suffix'
  | 'file-416'
  | 'file-304'
  | 'redirect'
  | 'missing'
  | 'boom'
  | 'unsafe'
  | 'abort-head'
  | 'abort-stream'
  | 'abort-file';

/** The mix, by weight out of 100. */
const MIX: Array<[Kind, number]> = [
  ['buffered', 20],
  ['json', 15],
  ['cookie', 6],
  ['stream', 12],
  ['file', 4],
  ['file-range', 8],
  ['file-suffix', 3],
  ['file-416', 2],
  ['file-304', 2],
  ['redirect', 8],
  ['missing', 5],
  ['boom', 3],
  ['unsafe', 2],
  ['abort-head', 3],
  ['abort-stream', 4],
  ['abort-file', 3],
];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function textOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

interface Outcome {
  status: number;
  bytes: number;
  aborted?: boolean;
}

/** One request of `kind`; resolves with what came back (aborts resolve once cut). */
function send(agent: http.Agent, port: number, kind: Kind, lastModified: string): Promise<Outcome> {
  const paths: Record<Kind, [string, Record<string, string>?]> = {
    buffered: ['/buffered'],
    json: ['/json?id=7'],
    cookie: ['/cookie'],
    stream: ['/stream'],
    file: ['/file'],
    'file-range': ['/file', { range: 'bytes=1000-1999' }],
    'file-suffix': ['/file', { range: 'bytes=-500' }],
    'file-416': ['/file', { range: `bytes=${FILE_SIZE + 10}-` }],
    'file-304': ['/file', { 'if-modified-since': lastModified }],
    redirect: ['/redirect'],
    missing: ['/missing'],
    boom: ['/boom'],
    unsafe: ['/unsafe'],
    'abort-head': ['/delayed'],
    'abort-stream': ['/slow-stream'],
    'abort-file': ['/file'],
  };
  const [path, headers = {}] = paths[kind];
  return new Promise((resolveOutcome, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (kind === 'abort-stream' || (kind === 'abort-file' && bytes >= 16 * 1024)) {
          req.destroy();
          resolveOutcome({ status: res.statusCode ?? 0, bytes, aborted: true });
        }
      });
      res.on('end', () => resolveOutcome({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolveOutcome({ status: res.statusCode ?? 0, bytes, aborted: true }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (kind.startsWith('abort')) resolveOutcome({ status: 0, bytes: 0, aborted: true });
      else reject(err);
    });
    if (kind === 'abort-head') {
      // Gone before the view answers: the request is sent, then the connection dropped.
      req.on('finish', () => setImmediate(() => req.destroy()));
    }
  });
}

const EXPECTED: Record<Kind, (o: Outcome) => boolean> = {
  buffered: (o) => o.status === 200 && o.bytes === Buffer.byteLength(HTML),
  json: (o) => o.status === 200 && o.bytes > 20,
  cookie: (o) => o.status === 200 && o.bytes === 2,
  stream: (o) => o.status === 200 && o.bytes === STREAM_BYTES,
  file: (o) => o.status === 200 && o.bytes === FILE_SIZE,
  'file-range': (o) => o.status === 206 && o.bytes === 1000,
  'file-suffix': (o) => o.status === 206 && o.bytes === 500,
  'file-416': (o) => o.status === 416,
  'file-304': (o) => o.status === 304 && o.bytes === 0,
  redirect: (o) => o.status === 302,
  missing: (o) => o.status === 404,
  boom: (o) => o.status === 500,
  unsafe: (o) => o.status === 400,
  'abort-head': (o) => o.aborted === true || o.status === 200,
  'abort-stream': (o) => o.aborted === true || o.status === 200,
  'abort-file': (o) => o.aborted === true || o.status === 200,
};

async function main(): Promise<void> {
  const total = option('requests', 300_000);
  const concurrency = option('concurrency', 32);
  const out = resolve(textOption('out', join(__dirname)));
  const child = fork(__filename, ['--serve'], {
    execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: Sample[] = [];
  let done = 0;
  const ready = new Promise<{ port: number; baseline: Sample }>((resolveReady) => {
    child.on('message', (message: { port?: number; baseline?: Sample; sample?: Sample }) => {
      if (message.port !== undefined && message.baseline) resolveReady(message as { port: number; baseline: Sample });
      if (message.sample) samples.push({ ...message.sample, done });
    });
  });
  const { port, baseline } = await ready;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  const lastModified = await new Promise<string>((resolveHead) => {
    http.get({ host: '127.0.0.1', port, path: '/file', agent }, (res) => {
      res.resume();
      res.on('end', () => resolveHead(String(res.headers['last-modified'])));
    });
  });

  // A deterministic weighted sequence: kind i of every 100 follows MIX.
  const sequence: Kind[] = MIX.flatMap(([kind, weight]) => Array<Kind>(weight).fill(kind));
  for (let i = sequence.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [sequence[i], sequence[j]] = [sequence[j]!, sequence[i]!];
  }
  const counts = new Map<Kind, number>();
  const statuses = new Map<number, number>();
  const wrong: string[] = [];
  let aborted = 0;
  let next = 0;
  const startedAt = Date.now();
  let lastReport = startedAt;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const kind = sequence[next++ % sequence.length]!;
      const outcome = await send(agent, port, kind, lastModified);
      done++;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      if (outcome.aborted) aborted++;
      if (!EXPECTED[kind](outcome) && wrong.length < 20) wrong.push(`${kind}: ${JSON.stringify(outcome)}`);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const last = samples[samples.length - 1];
        console.log(
          `${done} requests, ${(done / ((Date.now() - startedAt) / 1000)).toFixed(0)} req/s; server heap after GC ${mib(last?.heapAfterGc)} MiB, RSS ${mib(last?.rss)} MiB, fds ${last?.fds}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - startedAt) / 1000;
  agent.destroy();
  // Let the server see every connection close, then a couple of idle samples.
  await new Promise((r) => setTimeout(r, 3000));
  const final = await new Promise<{ final: Sample; serverErrors: number; created: number; closes: number }>(
    (resolveFinal) => {
      child.on('message', (message: { final?: Sample }) => {
        if (message.final) resolveFinal(message as never);
      });
      child.send('stop');
    },
  );
  child.disconnect();

  const report = analyse({ total, concurrency, elapsed, baseline, samples, final, counts, statuses, wrong, aborted });
  // Written as Prettier would, so the repository's format check passes on the result.
  const config = (await prettier.resolveConfig(join(__dirname, 'soak.md'))) ?? {};
  const markdown = await prettier.format(report.markdown, { ...config, parser: 'markdown' });
  writeFileSync(join(out, 'soak.md'), markdown);
  writeFileSync(join(out, 'soak-heap.svg'), plot(samples, report.warmupEnd));
  console.log(markdown);
  if (!report.passed) process.exitCode = 1;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '?' : (bytes / 2 ** 20).toFixed(1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Least-squares slope of `y` over `x`. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

function analyse(run: {
  total: number;
  concurrency: number;
  elapsed: number;
  baseline: Sample;
  samples: Sample[];
  final: { final: Sample; serverErrors: number; created: number; closes: number };
  counts: Map<Kind, number>;
  statuses: Map<number, number>;
  wrong: string[];
  aborted: number;
}): { markdown: string; passed: boolean; warmupEnd: number } {
  const { samples, baseline, final } = run;
  // Warm-up: the first fifth of the run (JIT, pools, caches settle).
  const warmupEnd = samples.length > 0 ? samples[Math.floor(samples.length / 5)]!.t : 0;
  const steady = samples.filter((s) => s.t >= warmupEnd);
  const window = Math.max(3, Math.floor(steady.length / 10));
  const early = steady.slice(0, window);
  const late = steady.slice(-window);
  const heapEarly = median(early.map((s) => s.heapAfterGc));
  const heapLate = median(late.map((s) => s.heapAfterGc));
  const rssEarly = median(early.map((s) => s.rss));
  const rssLate = median(late.map((s) => s.rss));
  const heapSlope = slope(steady.map((s) => [s.t, s.heapAfterGc]));
  const duration = steady.length > 1 ? steady[steady.length - 1]!.t - steady[0]!.t : 0;
  const heapGrowth = heapLate - heapEarly;
  const maxFds = Math.max(...samples.map((s) => s.fds));
  const errorsExpected = run.counts.get('boom') ?? 0;
  const checks: Array<[string, boolean]> = [
    [`at least 300 000 requests (${run.total})`, run.total >= 300_000],
    [`every answer as expected (${run.wrong.length} wrong)`, run.wrong.length === 0],
    [
      `heap after GC, steady state: ${mib(heapEarly)} → ${mib(heapLate)} MiB (growth under 2 MiB)`,
      heapGrowth < 2 * 2 ** 20,
    ],
    [
      `heap trend after warm-up: ${((heapSlope * 60) / 1024).toFixed(1)} KiB/min (under 256 KiB/min)`,
      heapSlope * 60 < 256 * 1024,
    ],
    [`descriptors back to baseline: ${baseline.fds} → ${final.final.fds}`, final.final.fds <= baseline.fds],
    [`close() once per response: ${final.closes} calls for ${final.created} responses`, final.closes === final.created],
    [
      `500s reported once each: ${final.serverErrors} reports for ${errorsExpected} /boom`,
      final.serverErrors === errorsExpected,
    ],
  ];
  const passed = checks.every(([, ok]) => ok);
  const kinds = MIX.map(([kind]) => `| ${kind} | ${run.counts.get(kind) ?? 0} |`).join('\n');
  const statusRows = [...run.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `| ${status === 0 ? 'cut (abort)' : status} | ${n} |`)
    .join('\n');
  const markdown = `# Soak: ${run.total.toLocaleString('en-US')} mixed requests against one server

Run with \`npm run soak\` (${new Date().toISOString().slice(0, 16)} UTC; ${cpus().length} CPUs shared with other work,
${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, Express 5, ${run.concurrency} keep-alive
connections). The server runs in a child process with \`--expose-gc\`; every second it reports its heap (as used
and after a full GC), RSS and open descriptors.

**${passed ? 'Passed' : 'FAILED'}**: ${run.total} requests in ${run.elapsed.toFixed(0)} s
(${(run.total / run.elapsed).toFixed(0)} req/s, load generator on the same machine), ${run.aborted} client aborts,
${duration.toFixed(0)} s of steady state after a ${warmupEnd.toFixed(0)} s warm-up.

| check | result |
| --- | --- |
${checks.map(([label, ok]) => `| ${label} | ${ok ? 'ok' : '**failed**'} |`).join('\n')}

| memory | start | after warm-up | end of load | after idle |
| --- | --- | --- | --- | --- |
| heap after GC (MiB) | ${mib(baseline.heapAfterGc)} | ${mib(heapEarly)} | ${mib(heapLate)} | ${mib(final.final.heapAfterGc)} |
| RSS (MiB) | ${mib(baseline.rss)} | ${mib(rssEarly)} | ${mib(rssLate)} | ${mib(final.final.rss)} |
| descriptors | ${baseline.fds} | | max ${maxFds} | ${final.final.fds} |

![heap and RSS of the server over the soak](soak-heap.svg)

Requests by kind (the mix repeats every 100 requests):

| kind | requests |
| --- | --- |
${kinds}

Statuses as the client saw them:

| status | responses |
| --- | --- |
${statusRows}
${run.wrong.length > 0 ? `\nWrong answers (first 20):\n\n${run.wrong.map((w) => `- ${w}`).join('\n')}\n` : ''}
Kinds: \`buffered\` HTML (2 KB), \`json\` (a Set in it), \`cookie\` (a plain and a signed cookie), \`stream\` (a sync
generator, 20 chunks), \`file\` a 256 KiB FileResponse (attachment with a non-ASCII name), \`file-range\`
\`bytes=1000-1999\`, \`file-suffix\` \`bytes=-500\`, \`file-416\` past the end, \`file-304\` If-Modified-Since,
\`redirect\` (non-ASCII Location), \`missing\` Http404, \`boom\` a thrown Error (500, reported through
httpErrorHandler's \`log\`), \`unsafe\` SuspiciousOperation (400), \`abort-head\` the client leaves before the view
answers, \`abort-stream\` leaves at the first chunk of a 1000-chunk async stream, \`abort-file\` leaves after 16 KiB.
The client counts \`abort-stream\` and \`abort-file\` under 200 (it saw the head, then left), \`abort-head\` as cut.
`;
  return { markdown, passed, warmupEnd };
}

/** A hand-written SVG line chart of heap (after GC, and as used) and RSS over time. */
function plot(samples: Sample[], warmupEnd: number): string {
  const width = 900;
  const height = 420;
  const margin = { left: 70, right: 20, top: 40, bottom: 50 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const yMaxRaw = Math.max(1, ...samples.map((s) => Math.max(s.rss, s.heapUsed))) / 2 ** 20;
  const step = yMaxRaw > 200 ? 50 : yMaxRaw > 100 ? 25 : yMaxRaw > 40 ? 10 : 5;
  const yMax = Math.ceil(yMaxRaw / step) * step;
  const x = (t: number) => margin.left + (t / tMax) * plotW;
  const y = (bytes: number) => margin.top + plotH - (bytes / 2 ** 20 / yMax) * plotH;
  const line = (pick: (s: Sample) => number) =>
    samples.map((s) => `${x(s.t).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const yTicks: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    const py = margin.top + plotH - (v / yMax) * plotH;
    yTicks.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${py}" y2="${py}" stroke="#e5e5e5"/><text x="${margin.left - 8}" y="${py + 4}" text-anchor="end">${v}</text>`,
    );
  }
  const xStep = tMax > 600 ? 120 : tMax > 240 ? 60 : tMax > 60 ? 30 : 10;
  const xTicks: string[] = [];
  for (let t = 0; t <= tMax; t += xStep) {
    xTicks.push(`<text x="${x(t)}" y="${margin.top + plotH + 18}" text-anchor="middle">${t}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${margin.left}" y="22" font-size="15">Soak: server memory over ${samples.length} one-second samples</text>
${yTicks.join('\n')}
${xTicks.join('\n')}
<rect x="${margin.left}" y="${margin.top}" width="${x(warmupEnd) - margin.left}" height="${plotH}" fill="#f3f3f3"/>
<text x="${margin.left + 6}" y="${margin.top + 14}" fill="#888">warm-up</text>
<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line((s) => s.rss)}"/>
<polyline fill="none" stroke="#9ecae1" stroke-width="1" points="${line((s) => s.heapUsed)}"/>
<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((s) => s.heapAfterGc)}"/>
<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#333"/>
<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#333"/>
<text x="${margin.left + plotW / 2}" y="${height - 12}" text-anchor="middle">seconds</text>
<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">MiB</text>
<g transform="translate(${margin.left + plotW - 230} ${margin.top + 10})">
<rect width="225" height="62" fill="#fff" stroke="#ccc"/>
<line x1="8" x2="32" y1="14" y2="14" stroke="#d62728" stroke-width="2"/><text x="38" y="18">RSS</text>
<line x1="8" x2="32" y1="32" y2="32" stroke="#9ecae1" stroke-width="1"/><text x="38" y="36">heap used (before GC)</text>
<line x1="8" x2="32" y1="50" y2="50" stroke="#1f77b4" stroke-width="2"/><text x="38" y="54">heap after full GC</text>
</g>
</svg>
`;
}

if (process.argv[2] === '--serve') {
  serve();
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
