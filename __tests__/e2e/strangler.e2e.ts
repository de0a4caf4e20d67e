/**
 * The strangler migration in Chromium: one origin, two halves. Django 5.2 (example-app/django/)
 * serves the accounts pages, the admin and the messages page; the Express app serves the
 * migrated views and forwards the rest. Both share the SQLite file, the session rows, the
 * login, the CSRF cookie and the messages, so a person cannot tell where one half ends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../example-app/app.js';
import { ConferenceStore } from '../../example-app/db.js';
import { djangoPython, prepareDjango, startDjango, type RunningDjango } from '../../example-app/strangler/django.js';
import { launchChromium } from './harness.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'docs', 'screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SECRET_KEY = 'strangler-e2e-secret-key-shared-by-django-and-express';
const PASSWORD = 'dccn-2026';
const NEW_PASSWORD = 'a-new-password-for-the-chair-2026';

let dir: string;
let django: RunningDjango;
let store: ConferenceStore;
let server: Server;
let site: string;
let browser: Browser;

function listen(handler: Parameters<typeof createServer>[1], host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve) => {
    const listening = createServer(handler).listen(0, host, () => resolve(listening));
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'dccn-strangler-'));
  const dbPath = join(dir, 'conference.sqlite3');
  const python = djangoPython();
  // Django's migrations first: the Express half then finds auth_user and django_session.
  prepareDjango(python, { dbPath, secretKey: SECRET_KEY });
  django = await startDjango(python, { dbPath, secretKey: SECRET_KEY });
  store = new ConferenceStore(dbPath);
  mkdirSync(join(dir, 'media'));
  const app = createApp({ store, mediaRoot: join(dir, 'media'), secret: SECRET_KEY, djangoUpstream: django.url });
  server = await listen(app);
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  store?.close();
  await django?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** Django's own login form (`LoginView`, registration/login.html). */
