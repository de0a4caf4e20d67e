/**
 * The benchmark: every scenario's adapter route beside its baseline, in one run.
 *
 *   npm run bench                                  # every scenario, 7 rounds of 2 s, 32 connections
 *   npm run bench -- --only json-100k,redirect --rounds 3 --duration 2
 *   npm run bench -- --only file --size-mib 256
 *   npm run bench -- --only json-100k --profile    # writes the server's .cpuprofile
 *
 * The servers (bench/server.ts) run in child processes on 127.0.0.1, the Express app in one and
 * the plain `node:http` server of the ceiling pair in another; autocannon drives each route
 * from this process. Rounds alternate which side of a pair goes first, and the figures
 * are medians over the rounds; ratios are the medians of each round's adapter / baseline ratio,
 * so a slow moment of a shared machine hits both sides of a pair alike. Writes results.md,
 * results.json and ratios.svg (see bench/README.md).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { redisAvailable, startRedis, type RedisServer } from './redis.js';
import { renderMarkdown, renderSvg, type BenchReport, type ScenarioResult, type SideResult } from './report.js';
import { selectScenarios, type Route, type Scenario } from './scenarios.js';
import type { FromServer, ServerKind, ToServer } from './server.js';

const MiB = 1024 * 1024;

/** The options of a run; every one has a command-line flag of the same name. */
export interface BenchOptions {
  /** Seconds per autocannon run. */
  duration: number;
  /** Measured rounds (after one warm-up run of each route). */
  rounds: number;
  connections: number;
  /** Scenario ids (and `size-sweep`); all when empty. */
  only: string[];
  /** The size of the FileResponse scenario's file. */
  sizeMiB: number;
  /** Where results.md, results.json and ratios.svg go; nothing is written when `null`. */
  out: string | null;
  /** Run the server with `--cpu-prof`, writing its profile into this directory. */
  profile: string | null;
  /** Seconds of warm-up per route before the first round. */
  warmup: number;
  /**
   * Instead of autocannon for `duration` seconds (which runs for a second at least), send this
   * many requests per route with a small keep-alive client: for a smoke run. `null`: autocannon.
   */
  requests: number | null;
  /** Print progress. */
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  duration: 2,
  rounds: 7,
  connections: 32,
  only: [],
  sizeMiB: 1024,
  out: resolve(__dirname, 'results'),
  profile: null,
  warmup: 1,
  requests: null,
  log: (line) => console.log(line),
};

/** Parse `--duration 3 --rounds 5 --connections 32 --only a,b --size-mib 1024 --out dir --profile [dir]`. */
export function parseArgs(argv: string[]): BenchOptions {
  const options = { ...DEFAULT_OPTIONS };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${flag} needs a positive number (got ${value}).`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--duration':
        options.duration = number(flag, value);
        i++;
        break;
      case '--rounds':
        options.rounds = Math.round(number(flag, value));
        i++;
        break;
      case '--connections':
        options.connections = Math.round(number(flag, value));
        i++;
        break;
      case '--requests':
        options.requests = Math.round(number(flag, value));
        i++;
        break;
      case '--warmup':
        options.warmup = Number(value);
        i++;
        break;
      case '--size-mib':
        options.sizeMiB = Math.round(number(flag, value));
        i++;
        break;
      case '--only':
        options.only = [...options.only, ...(value ?? '').split(',').filter(Boolean)];
        i++;
        break;
      case '--out':
        options.out = value === 'none' ? null : resolve(value ?? '.');
        i++;
        break;
      case '--profile':
        if (value !== undefined && !value.startsWith('--')) {
          options.profile = resolve(value);
          i++;
        } else {
          options.profile = mkdtempSync(join(tmpdir(), 'ehr-profile-'));
        }
        break;
      default:
        throw new RangeError(
          `Unknown option ${JSON.stringify(flag)}: use --duration, --rounds, --connections, --warmup, --requests, --only, --size-mib, --out or --profile.`,
        );
    }
  }
  selectScenarios(options.only); // Fail on an unknown id before anything starts.
  return options;
}

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with each connection's client as it is made. */
  setupClient?: (client: { setHeaders(headers: Record<string, string>): void }) => void;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** One child server process and how to talk to it. */
interface ServerProcess {
  child: ChildProcess;
  base: string;
  ask: (message: ToServer) => Promise<FromServer>;
}

/** The child servers, by the kind of route they serve: each kind runs in a process of its own. */
type Server = Partial<Record<Route['server'], ServerProcess>>;

async function startServer(
  kind: ServerKind,
  filePath: string | undefined,
  profile: string | null,
  redis: RedisServer | undefined,
): Promise<ServerProcess> {
  // Not ts-node: it loads Node's `domain` module, which slows every EventEmitter (see ts-register.js).
  const execArgv = ['--expose-gc', '-r', join(__dirname, 'ts-register.js')];
  if (profile !== null) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profile}`);
  const child = fork(join(__dirname, 'server.ts'), filePath === undefined ? [kind] : [kind, filePath], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_REDIS_URL: redis?.url ?? '' },
  });
  const ready = await new Promise<FromServer>((resolvePromise, reject) => {
    child.once('message', resolvePromise);
    child.once('exit', (code) =>
      reject(new Error(`The ${kind} bench server exited with code ${code} before listening.`)),
    );
  });
  if (ready.type !== 'ready') throw new Error(`The bench server said ${JSON.stringify(ready)} instead of ready.`);
  // One request at a time: the parent always waits for the reply before asking again.
  const ask = (message: ToServer): Promise<FromServer> =>
    new Promise((resolvePromise) => {
      child.once('message', resolvePromise);
      child.send(message);
    });
  return { child, base: `http://127.0.0.1:${ready.port}`, ask };
}

