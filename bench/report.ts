/**
 * The benchmark's report: its JSON shape, the Markdown tables and the SVG bar chart of the
 * ratios. The SVG is written by hand (a few rectangles and labels), so no chart library is needed.
 */

/** One round of one route. */
export interface RoundResult {
  /** Requests per second (MiB/s for a download). */
  rate: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  requests: number;
  rssGrowthMiB: number;
}

/** One side of a scenario: medians over the rounds, and the rounds themselves. */
export interface SideResult {
  name: string;
  path: string;
  /** Median requests per second (MiB/s for a download). */
  rate: number;
  /** Median p50 latency, ms (a download: its duration). */
  p50: number;
  /** Median p99 latency, ms. */
  p99: number;
  /** Median server CPU time per request, µs (a download: per download). */
  cpuMicrosPerRequest: number;
  /** The largest RSS growth seen during a download, MiB (0 for request scenarios). */
  rssGrowthMiB: number;
  rounds: RoundResult[];
}

/** A scenario's result. Ratios are adapter / baseline, the median of the rounds' ratios. */
export interface ScenarioResult {
  id: string;
  label: string;
  /** The label in the chart. */
  short: string;
  kind: 'requests' | 'download';
  sweepBytes?: number;
  target: number;
  p99Target?: number;
  baseline: SideResult;
  adapter: SideResult;
  /** Requests per second (MiB/s), adapter / baseline: higher is better. */
  ratio: number;
  /** p99 latency, adapter / baseline: lower is better. */
  p99Ratio: number;
  /** Server CPU per request, adapter / baseline: lower is better. */
  cpuRatio: number;
  /** Whether every target of the scenario is met. */
  met: boolean;
}

