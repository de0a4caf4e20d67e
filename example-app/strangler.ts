/**
 * `npm run start:strangler`: the conference site as two halves on one origin. Django 5.2
 * (example-app/django/: accounts, admin, messages) keeps what is not migrated yet; the Express
 * app serves the migrated views and forwards every other path to Django. Both read the same
 * SQLite file, sessions, login and messages, with one `SECRET_KEY`.
 *
 * First run: makes the Django virtualenv from the machine's package mirror if it is missing,
 * runs Django's migrations, creates the demo chair with Django's own `create_superuser` and
 * `set_password`. `PORT` (default 3000) and `HOST` (default 127.0.0.1) are the façade's
 * address; `DB_PATH` the shared file (default `example-app/data/strangler.sqlite3`);
 * `SECRET_KEY` the shared key (default: one made on first start and kept beside the file).
 * Ctrl-C (SIGINT) or SIGTERM stops both.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createApp } from './app.js';
import type { Site } from './site.js';
import { djangoPython, prepareDjango, startDjango } from './strangler/django.js';

/** The shared key: `SECRET_KEY`, else one made once and kept beside the database (mode 600). */
function secretKey(dbPath: string): string {
  if (process.env.SECRET_KEY) return process.env.SECRET_KEY;
  const file = `${dbPath}.secret-key`;
  if (!existsSync(file)) writeFileSync(file, randomBytes(40).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const dbPath = process.env.DB_PATH ?? join(__dirname, 'data', 'strangler.sqlite3');
  mkdirSync(dirname(dbPath), { recursive: true });
  const settings = { dbPath, secretKey: secretKey(dbPath) };

  console.log('Django 5.2: checking the virtualenv (scripts/django-venv.sh) …');
  const python = djangoPython();
  console.log('Django 5.2: migrations and the demo chair …');
  prepareDjango(python, settings);
  const django = await startDjango(python, settings, { log: process.env.DJANGO_LOG === '1' });
  console.log(`Django 5.2 (accounts, admin, messages) on ${django.url}`);

  const app = createApp({ dbPath, secret: settings.secretKey, djangoUpstream: django.url });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = app.listen(port, host, () => {
    const { port: actual } = server.address() as AddressInfo;
    console.log(`DCCN example app, Express façade in front of Django, on http://${host}:${actual}/`);
  });

  let stopping = false;
  const shutDown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Express and Django`);
    server.closeAllConnections();
    server.close(() => {
      (app.locals.site as Site).store.close();
      void django.stop().then(() => process.exit(0));
    });
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
  django.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`Django stopped (exit ${code}); stopping Express too.`);
    shutDown('SIGTERM');
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
