/**
 * What the browser suite needs: the example app on a fresh SQLite file and a free loopback
 * port, and Debian's Chromium launched headless by playwright-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp, type CreateAppOptions } from '../../example-app/app.js';
import { ConferenceStore } from '../../example-app/db.js';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A running example app. */
export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Its data directory (SQLite file and manuscripts). */
  dir: string;
  /** Stop the server, close the database, delete the directory. */
  close(): Promise<void>;
}

/** Start the example app on a new database in a temporary directory. */
export async function startApp(options: CreateAppOptions = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dccn-e2e-'));
  const store = new ConferenceStore(join(dir, 'conference.sqlite3'));
  const app = createApp({ store, mediaRoot: join(dir, 'media'), secret: 'e2e-secret', ...options });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium, headless, with nothing that talks to the network on its own (updates, sync, QUIC):
 * the suite's only traffic is to the app on loopback. playwright-core gives every launch a
 * fresh, temporary profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
}