/** The process serving `route`. */
function serverOf(server: Server, route: Route): ServerProcess {
  const host = server[route.server];
  if (host === undefined) throw new Error(`No ${route.server} bench server was started for ${route.path}.`);
  return host;
}

async function serverCpu(server: ServerProcess): Promise<number> {
  const reply = await server.ask({ type: 'cpu' });
  if (reply.type !== 'cpu') throw new Error(`Expected the server's CPU time, got ${JSON.stringify(reply)}.`);
  return reply.micros;
}

/** Write `sizeMiB` MiB of incompressible bytes (one random MiB repeated). */
async function makeFile(path: string, sizeMiB: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let i = 0; i < sizeMiB; i++) {
    if (!out.write(block)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
}

/** One GET: status, headers and body, or (with `discard`) only the body's length. */
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  bytes: number;
  seconds: number;
}

/** The headers connection number `connection` sends for `route`: its own added to the route's. */
function connectionHeaders(route: Route | undefined, connection: number): Record<string, string> {
  const { headers = {}, connectionHeaders: each } = route?.request ?? {};
  const own = each === undefined || each.length === 0 ? undefined : each[connection % each.length];
  return own === undefined ? headers : { ...headers, ...own };
}

/**
 * `route`'s request (a GET unless it says otherwise) to `url`, as connection number
 * `connection` sends it; `callback` gets the response.
 */
function send(
  url: string,
  route: Route | undefined,
  agent: http.Agent | false,
  callback: (res: http.IncomingMessage) => void,
  connection = 0,
): http.ClientRequest {
  const { method = 'GET', body } = route?.request ?? {};
  const req = http.request(url, { agent, method, headers: connectionHeaders(route, connection) }, callback);
  req.end(body);
  return req;
}

function get(url: string, discard = false, route?: Route, connection = 0): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    send(
      url,
      route,
      false,
      (res) => {
        const parts: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (!discard) parts.push(chunk);
        });
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
            bytes,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          }),
        );
        res.on('error', reject);
      },
      connection,
    ).on('error', reject);
  });
}

/**
 * Check that both routes of `scenario` answer as they should and alike: the status, the
 * headers the scenario names, and the body. Throws an Error describing the first difference.
 */
