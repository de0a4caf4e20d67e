/** A fresh example app per test: its own SQLite file and media directory, on Express 4 or 5. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../../example-app/app.js';
import { ConferenceStore } from '../../example-app/db.js';
import { MD5PasswordHasher } from '../../lib/index.js';
import type { AppFactory } from '../helpers/apps.js';

/** The secret the test apps sign cookies with. */
export const SECRET = 'test-secret';

/** The seeded chair's credentials. */
export const CHAIR = { username: 'chair', password: 'dccn-2026' };

/** Django's test settings' `PASSWORD_HASHERS`. */
export const TEST_PASSWORD_HASHERS = [new MD5PasswordHasher()];

/** The chair's password under {@link TEST_PASSWORD_HASHERS}: Django's `md5$salt$hex`. */
export const TEST_CHAIR_PASSWORD_HASH = `md5$testsalt$${createHash('md5')
  .update('testsalt' + CHAIR.password)
  .digest('hex')}`;

/** An app on a new database; `close()` removes it. */
export interface TestSite {
  app: Express;
  store: ConferenceStore;
  dir: string;
  close(): void;
}

/** Build the example app on `createExpress` with a new seeded database in a temporary directory. */
export function makeSite(createExpress: AppFactory, options: CreateAppOptions = {}): TestSite {
  const dir = mkdtempSync(join(tmpdir(), 'dccn-test-'));
  const store = new ConferenceStore(join(dir, 'conference.sqlite3'));
  // Django's advice for test settings: PASSWORD_HASHERS = [MD5PasswordHasher]. The suite signs in
  // hundreds of times, and a pbkdf2_sha256 check is a million iterations, however few the hash has.
  store.db
    .prepare('UPDATE auth_user SET password = ? WHERE username = ?')
    .run(TEST_CHAIR_PASSWORD_HASH, CHAIR.username);
  const app = createApp({
    store,
    mediaRoot: join(dir, 'media'),
    secret: SECRET,
    express: createExpress,
    passwordHashers: TEST_PASSWORD_HASHERS,
    ...options,
  });
  return {
    app,
    store,
    dir,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A supertest agent: its cookie jar keeps the session and the CSRF cookie. */
export type Agent = ReturnType<typeof request.agent>;

/**
 * The CSRF token a page of the app gives `agent` (the login form's `csrfmiddlewaretoken`; the
 * page also sets the `csrftoken` cookie), sent from then on as `X-CSRFToken` with every request
 * of the agent, as a page's script does. Asked again after a login, which rotates the token.
 */
export async function withCsrfToken(agent: Agent): Promise<Agent> {
  const form = await agent.get('/accounts/login/');
  const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.text)?.[1];
  if (token === undefined) throw new Error(`No CSRF token in the login page (${form.status})`);
  agent.set('X-CSRFToken', token);
  return agent;
}

/** An anonymous visitor whose unsafe requests carry a valid CSRF token, as a browser's form would. */
export function visitor(app: Express): Promise<Agent> {
  return withCsrfToken(request.agent(app));
}

/** A supertest agent signed in as the chair, its unsafe requests carrying the new CSRF token. */
export async function signedIn(app: Express): Promise<Agent> {
  const agent = await visitor(app);
  const response = await agent.post('/accounts/login/').type('form').send(CHAIR);
  expect(response.status).toBe(302);
  return withCsrfToken(agent);
}
