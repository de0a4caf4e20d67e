/**
 * The README and the guides in docs/ as GitHub and npm show them: every relative link names a
 * file of the repository, and every `#fragment` a heading of the file it points to, with the
 * anchors GitHub gives headings. (The site `npm run docs` builds from the same files is
 * checked in Chromium by scripts/check-site-links.mjs.)
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');
const guides = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text of a Markdown file without its fenced code blocks and inline code. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[^]*?^\1/gm, '');
  for (const [, heading = ''] of text.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every relative link of a file: [the link as written, the file it names, its fragment]. */
function linksOf(file: string): Array<[written: string, target: string, fragment: string]> {
  const links: Array<[string, string, string]> = [];
  for (const [, href = ''] of prose(readFileSync(join(root, file), 'utf8')).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    const [path = '', fragment = ''] = href.split('#');
    links.push([href, path === '' ? join(root, file) : resolve(root, dirname(file), decodeURI(path)), fragment]);
  }
  return links;
}

describe.each(guides)('%s', (file) => {
  it('links only to files of the repository, and to headings they have', () => {
    const broken: string[] = [];
    for (const [written, target, fragment] of linksOf(file)) {
      if (!existsSync(target)) broken.push(`${written}: no file ${relative(root, target)}`);
      else if (fragment && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(target).has(fragment))
        broken.push(`${written}: ${relative(root, target)} has no heading with the anchor #${fragment}`);
    }
    expect(broken).toEqual([]);
  });
});