export async function verifyScenario(scenario: Scenario, server: Server): Promise<void> {
  const discard = scenario.kind === 'download';
  const [baseline, adapter] = [
    await get(`${serverOf(server, scenario.baseline).base}${scenario.baseline.path}`, discard, scenario.baseline),
    await get(`${serverOf(server, scenario.adapter).base}${scenario.adapter.path}`, discard, scenario.adapter),
  ];
  for (const [side, answer] of [
    ['baseline', baseline],
    ['adapter', adapter],
  ] as const) {
    if (answer.status !== scenario.status) {
      throw new Error(`${scenario.id}: the ${side} route answered ${answer.status}, not ${scenario.status}.`);
    }
  }
  for (const name of scenario.sameHeaders) {
    const [a, b] = [baseline.headers[name], adapter.headers[name]];
    if (String(a) !== String(b)) {
      throw new Error(
        `${scenario.id}: header ${name} differs: ${JSON.stringify(a)} (baseline) vs ${JSON.stringify(b)} (adapter).`,
      );
    }
  }
  if (scenario.id === 'headers-cookies') {
    // Expires is the time of the request, and the attribute order is each library's own.
    const cookies = (answer: Answer): string[] =>
      (answer.headers['set-cookie'] ?? []).map((cookie) =>
        cookie
          .split('; ')
          .filter((part) => !/^expires=/i.test(part))
          .map((part) => part.toLowerCase())
          .sort()
          .join('; '),
      );
    if (JSON.stringify(cookies(baseline)) !== JSON.stringify(cookies(adapter))) {
      throw new Error(
        `${scenario.id}: cookies differ: ${JSON.stringify(cookies(baseline))} vs ${JSON.stringify(cookies(adapter))}.`,
      );
    }
  }
  if (baseline.bytes !== adapter.bytes && scenario.sameBody) {
    throw new Error(`${scenario.id}: the bodies differ in length: ${baseline.bytes} vs ${adapter.bytes} bytes.`);
  }
  if (scenario.sameBody && !baseline.body.equals(adapter.body)) {
    throw new Error(`${scenario.id}: the bodies differ.`);
  }
  if (discard && (baseline.bytes !== adapter.bytes || baseline.bytes === 0)) {
    throw new Error(`${scenario.id}: downloads of ${baseline.bytes} and ${adapter.bytes} bytes.`);
  }
}

interface Sample {
  /** Requests per second, or MiB/s for a download. */
  rate: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  requests: number;
  rssGrowth: number;
}

/**
 * Send `amount` GETs to `url` over `connections` keep-alive connections and report them as
 * autocannon does (the part used here): the smoke run's load, well under a second.
 */
async function burst(url: string, amount: number, connections: number, route?: Route): Promise<AutocannonResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statusCodeStats: Record<string, { count: number }> = {};
  let errors = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  const one = (connection: number): Promise<void> =>
    new Promise((done) => {
      const t0 = process.hrtime.bigint();
      send(
        url,
        route,
        agent,
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            const entry = (statusCodeStats[String(res.statusCode)] ??= { count: 0 });
            entry.count++;
            done();
          });
        },
        connection,
      ).on('error', () => {
        errors++;
        done();
      });
    });
  // Each worker sends as one connection does (its connectionHeaders), one request at a time.
  const worker = async (_: unknown, connection: number): Promise<void> => {
    while (sent < amount) {
      sent++;
      await one(connection);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: { total: latencies.length },
    latency: { p50: at(0.5), p99: at(0.99) },
    duration: Number(process.hrtime.bigint() - started) / 1e9,
    errors,
    timeouts: 0,
    statusCodeStats,
  };
}

