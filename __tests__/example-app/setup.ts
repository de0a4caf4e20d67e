/** A fresh example app per test: its own SQLite file and media directory, on Express 4 or 5. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../../example-app/app.js';
import { ConferenceStore } from '../../example-app/db.js';
import type { AppFactory } from '../helpers/apps.js';

/** The secret the test apps sign cookies with. */
export const SECRET = 'test-secret';

/** The seeded chair's credentials. */
export const CHAIR = { username: 'chair', password: 'dccn-2026' };

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
  const app = createApp({ store, mediaRoot: join(dir, 'media'), secret: SECRET, express: createExpress, ...options });
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

/** A supertest agent signed in as the chair (its cookie jar keeps the session). */
export async function signedIn(app: Express): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(app);
  const response = await agent.post('/accounts/login/').type('form').send(CHAIR);
  expect(response.status).toBe(302);
  return agent;
}
