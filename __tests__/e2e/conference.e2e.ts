/**
 * The example app as a person uses it, in Chromium: follow the links from the home page, sign
 * in, download the CSV exports and a manuscript, decide on a submission, get locked out, and
 * meet the 404 page. Only a browser can say what these check: the file name a download gets,
 * that a redirect lands, that the session cookie sticks from page to page.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { launchChromium, startApp, type RunningApp } from './harness.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'docs', 'screenshots');
/** The committed screenshots are rewritten only when asked: `UPDATE_SCREENSHOTS=1 npm run test:e2e`. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  // The browser first: if it can't start, no server is left behind.
  browser = await launchChromium();
  app = await startApp();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newVisitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  // Fail a step in seconds, well inside Jest's timeout, so the message says which step.
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, username = 'chair', password = 'dccn-2026'): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in-button')]);
}

/** Click `selector`, and hand back the download it starts with its contents. */
async function download(page: Page, selector: string): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await file.path();
  return { file, text: readFileSync(path, 'utf8') };
}

describe('the chair, in Chromium', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newVisitor());
  });
  afterAll(async () => {
    await context.close();
  });

  it('follows the redirect to the login page from the home page, and back after signing in', async () => {
    const home = await page.goto(`${app.baseUrl}/`);
    expect(home?.status()).toBe(200);
    await expect(page.textContent('h1')).resolves.toBe('Distributed Computer and Communication Networks — Zürich 2026');

    await Promise.all([page.waitForNavigation(), page.click('#chair-link')]);
    expect(page.url()).toBe(`${app.baseUrl}/accounts/login/?next=/chair/`);
    await expect(page.textContent('h1')).resolves.toBe('Sign in');

    await signIn(page);
    expect(page.url()).toBe(`${app.baseUrl}/chair/`);
    await expect(page.textContent('h1')).resolves.toContain('Submissions');
    await expect(page.textContent('#signed-in-as')).resolves.toBe('Signed in as Ingrid Sørensen (chair)');
  });

  it("keeps Django's HTTP-only session cookie from page to page, and the CSRF cookie a script may read", async () => {
    const [cookie] = (await context.cookies(app.baseUrl)).filter((c) => c.name === 'sessionid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Django's session key: 32 characters of [a-z0-9], the data in the django_session table.
    expect(cookie!.value).toMatch(/^[a-z0-9]{32}$/);
    // HTTP-only: scripts can't read the session; the CSRF cookie is there for their X-CSRFToken.
    expect(await page.evaluate(() => document.cookie)).toMatch(/^csrftoken=[A-Za-z0-9]{32}$/);

    await Promise.all([page.waitForNavigation(), page.click('.submission-link >> nth=2')]);
    expect(page.url()).toBe(`${app.baseUrl}/chair/submissions/3/`);
    await expect(page.textContent('h1')).resolves.toBe('#3 低遅延ネットワークにおける分散キャッシュ');
    await expect(page.textContent('#signed-in-as')).resolves.toContain('Ingrid Sørensen');
    await Promise.all([page.waitForNavigation(), page.click('text=← all submissions')]);
    await Promise.all([page.waitForNavigation(), page.click('#next-page')]);
    expect(page.url()).toBe(`${app.baseUrl}/chair/?page=2`);
    await expect(page.textContent('#signed-in-as')).resolves.toContain('Ingrid Sørensen');
  });

  it('takes a screenshot of the chair page (saved with UPDATE_SCREENSHOTS=1)', async () => {
    await page.goto(`${app.baseUrl}/chair/`);
    const png = await page.screenshot({ fullPage: false });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (UPDATE_SCREENSHOTS) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, 'chair.png');
      writeFileSync(path, png);
      console.log(`Screenshot of the chair's page: ${path}`);
    }
  });

  it("downloads the submissions CSV under the conference's non-ASCII name, and it parses", async () => {
    await page.goto(`${app.baseUrl}/chair/`);
    const { file, text } = await download(page, '#export-submissions');
    expect(file.suggestedFilename()).toMatch(/^DCCN-Zürich-2026-submissions-\d{8}_\d{4}\.csv$/);
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toHaveLength(36);
    expect(Object.keys(rows[0]!)).toEqual([
      '#',
      'ID',
      'TITLE',
      'AUTHORS',
      'COUNTRY',
      'CORR_AUTHOR',
      'CORR_EMAIL',
      'LANGUAGE',
      'STATUS',
      'LINK',
    ]);
    expect(rows[1]).toMatchObject({
      '#': '2',
      ID: '2',
      TITLE: 'Распределённые вычисления в сетях 6G',
      LANGUAGE: 'Russian',
    });
    expect(rows.find((row) => row.ID === '3')?.TITLE).toBe('低遅延ネットワークにおける分散キャッシュ');
    expect(rows[0]!.LINK).toBe(`${app.baseUrl}/chair/submissions/1/manuscript/`);
    expect(rows.find((row) => row.ID === '6')?.LINK).toBe(''); // no manuscript yet
  });

  it('downloads the authors CSV streamed from the database, names in every script intact', async () => {
    const { file, text } = await download(page, '#export-authors');
    expect(file.suggestedFilename()).toMatch(/^authors-\d{8}_\d{4}\.csv$/);
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toHaveLength(40);
    const names = rows.map((row) => row.FULL_NAME);
    expect(names).toEqual(
      expect.arrayContaining(['José Ramírez', '田中 花子', '김민준', 'Mia “🚀” Chen', 'Ana 🌻 Lima']),
    );
    expect(rows[2]).toMatchObject({
      '#': '3',
      FULL_NAME: '田中 花子',
      FULL_NAME_LATIN: 'Hanako Tanaka',
      CITY: 'Tokyo',
    });
  });

  it('downloads a manuscript, and its URL answers byte ranges', async () => {
    await page.goto(`${app.baseUrl}/chair/submissions/1/`);
    const { file, text } = await download(page, '#manuscript-link');
    expect(file.suggestedFilename()).toBe('submission-1.pdf');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);

    const part = await page.evaluate(async () => {
      const answer = await fetch('/chair/submissions/1/manuscript/', { headers: { Range: 'bytes=0-7' } });
      return { status: answer.status, range: answer.headers.get('Content-Range'), body: await answer.text() };
    });
    expect(part).toEqual({ status: 206, range: expect.stringMatching(/^bytes 0-7\/\d+$/), body: '%PDF-1.4' });
  });

  it('records a decision and follows the redirect back to the submission', async () => {
    await page.goto(`${app.baseUrl}/chair/submissions/4/`);
    const before = await page.textContent('#status');
    const choice = before === 'accepted' ? 'rejected' : 'accepted';
    await Promise.all([page.waitForNavigation(), page.click(`form.decision button[value="${choice}"]`)]);
    expect(page.url()).toBe(`${app.baseUrl}/chair/submissions/4/`);
    await expect(page.textContent('#status')).resolves.toBe(choice);
  });

  it('suggests authors from the plain-text autocomplete as the chair types', async () => {
    await page.goto(`${app.baseUrl}/chair/`);
    const answer = page.waitForResponse((response) => response.url().includes('/chair/authors/autocomplete/?q=m'));
    await page.type('#author-search', 'mul');
    await answer;
    await page.waitForFunction(() => document.querySelectorAll('#author-options option').length > 0);
    const options = await page.$$eval('#author-options option', (nodes) =>
      nodes.map((n) => (n as HTMLOptionElement).value),
    );
    expect(options).toContain('Jürgen Müller');

    await Promise.all([page.waitForNavigation(), page.click('#autocomplete-link')]);
    await expect(page.textContent('body')).resolves.toBe('Jürgen Müller|8\n');
  });

  it('reads the JSON API, uncached', async () => {
    await page.goto(`${app.baseUrl}/chair/`);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#api-link')]);
    expect(response?.headers()['cache-control']).toBe('no-cache');
    expect(response?.headers()['content-type']).toBe('application/json');
    const data = JSON.parse((await page.textContent('body'))!) as { count: number; results: unknown[] };
    expect(data.count).toBe(36); // the chair sees every submission
    expect(data.results).toHaveLength(10);
  });

  it('is refused an off-site ?next= and lands on the chair page', async () => {
    await page.goto(`${app.baseUrl}/chair/`);
    await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
    expect(page.url()).toBe(`${app.baseUrl}/`);
    expect((await context.cookies(app.baseUrl)).some((c) => c.name === 'sessionid')).toBe(false);

    for (const next of ['https://evil.example/phish', '//evil.example/', '/\\evil.example/']) {
      await page.goto(`${app.baseUrl}/accounts/login/?next=${encodeURIComponent(next)}`);
      await signIn(page);
      expect(page.url()).toBe(`${app.baseUrl}/chair/`);
      await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
    }
  });

  it('shows the 404 page for an unknown URL and for a missing submission', async () => {
    await page.goto(`${app.baseUrl}/`);
    const [unknown] = await Promise.all([page.waitForNavigation(), page.click('text=a page that does not exist')]);
    expect(unknown?.status()).toBe(404);
    await expect(page.textContent('h1')).resolves.toBe('Page not found');
    await expect(page.textContent('main')).resolves.toContain('There is nothing at /proceedings/.');

    await page.goto(`${app.baseUrl}/accounts/login/?next=/chair/submissions/999/`);
    await signIn(page);
    expect(page.url()).toBe(`${app.baseUrl}/chair/submissions/999/`);
    await expect(page.textContent('h1')).resolves.toBe('Page not found');
    await expect(page.textContent('.message')).resolves.toBe('No Submission matches the given query.');
  });
});