/** What results.json holds. */
export interface BenchReport {
  date: string;
  command: string;
  machine: {
    cpus: number;
    model: string;
    memoryGiB: number;
    platform: string;
    node: string;
    express: string;
    /** Other sessions were using the machine: compare ratios, not absolute figures. */
    shared: boolean;
  };
  options: { duration: number; rounds: number; connections: number; sizeMiB: number };
  scenarios: ScenarioResult[];
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const pair = (a: number, b: number, digits: number): string => `${fmt(a, digits)} / ${fmt(b, digits)}`;
const targetText = (s: ScenarioResult): string =>
  `≥ ${s.target.toFixed(2)}${s.p99Target === undefined ? '' : `, p99 ≤ ${s.p99Target.toFixed(1)}`}${s.kind === 'download' ? ', RSS < 32 MiB' : ''}`;
const verdict = (s: ScenarioResult): string => (s.met ? 'met' : '**missed**');

/** A one-paragraph description of where and how the figures were measured. */
export function describeRun(report: BenchReport): string {
  const { machine: m, options: o } = report;
  return (
    `Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} vCPUs (${m.model}), ${m.memoryGiB} GiB RAM, ` +
    `${m.platform}, Node ${m.node}, Express ${m.express}${m.shared ? ', a machine shared with other sessions running tests (absolute figures are noisy: compare the ratios)' : ''}. ` +
    `Command: \`${report.command}\` — ${o.rounds} rounds of ${o.duration} s per route, ${o.connections} connections, ` +
    `alternating which side goes first; figures are medians over the rounds, ratios the median of each round's adapter / baseline.`
  );
}

/** The Markdown tables of a report. */
export function renderMarkdown(report: BenchReport): string {
  const requests = report.scenarios.filter((s) => s.kind === 'requests' && s.sweepBytes === undefined);
  const downloads = report.scenarios.filter((s) => s.kind === 'download');
  const sweep = report.scenarios.filter((s) => s.sweepBytes !== undefined);
  const lines = ['# Benchmark results', '', describeRun(report), ''];
  if (requests.length > 0) {
    lines.push(
      '| scenario | baseline | req/s baseline / adapter | **ratio** | p50 ms | p99 ms | p99 ratio | server CPU µs/req | CPU ratio | target | |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...requests.map(
        (s) =>
          `| ${s.label} | ${s.baseline.name} | ${pair(s.baseline.rate, s.adapter.rate, 0)} | **${fmt(s.ratio, 2)}** | ${pair(s.baseline.p50, s.adapter.p50, 1)} | ${pair(s.baseline.p99, s.adapter.p99, 1)} | ${fmt(s.p99Ratio, 2)} | ${pair(s.baseline.cpuMicrosPerRequest, s.adapter.cpuMicrosPerRequest, 1)} | ${fmt(s.cpuRatio, 2)} | ${targetText(s)} | ${verdict(s)} |`,
      ),
      '',
    );
  }
  if (downloads.length > 0) {
    lines.push(
      `File download (${report.options.sizeMiB} MiB, one connection, the body counted and discarded):`,
      '',
      '| scenario | MiB/s baseline / adapter | **ratio** | server CPU ms per download | CPU ratio | peak RSS growth MiB | target | |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...downloads.map(
        (s) =>
          `| ${s.label} | ${pair(s.baseline.rate, s.adapter.rate, 0)} | **${fmt(s.ratio, 2)}** | ${pair(s.baseline.cpuMicrosPerRequest / 1000, s.adapter.cpuMicrosPerRequest / 1000, 0)} | ${fmt(s.cpuRatio, 2)} | ${pair(s.baseline.rssGrowthMiB, s.adapter.rssGrowthMiB, 1)} | ${targetText(s)} | ${verdict(s)} |`,
      ),
      '',
    );
  }
  if (sweep.length > 0) {
    lines.push(
      'Body-size sweep, `HttpResponse` vs `res.send` (how the cost grows with the body):',
      '',
      '| body | req/s `res.send` / `HttpResponse` | **ratio** | p99 ms | server CPU µs/req | CPU ratio | |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...sweep.map(
        (s) =>
          `| ${sizeText(s.sweepBytes ?? 0)} | ${pair(s.baseline.rate, s.adapter.rate, 0)} | **${fmt(s.ratio, 2)}** | ${pair(s.baseline.p99, s.adapter.p99, 1)} | ${pair(s.baseline.cpuMicrosPerRequest, s.adapter.cpuMicrosPerRequest, 1)} | ${fmt(s.cpuRatio, 2)} | ${verdict(s)} |`,
      ),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

interface Bar {
  label: string;
  ratio: number;
  target: number;
  met: boolean;
  note: string;
}

/** One panel: a title, and a horizontal bar per row, with the 1.0 line and each row's target. */
function panel(
  title: string,
  bars: Bar[],
  top: number,
  width: number,
  maxRatio: number,
): { svg: string; height: number } {
  const left = 260;
  const right = 150;
  const rowHeight = 24;
  const plotWidth = width - left - right;
  const x = (ratio: number): number => left + (Math.max(0, ratio) / maxRatio) * plotWidth;
  const parts: string[] = [];
  parts.push(`<text x="12" y="${top + 18}" class="title">${escapeXml(title)}</text>`);
  const plotTop = top + 30;
  const plotBottom = plotTop + bars.length * rowHeight;
  for (let tick = 0; tick <= maxRatio + 1e-9; tick += 0.25) {
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${plotTop}" x2="${tx}" y2="${plotBottom}" class="${Math.abs(tick - 1) < 1e-9 ? 'one' : 'grid'}"/>`,
      `<text x="${tx}" y="${plotBottom + 14}" class="tick">${tick.toFixed(2)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = plotTop + i * rowHeight;
    const barEnd = x(bar.ratio);
    parts.push(
      `<text x="${left - 8}" y="${y + 16}" class="label">${escapeXml(bar.label)}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${Math.max(0, barEnd - left).toFixed(1)}" height="${rowHeight - 8}" class="${bar.met ? 'met' : 'missed'}"/>`,
      `<line x1="${x(bar.target).toFixed(1)}" y1="${y + 1}" x2="${x(bar.target).toFixed(1)}" y2="${y + rowHeight - 1}" class="target"/>`,
      `<text x="${(Math.max(barEnd, x(bar.target)) + 6).toFixed(1)}" y="${y + 16}" class="value">${Number.isFinite(bar.ratio) ? bar.ratio.toFixed(2) : '–'}${bar.note ? ` ${escapeXml(bar.note)}` : ''}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: plotBottom + 24 - top };
}

/** The SVG bar chart: the adapter / baseline ratio of requests per second, then the size sweep. */
export function renderSvg(report: BenchReport): string {
  const width = 900;
  const main = report.scenarios.filter((s) => s.sweepBytes === undefined);
  const sweep = report.scenarios.filter((s) => s.sweepBytes !== undefined);
  const maxRatio = Math.max(
    1.5,
    Math.ceil((Math.max(...report.scenarios.map((s) => s.ratio).filter(Number.isFinite)) + 0.1) * 4) / 4,
  );
  const panels: string[] = [];
  let top = 34;
  if (main.length > 0) {
    const p = panel(
      'Requests per second, adapter / baseline (MiB/s for the file); bar ticks: the target',
      main.map((s) => ({
        label: s.short,
        ratio: s.ratio,
        target: s.target,
        met: s.met,
        note: s.kind === 'download' ? `RSS +${s.adapter.rssGrowthMiB.toFixed(1)} MiB` : `p99 ×${s.p99Ratio.toFixed(2)}`,
      })),
      top,
      width,
      maxRatio,
    );
    panels.push(p.svg);
    top += p.height + 10;
  }
  if (sweep.length > 0) {
    const p = panel(
      'Body-size sweep: HttpResponse / res.send (server CPU µs per request, res.send → HttpResponse)',
      sweep.map((s) => ({
        label: s.short,
        ratio: s.ratio,
        target: s.target,
        met: s.met,
        note: `${s.baseline.cpuMicrosPerRequest.toFixed(0)} → ${s.adapter.cpuMicrosPerRequest.toFixed(0)} µs`,
      })),
      top,
      width,
      maxRatio,
    );
    panels.push(p.svg);
    top += p.height + 10;
  }
  const m = report.machine;
  const caption = `${report.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpus} vCPUs (${m.model}), Node ${m.node}, Express ${m.express}${m.shared ? ' · a shared machine' : ''}`;
  const command = `${report.command} · ${report.options.rounds} rounds × ${report.options.duration} s, ${report.options.connections} connections, medians`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + 36}" viewBox="0 0 ${width} ${top + 36}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">
<style>
.title { font-weight: 600; font-size: 13px; fill: #222; }
.label { text-anchor: end; fill: #222; }
.tick { text-anchor: middle; fill: #666; font-size: 10px; }
.value { fill: #222; }
.grid { stroke: #e4e4e4; }
.one { stroke: #555; stroke-dasharray: 4 3; }
.target { stroke: #000; stroke-width: 2; }
.met { fill: #3b8e4f; }
.missed { fill: #d9822b; }
.caption { fill: #666; font-size: 11px; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="20" class="title">express-httpresponse vs the baseline, side by side (higher is better; green: target met)</text>
${panels.join('\n')}
<text x="12" y="${top + 8}" class="caption">${escapeXml(caption)}</text>
<text x="12" y="${top + 24}" class="caption">${escapeXml(command)}</text>
</svg>
`;
}
