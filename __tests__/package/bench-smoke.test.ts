/**
 * A smoke run of the benchmark (bench/run.ts): the real server child, every scenario's two
 * routes checked for the same status, headers and body, then a fraction of a second of load
 * on each. No figure is asserted (timing is not a test); the report must be complete.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport } from '../../bench/report.js';
import { DEFAULT_OPTIONS, parseArgs, runBench } from '../../bench/run.js';
import { redisAvailable } from '../../bench/redis.js';
import { SCENARIOS as ALL_SCENARIOS } from '../../bench/scenarios.js';

// The cachePage-on-Redis scenario runs where redis-server is installed (CI installs it).
const SCENARIOS = ALL_SCENARIOS.filter((s) => s.needs !== 'redis' || redisAvailable() || process.env.CI === 'true');

jest.setTimeout(90_000);

describe('npm run bench (smoke)', () => {
  let out: string;
  let report: BenchReport;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'ehr-bench-smoke-'));
    report = await runBench({
      ...DEFAULT_OPTIONS,
      rounds: 1,
      warmup: 0,
      requests: 24,
      connections: 4,
      sizeMiB: 4,
      out,
      log: () => {},
    });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every scenario, each route answering', () => {
    expect(report.scenarios.map((s) => s.id)).toEqual(SCENARIOS.map((s) => s.id));
    for (const scenario of report.scenarios) {
      expect(scenario.baseline.rate).toBeGreaterThan(0);
      expect(scenario.adapter.rate).toBeGreaterThan(0);
      expect(Number.isFinite(scenario.ratio)).toBe(true);
      expect(scenario.adapter.rounds).toHaveLength(1);
    }
  });

  it('writes the Markdown table, the JSON and the SVG chart', () => {
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchReport;
    expect(json.scenarios).toHaveLength(SCENARIOS.length);
    expect(json.machine.cpus).toBeGreaterThan(0);
    const markdown = readFileSync(join(out, 'results.md'), 'utf8');
    expect(markdown).toContain('| `JsonResponse` vs `res.json`, 100 KiB (800 objects) | res.json |');
    expect(markdown).toContain('Body-size sweep');
    const svg = readFileSync(join(out, 'ratios.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<rect x="260"/g)).toHaveLength(SCENARIOS.length);
  });

  it('parses the command line, refusing unknown scenarios and options', () => {
    const options = parseArgs([
      '--duration',
      '2',
      '--rounds',
      '3',
      '--only',
      'json-100k,size-sweep',
      '--size-mib',
      '64',
    ]);
    expect(options).toMatchObject({
      duration: 2,
      rounds: 3,
      only: ['json-100k', 'size-sweep'],
      sizeMiB: 64,
      requests: null,
    });
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/^Unknown scenario "nope": use one of json-100k, /);
    expect(() => parseArgs(['--fast'])).toThrow(/^Unknown option "--fast"/);
    expect(() => parseArgs(['--rounds', '0'])).toThrow(RangeError);
  });
});
