/**
 * Starts the example app: `npm start`, then open the URL it prints. `PORT` (default 3000) and
 * `HOST` (default 127.0.0.1) choose where it listens; `DB_PATH` where its SQLite file is
 * (default `example-app/data/conference.sqlite3`, created and seeded on first start).
 * SIGTERM or SIGINT (Ctrl-C) stops it: no new connections, open ones (keep-alive included)
 * closed, the SQLite store closed, then the process exits.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DB_PATH, createApp } from './app.js';
import type { Site } from './site.js';

const dbPath = process.env.DB_PATH ?? DEFAULT_DB_PATH;
const fresh = !existsSync(dbPath);
const app = createApp({ dbPath });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(port, host, () => {
  // PORT=0 picks a free port: print the one we got.
  const { port: actual } = server.address() as AddressInfo;
  console.log(`${fresh ? 'Created and seeded' : 'Using'} ${dbPath}`);
  console.log(`DCCN example app (express-httpresponse) on http://${host}:${actual}/`);
});

/** Stop serving and close the store; the process then exits as nothing is left to run. */
function shutDown(signal: NodeJS.Signals): void {
  console.log(`${signal}: stopping`);
  server.close(() => {
    (app.locals.site as Site).store.close();
    process.exit(0);
  });
  // Keep-alive sockets would hold server.close() open until they time out.
  server.closeAllConnections();
}
process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);
