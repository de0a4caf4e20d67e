#!/usr/bin/env node
// Check the site `npm run docs` built (the guides and the API reference) in Chromium: every
// link, image, script and stylesheet of every page that stays on the site must resolve: the file
// exists, and a `#fragment` names an element of the page it points to. Pages are served over
// loopback HTTP and parsed by Chromium; the first page of each folder is also opened with its
// scripts, so the side navigation TypeDoc builds in the browser is checked too, with any request
// that fails and any script error. Links off the site (https://…) are not followed.
//
// Usage: node scripts/check-site-links.mjs [siteDir]   (default: site, as typedoc.json's "out")
// Exits 1 and lists each broken link with the page it is on. Needs Debian's chromium
// (CHROMIUM_PATH points elsewhere).
/* global document, location, DOMParser */
import { accessSync, constants, createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)), process.argv[2] ?? 'site');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No site at ${root} (no index.html): build it first with npm run docs.`);
  process.exit(1);
}
try {
  accessSync(chromiumPath, constants.X_OK);
} catch {
  console.error(
    `The link check needs Chromium at ${chromiumPath} (not found or not executable). ` +
      "Install Debian's package: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).",
  );
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The file a site path names, or undefined where there is none (outside the site included). */
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) return fileFor(`${pathname.replace(/\/$/, '')}/index.html`);
  return existsSync(file) ? file : undefined;
}

/** Every HTML page of the site, as site paths (`/documents/testing.html`). */
function pages(dir = root) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith('.html') ? [`/${relative(root, path).split(sep).join('/')}`] : [];
  });
}

/** The site path of a file of the site. */
const sitePath = (file) => `/${relative(root, file).split(sep).join('/')}`;

const server = createServer((req, res) => {
  const file = fileFor(new URL(req.url ?? '/', 'http://site').pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    return;
  }
  // Cacheable, so that the assets every page shares are fetched once.
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'max-age=600',
  });
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

/** site path → the ids (and `<a name>`s) of that page. */
const anchors = new Map();
/** Every reference found: [the page it is on, its absolute URL, what kind of reference]. */
const references = [];
const broken = [];

/** Add what one page holds to what is known. */
function record(path, ids, links) {
  const known = anchors.get(path) ?? new Set();
  for (const id of ids) known.add(id);
  anchors.set(path, known);
  for (const [kind, href] of links) references.push([path, href, kind]);
}

/**
 * In the browser: the ids of a document and its references, resolved against `base`. Passed to
 * `page.evaluate`, so it uses nothing from this file.
 */
function readDocument(doc, base) {
  const at = (value) => new URL(value, base).href;
  return {
    ids: [...doc.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name')),
    links: [
      ...[...doc.querySelectorAll('a[href]')].map((a) => ['link', at(a.getAttribute('href'))]),
      ...[...doc.querySelectorAll('img[src]')].map((img) => ['image', at(img.getAttribute('src'))]),
      ...[...doc.querySelectorAll('link[href]')].map((link) => ['stylesheet', at(link.getAttribute('href'))]),
      ...[...doc.querySelectorAll('script[src]')].map((script) => ['script', at(script.getAttribute('src'))]),
    ],
  };
}

// Debian's Chromium, headless, with nothing that talks to the network on its own: the flags of
// the browser suite (__tests__/e2e/harness.ts).
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const started = Date.now();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  let current = '';
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400)
      broken.push(`${current}: ${new URL(response.url()).pathname} answered ${response.status()}`);
  });
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(origin)) broken.push(`${current}: ${request.url()} failed`);
  });
  page.on('pageerror', (error) => broken.push(`${current}: script error ${error.message}`));

  // Every page as its HTML has it, fetched and parsed by Chromium (DOMParser) from a page of the
  // site, in one round trip: opening each page in turn takes up to a second apiece on a busy
  // machine.
  const all = pages();
  current = '/index.html';
  await page.goto(`${origin}/index.html`, { waitUntil: 'domcontentloaded' });
  const parsed = await page.evaluate(
    async ({ paths, read }) => {
      const readDocument = new Function(`return ${read}`)();
      const out = [];
      for (const path of paths) {
        const html = await (await fetch(path)).text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        out.push({ path, ...readDocument(doc, new URL(path, location.href).href) });
      }
      return out;
    },
    { paths: all, read: readDocument.toString() },
  );
  for (const { path, ids, links } of parsed) record(path, ids, links);

  // The first page of each folder opened as a visitor opens it: TypeDoc fills the side navigation
  // in the browser, the same on every page but relative to the page's folder.
  const firstOfFolder = new Map();
  for (const path of all) {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    if (!firstOfFolder.has(folder)) firstOfFolder.set(folder, path);
  }
  for (const path of new Set(['/index.html', ...firstOfFolder.values()])) {
    current = path;
    await page.goto(origin + path, { waitUntil: 'load' });
    await page
      .waitForFunction(
        () => !document.getElementById('tsd-nav-container') || document.querySelector('#tsd-nav-container a') !== null,
        null,
        { timeout: 10_000 },
      )
      .catch(() => broken.push(`${path}: the navigation was not built within 10 s`));
    const found = await page.evaluate(
      (read) => new Function(`return ${read}`)()(document, location.href),
      readDocument.toString(),
    );
    record(path, found.ids, found.links);
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}

const checked = new Set();
for (const [from, href, kind] of references) {
  const url = new URL(href);
  if (url.origin !== origin) continue;
  const key = `${from} ${url.pathname}${url.hash}`;
  if (checked.has(key)) continue;
  checked.add(key);
  const file = fileFor(url.pathname);
  if (!file) {
    broken.push(`${from}: ${kind} to ${url.pathname}${url.hash}: no such file`);
    continue;
  }
  if (!url.hash || url.hash === '#') continue;
  const target = sitePath(file);
  const ids = anchors.get(target);
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (!ids) broken.push(`${from}: ${kind} to ${target}${url.hash}: a fragment on a file that is not a page`);
  else if (!ids.has(fragment)) broken.push(`${from}: ${kind} to ${target}${url.hash}: no element has that id`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const unique = [...new Set(broken)];
if (unique.length > 0) {
  console.error(`${unique.length} broken links on the site (${anchors.size} pages, ${seconds} s):`);
  for (const line of unique) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`${anchors.size} pages, ${checked.size} links: every one resolves (${seconds} s).`);