describe('the live counts, in Chromium', () => {
  it("updates a visitor's open home page over EventSource when the chair records a decision", async () => {
    const visitor = await newVisitor();
    const chair = await newVisitor();
    try {
      await visitor.page.goto(`${app.baseUrl}/`);
      // live.js marks the page once the first counts event arrived over the event stream.
      await visitor.page.waitForSelector('body[data-live="on"]');
      const accepted = async (): Promise<number> =>
        Number(/(\d+)$/.exec((await visitor.page.textContent('.lead .status-accepted')) ?? '')?.[1]);
      const before = await accepted();

      await chair.page.goto(`${app.baseUrl}/accounts/login/?next=/chair/submissions/5/`);
      await signIn(chair.page);
      const was = await chair.page.textContent('#status');
      const choice = was === 'accepted' ? 'rejected' : 'accepted';
      await Promise.all([chair.page.waitForNavigation(), chair.page.click(`form.decision button[value="${choice}"]`)]);
      await expect(chair.page.textContent('#status')).resolves.toBe(choice);

      const expected = choice === 'accepted' ? before + 1 : before - 1;
      await visitor.page.waitForFunction(
        (n) => document.querySelector('.lead .status-accepted')?.textContent === `accepted: ${n}`,
        expected,
      );
      await expect(accepted()).resolves.toBe(expected);
    } finally {
      await visitor.context.close();
      await chair.context.close();
    }
  });
});

