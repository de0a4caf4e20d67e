/**
 * Summarise a V8 CPU profile (what `npm run bench -- --profile` writes for the server):
 * the functions with the most self time, and with `--grep`, the inclusive time of chosen ones.
 *
 *   npx ts-node --transpile-only bench/profile-summary.ts <file.cpuprofile> [--top 25] [--grep writeBuffered,send]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url;
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/** Self and inclusive milliseconds per function (recursive frames counted once per stack). */
export function summarise(profile: Profile): Array<{ name: string; selfMs: number; totalMs: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const ancestor = byId.get(at);
      if (ancestor === undefined) break;
      const ancestorName = frameName(ancestor);
      if (seen.has(ancestorName)) continue;
      seen.add(ancestorName);
      total.set(ancestorName, (total.get(ancestorName) ?? 0) + micros);
    }
  }
  return [...total.keys()].map((name) => ({
    name,
    selfMs: (self.get(name) ?? 0) / 1000,
    totalMs: (total.get(name) ?? 0) / 1000,
  }));
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [--top 25] [--grep name,name]');
    process.exit(2);
  }
  const flag = (name: string): string | undefined => {
    const index = rest.indexOf(`--${name}`);
    return index === -1 ? undefined : rest[index + 1];
  };
  const top = Number(flag('top') ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const rows = summarise(profile);
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const line = (row: { name: string; selfMs: number; totalMs: number }): string =>
    `${row.selfMs.toFixed(0).padStart(7)} ms self ${((row.selfMs / wallMs) * 100).toFixed(1).padStart(5)} %  ${row.totalMs.toFixed(0).padStart(7)} ms total  ${row.name}`;
  console.log(`profile: ${wallMs.toFixed(0)} ms`);
  console.log('by self time:');
  for (const row of [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(line(row));
  const grep = flag('grep');
  if (grep !== undefined) {
    console.log('inclusive time of matching functions:');
    const patterns = grep.split(',');
    for (const row of rows
      .filter((r) => patterns.some((p) => r.name.includes(p)))
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top))
      console.log(line(row));
  }
}