/** autocannon's options for `route`: each connection with its own headers when the route has some. */
function autocannonOptions(url: string, route: Route, connections: number, duration: number): AutocannonOptions {
  const { method, headers, body, connectionHeaders: each } = route.request ?? {};
  const options: AutocannonOptions = {
    url,
    connections,
    duration,
    ...(method === undefined ? {} : { method }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  };
  if (each !== undefined && each.length > 0) {
    let made = 0;
    options.setupClient = (client) => client.setHeaders(connectionHeaders(route, made++));
  }
  return options;
}

async function runRequests(
  server: Server,
  scenario: Scenario,
  route: Route,
  duration: number,
  options: BenchOptions,
): Promise<Sample> {
  const host = serverOf(server, route);
  const url = `${host.base}${route.path}`;
  const { connections } = options;
  const cpuBefore = await serverCpu(host);
  const result =
    options.requests === null
      ? await autocannon(autocannonOptions(url, route, connections, duration))
      : await burst(url, options.requests, connections, route);
  const cpuMicros = (await serverCpu(host)) - cpuBefore;
  const unexpected = Object.keys(result.statusCodeStats).filter((code) => Number(code) !== scenario.status);
  if (result.errors > 0 || result.timeouts > 0 || unexpected.length > 0 || result.requests.total === 0) {
    throw new Error(
      `${route.path}: ${result.errors} errors, ${result.timeouts} timeouts, statuses ${Object.keys(result.statusCodeStats).join(', ') || 'none'} (expected ${scenario.status}).`,
    );
  }
  return {
    rate: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicrosPerRequest: cpuMicros / result.requests.total,
    requests: result.requests.total,
    rssGrowth: 0,
  };
}

async function runDownload(server: Server, route: Route, expectedBytes: number): Promise<Sample> {
  const host = serverOf(server, route);
  await host.ask({ type: 'mark' });
  const cpuBefore = await serverCpu(host);
  const answer = await get(`${host.base}${route.path}`, true, route);
  const cpuMicros = (await serverCpu(host)) - cpuBefore;
  const peak = await host.ask({ type: 'peak' });
  if (answer.status !== 200 || answer.bytes !== expectedBytes) {
    throw new Error(`${route.path}: status ${answer.status}, ${answer.bytes} of ${expectedBytes} bytes.`);
  }
  return {
    rate: answer.bytes / MiB / answer.seconds,
    p50: answer.seconds * 1000,
    p99: answer.seconds * 1000,
    cpuMicrosPerRequest: cpuMicros,
    requests: 1,
    rssGrowth: peak.type === 'peak' ? peak.growth / MiB : NaN,
  };
}

const median = (values: number[]): number => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function side(route: Route, samples: Sample[]): SideResult {
  return {
    name: route.name,
    path: route.path,
    rate: median(samples.map((s) => s.rate)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cpuMicrosPerRequest: median(samples.map((s) => s.cpuMicrosPerRequest)),
    rssGrowthMiB: Math.max(...samples.map((s) => s.rssGrowth)),
    rounds: samples.map((s) => ({
      rate: s.rate,
      p50: s.p50,
      p99: s.p99,
      cpuMicrosPerRequest: s.cpuMicrosPerRequest,
      requests: s.requests,
      rssGrowthMiB: s.rssGrowth,
    })),
  };
}

function summarise(scenario: Scenario, baseline: Sample[], adapter: Sample[]): ScenarioResult {
  const paired = (pick: (s: Sample) => number): number =>
    median(adapter.map((a, i) => pick(a) / pick(baseline[i] as Sample)));
  const ratio = paired((s) => s.rate);
  const p99Ratio = scenario.kind === 'requests' ? paired((s) => s.p99) : NaN;
  const cpuRatio = paired((s) => s.cpuMicrosPerRequest);
  const adapterSide = side(scenario.adapter, adapter);
  const met =
    ratio >= scenario.target &&
    (scenario.p99Target === undefined || p99Ratio <= scenario.p99Target) &&
    (scenario.kind !== 'download' || adapterSide.rssGrowthMiB < 32);
  return {
    id: scenario.id,
    label: scenario.label,
    short: scenario.short,
    kind: scenario.kind,
    ...(scenario.sweep === undefined ? {} : { sweepBytes: scenario.sweep.bytes }),
    target: scenario.target,
    ...(scenario.p99Target === undefined ? {} : { p99Target: scenario.p99Target }),
    baseline: side(scenario.baseline, baseline),
    adapter: adapterSide,
    ratio,
    p99Ratio,
    cpuRatio,
    met,
  };
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Run the benchmark and return its report (and write it, unless `options.out` is null). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log;
  const haveRedis = redisAvailable();
  const scenarios = selectScenarios(options.only).filter((scenario) => {
    if (scenario.needs !== 'redis' || haveRedis) return true;
    log(`Skipping ${scenario.id}: redis-server is not installed (apt-get install -y redis-server).`);
    return false;
  });
  const started = new Date();
  const needsFile = scenarios.some((s) => s.kind === 'download');
  const dir = needsFile ? mkdtempSync(join(tmpdir(), 'ehr-bench-')) : undefined;
  const filePath = dir === undefined ? undefined : join(dir, 'big-file.bin');
  const server: Server = {};
  let redis: RedisServer | undefined;
  try {
    if (scenarios.some((s) => s.needs === 'redis')) {
      redis = await startRedis();
      log(`Started redis-server on 127.0.0.1:${redis.port} (no persistence) for the scenarios on Redis.`);
    }
    if (filePath !== undefined) {
      log(`Making a ${options.sizeMiB} MiB file in ${dir} ...`);
      await makeFile(filePath, options.sizeMiB);
    }
    const kinds = new Set(scenarios.flatMap((s) => [s.baseline.server, s.adapter.server]));
    for (const kind of kinds) server[kind] = await startServer(kind, filePath, options.profile, redis);
    for (const scenario of scenarios) {
      await verifyScenario(scenario, server);
      await scenario.check?.((route, connection) =>
        get(`${serverOf(server, route).base}${route.path}`, false, route, connection),
      );
    }
    log(`Every route of ${scenarios.length} scenarios answers as expected.`);

    const measure = (scenario: Scenario, route: Route, duration: number): Promise<Sample> =>
      scenario.kind === 'download'
        ? runDownload(server, route, options.sizeMiB * MiB)
        : runRequests(server, scenario, route, duration, options);

    if (options.warmup > 0) {
      for (const scenario of scenarios) {
        await measure(scenario, scenario.baseline, options.warmup);
        await measure(scenario, scenario.adapter, options.warmup);
      }
    }
    const samples = new Map<string, { baseline: Sample[]; adapter: Sample[] }>(
      scenarios.map((s) => [s.id, { baseline: [], adapter: [] }]),
    );
    for (let round = 0; round < options.rounds; round++) {
      for (const scenario of scenarios) {
        const mine = samples.get(scenario.id) as { baseline: Sample[]; adapter: Sample[] };
        // Alternate which side goes first, round by round.
        const order = round % 2 === 0 ? (['baseline', 'adapter'] as const) : (['adapter', 'baseline'] as const);
        for (const which of order) {
          const sample = await measure(scenario, scenario[which], options.duration);
          mine[which].push(sample);
        }
        const [b, a] = [mine.baseline[round] as Sample, mine.adapter[round] as Sample];
        log(
          `round ${round + 1}/${options.rounds} ${scenario.id.padEnd(16)} ${fmt(b.rate).padStart(7)} vs ${fmt(a.rate).padStart(7)} ${scenario.kind === 'download' ? 'MiB/s' : 'req/s'}  ratio ${fmt(a.rate / b.rate, 3)}  CPU ${fmt(b.cpuMicrosPerRequest, 1)} vs ${fmt(a.cpuMicrosPerRequest, 1)} µs`,
        );
      }
    }

    const cpu = cpus();
    const report: BenchReport = {
      date: started.toISOString(),
      command: `npm run bench${process.argv.length > 2 && require.main === module ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: {
        cpus: cpu.length,
        model: cpu[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        platform: `${process.platform} ${process.arch}`,
        node: process.version,
        express: (createRequire(__filename)('express/package.json') as { version: string }).version,
        shared: true,
      },
      options: {
        duration: options.duration,
        rounds: options.rounds,
        connections: options.connections,
        sizeMiB: options.sizeMiB,
      },
      scenarios: scenarios.map((s) => {
        const mine = samples.get(s.id) as { baseline: Sample[]; adapter: Sample[] };
        return summarise(s, mine.baseline, mine.adapter);
      }),
    };
    if (options.out !== null) {
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(join(options.out, 'results.md'), renderMarkdown(report));
      writeFileSync(join(options.out, 'ratios.svg'), renderSvg(report));
      log(`Wrote results.md, results.json and ratios.svg in ${options.out}`);
    }
    return report;
  } finally {
    const hosts = Object.values(server);
    for (const { child } of hosts) {
      const exited = new Promise((done) => child.once('exit', done));
      child.disconnect();
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000).unref())]);
      child.kill();
    }
    if (options.profile !== null && hosts.length > 0) log(`Server CPU profiles written in ${options.profile}`);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    await redis?.stop();
  }
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const report = await runBench(options);
    console.log('');
    console.log(renderMarkdown(report));
  })().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