async function signInOnDjango(page: Page, password = PASSWORD): Promise<void> {
  await page.fill('#id_username', 'chair');
  await page.fill('#id_password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
}

describe('one site, two halves, in Chromium', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await visitor());
  });
  afterAll(async () => {
    await context.close();
  });

  it("signs in on Django's login page and lands on the Express chair page, greeted by name", async () => {
    await page.goto(`${site}/chair/`);
    // Express's chairRequired sends the visitor to the login page, which Django serves.
    expect(page.url()).toBe(`${site}/accounts/login/?next=/chair/`);
    await expect(page.textContent('footer')).resolves.toContain('accounts served by Django');
    await signInOnDjango(page);
    expect(page.url()).toBe(`${site}/chair/`);
    await expect(page.textContent('h1')).resolves.toContain('Submissions');
    await expect(page.textContent('#signed-in-as')).resolves.toBe('Signed in as Ingrid Sørensen (chair)');
    // Added by Django when it signed the user in, read and shown by the Express page.
    await expect(page.textContent('#messages')).resolves.toContain('Welcome back, Ingrid Sørensen.');
    const names = (await context.cookies(site)).map((cookie) => cookie.name).sort();
    expect(names).toEqual(['csrftoken', 'sessionid']);
  });

  it('takes a screenshot of the Express page greeting the user Django signed in (saved with UPDATE_SCREENSHOTS=1)', async () => {
    const png = await page.screenshot({ fullPage: false });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (UPDATE_SCREENSHOTS) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'strangler-chair.png') });
    }
  });

  it('records a decision through the Express form and reads "Decision recorded" on the Django messages page', async () => {
    await page.goto(`${site}/chair/submissions/4/`);
    const before = await page.textContent('#status');
    const choice = before === 'accepted' ? 'rejected' : 'accepted';
    await Promise.all([page.waitForNavigation(), page.click(`form.decision button[value="${choice}"]`)]);
    expect(page.url()).toBe(`${site}/chair/submissions/4/`);
    await expect(page.textContent('#status')).resolves.toBe(choice);
    // The Express page after the redirect shows it (and so marks it read) …
    await expect(page.textContent('#messages')).resolves.toContain('Decision recorded');

    // … so decide once more from script, as a page's fetch() does: the token from the
    // csrftoken cookie Django set, in Django's X-CSRFToken header; the redirect not followed.
    const answer = await page.evaluate(async () => {
      const token = /(?:^|; )csrftoken=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch('/chair/submissions/5/decision/', {
        method: 'POST',
        headers: { 'X-CSRFToken': token, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'status=under_review',
        redirect: 'manual',
      });
      return response.type;
    });
    expect(answer).toBe('opaqueredirect');
    await page.goto(`${site}/messages/`);
    await expect(page.textContent('footer')).resolves.toContain('accounts served by Django');
    await expect(page.textContent('#messages')).resolves.toContain('Decision recorded');
    // Shown once: Django's storage marked it used.
    await page.goto(`${site}/messages/`);
    await expect(page.locator('#no-messages').count()).resolves.toBe(1);
  });

  it('is signed out on Express when the password is changed in Django from another browser', async () => {
    const other = await visitor();
    await other.page.goto(`${site}/accounts/login/`);
    await signInOnDjango(other.page);
    await other.page.goto(`${site}/accounts/password_change/`);
    await other.page.fill('#id_old_password', PASSWORD);
    await other.page.fill('#id_new_password1', NEW_PASSWORD);
    await other.page.fill('#id_new_password2', NEW_PASSWORD);
    await Promise.all([other.page.waitForNavigation(), other.page.click('main button[type="submit"]')]);
    await expect(other.page.textContent('h1')).resolves.toBe('Password changed');
    // The browser that changed it stays signed in (Django's update_session_auth_hash) …
    await other.page.goto(`${site}/chair/`);
    await expect(other.page.textContent('#signed-in-as')).resolves.toContain('Ingrid Sørensen');
    await other.context.close();
    // … this one, whose session holds the old password's hash, is signed out on Express.
    await page.goto(`${site}/chair/`);
    expect(page.url()).toBe(`${site}/accounts/login/?next=/chair/`);
  });

  it('signs in again, signs out on Express, and is signed out of Django too', async () => {
    await signInOnDjango(page, NEW_PASSWORD);
    expect(page.url()).toBe(`${site}/chair/`);
    await Promise.all([page.waitForNavigation(), page.click('#sign-out')]);
    await page.goto(`${site}/messages/`);
    // Django's login_required: nobody is signed in.
    expect(page.url()).toBe(`${site}/accounts/login/?next=/messages/`);
  });
});

describe('a forged cross-site POST, in Chromium', () => {
  let attacker: Server;

  beforeAll(async () => {
    // Another site (localhost is not 127.0.0.1 to the browser) whose page posts forms to ours.
    attacker = await listen((req, res) => {
      const target = new URL(req.url ?? '/', 'http://attacker').searchParams.get('target') ?? '';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><form id="forged" method="post" action="${target}">` +
          '<input name="status" value="rejected"><input name="new_password1" value="x"></form>' +
          '<script>document.getElementById("forged").submit()</script>',
      );
    }, 'localhost');
  });
  afterAll(async () => {
    attacker.closeAllConnections();
    await new Promise((resolve) => attacker.close(resolve));
  });

  it.each([
    ['the Express half', '/chair/submissions/4/decision/'],
    ['the Django half', '/accounts/password_change/'],
  ])('is refused by %s with a 403', async (_half, path) => {
    const { context, page } = await visitor();
    await page.goto(`${site}/accounts/login/`);
    await signInOnDjango(page, NEW_PASSWORD);
    const before = await page.goto(`${site}/chair/submissions/4/`);
    expect(before?.status()).toBe(200);
    const status = await page.textContent('#status');
    const { port } = attacker.address() as AddressInfo;
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${site}${path}`),
      page.goto(`http://localhost:${port}/?target=${encodeURIComponent(site + path)}`),
    ]);
    expect(response.status()).toBe(403);
    await page.goto(`${site}/chair/submissions/4/`);
    await expect(page.textContent('#status')).resolves.toBe(status);
    await context.close();
  });
});
