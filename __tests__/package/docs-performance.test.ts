/**
 * docs/performance.md's opening paragraph quotes its Node 20 table: the figures there must be the
 * table's (the table is what `npm run bench` measured; update both together).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'performance.md'), 'utf8');

/** The Node 20 table of the guide: scenario → [median ratio, range of three runs]. */
function performanceTable(): Map<string, [ratio: string, range: string]> {
  const table = guide.slice(guide.indexOf('| scenario'), guide.indexOf('\n\n', guide.indexOf('| scenario')));
  const rows = new Map<string, [string, string]>();
  for (const line of table.split('\n').slice(2)) {
    const [scenario = '', ratio = '', range = ''] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    rows.set(scenario, [ratio.replace(/\*/g, ''), range]);
  }
  return rows;
}

describe("docs/performance.md's opening figures", () => {
  const intro = /Benchmarks are in [^]*?\n\n/.exec(guide)?.[0].replace(/\s+/g, ' ') ?? '';
  const table = performanceTable();
  const row = (prefix: string): [string, string] => {
    const found = [...table].find(([scenario]) => scenario.startsWith(prefix));
    if (!found) throw new Error(`no row of the Node 20 table starts with ${prefix}`);
    return found[1];
  };

  it('quotes FileResponse and StreamingHttpResponse as the table has them', () => {
    const [fileRatio, fileRange] = row('`FileResponse` vs `res.sendFile`');
    expect(intro).toContain(`\`FileResponse\` runs at ${fileRatio}× \`res.sendFile\` (${fileRange} over three runs`);
    const [streamRatio] = row('`StreamingHttpResponse`');
    expect(intro).toContain(`\`StreamingHttpResponse\` at ${streamRatio}× piping`);
  });

  it('gives the range of the buffered responses as the table has it', () => {
    const buffered = [...table]
      .filter(([scenario]) => /^`(HttpResponse|JsonResponse|HttpResponseRedirect)|^10 headers/.test(scenario))
      .map(([, [ratio]]) => Number(ratio));
    expect(buffered.length).toBeGreaterThan(8);
    const low = Math.min(...buffered).toFixed(2);
    const high = Math.max(...buffered).toFixed(2);
    expect(intro).toContain(`buffered responses are ${low}–${high}× Express`);
  });
});