describe('a visitor guessing passwords, in Chromium', () => {
  it('is locked out after three failures: the lockout page, and JSON for XHR', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${app.baseUrl}/accounts/login/`);
    await signIn(page, 'chair', 'guess-1');
    await expect(page.textContent('#login-error')).resolves.toBe('Wrong username or password: 2 attempts left.');
    await signIn(page, 'chair', 'guess-2');
    await expect(page.textContent('#login-error')).resolves.toBe('Wrong username or password: 1 attempt left.');

    const [locked] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      signIn(page, 'chair', 'guess-3'),
    ]);
    expect(locked.status()).toBe(429);
    await expect(page.textContent('h1')).resolves.toBe('Account locked');
    // Locked out means locked out: the right password does not help now.
    await page.goto(`${app.baseUrl}/accounts/login/`);
    await signIn(page, 'chair', 'dccn-2026');
    await expect(page.textContent('h1')).resolves.toBe('Account locked');

    const xhr = await page.evaluate(async () => {
      const answer = await fetch('/accounts/login/', {
        method: 'POST',
        // As a page's script posts: Django's X-CSRFToken header, from the csrftoken cookie.
        headers: {
          'X-Requested-With': 'XMLHttpRequest',
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-CSRFToken': /(?:^|; )csrftoken=([^;]+)/.exec(document.cookie)?.[1] ?? '',
        },
        body: 'username=chair&password=dccn-2026',
      });
      return { status: answer.status, body: (await answer.json()) as unknown };
    });
    expect(xhr).toEqual({
      status: 429,
      body: {
        detail: 'Account locked: too many login attempts. Please try again later.',
        username: 'chair',
        failureLimit: 3,
        coolOffMinutes: 30,
        coolOffTime: 'PT1800S',
      },
    });
    await context.close();
  });
});
