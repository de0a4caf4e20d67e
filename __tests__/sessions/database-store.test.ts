/**
 * DatabaseSessionStore on real databases: SQLite through better-sqlite3 and node:sqlite (where
 * this Node has it), PostgreSQL through pg (a server started for the test), with Django's
 * django_session table.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import type { ErrorRequestHandler } from 'express';
import { DatabaseSessionStore, getSession, sessionMiddleware, type SqlQuery } from '../../lib/index.js';
import { describeStoreBehaviour, sessionCookie, type RawBackend } from '../helpers/session-store-suite.js';
import { describeWithPostgres, startPostgres, type PostgresServer } from '../helpers/postgres.js';
import { expressVersions } from '../helpers/apps.js';

/** Django 5.2's migration for the table, on SQLite. */
const SQLITE_TABLE =
  'CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL)';
/** And on PostgreSQL. */
const POSTGRES_TABLE =
  'CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" timestamp with time zone NOT NULL)';

function sqliteRaw(run: (sql: string, ...params: unknown[]) => unknown): RawBackend {
  return {
    exists: async (key) =>
      (run('SELECT session_key FROM django_session WHERE session_key = ?', key) as unknown[]).length > 0,
    tamper: async (key) => {
      run("UPDATE django_session SET session_data = session_data || 'x' WHERE session_key = ?", key);
    },
    expire: async (key) => {
      run("UPDATE django_session SET expire_date = '2000-01-01 00:00:00.000000' WHERE session_key = ?", key);
    },
    remove: async (key) => {
      run('DELETE FROM django_session WHERE session_key = ?', key);
    },
  };
}

describeStoreBehaviour('DatabaseSessionStore on SQLite (better-sqlite3)', async () => {
  const db = new Database(':memory:');
  db.exec(SQLITE_TABLE);
  const query: SqlQuery = (sql, params) => {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all(...params) : statement.run(...params);
  };
  return {
    store: new DatabaseSessionStore({ query }),
    raw: sqliteRaw((sql, ...params) => {
      const statement = db.prepare(sql);
      return statement.reader ? statement.all(...params) : statement.run(...params);
    }),
  };
});

/** node:sqlite, where this Node has it (22.5+). */
function nodeSqlite():
  | {
      DatabaseSync: new (path: string) => {
        exec(sql: string): void;
        prepare(sql: string): { all(...p: unknown[]): unknown[]; run(...p: unknown[]): unknown };
      };
    }
  | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node:sqlite') as never;
  } catch {
    return undefined;
  }
}
const sqlite = nodeSqlite();
// node:sqlite exists from Node 22.5: this Node 20 has no such store to test, and the test matrix
// (scripts/test-matrix.sh) runs these on Node 22, 24 and 26.
if (sqlite !== undefined) {
  describeStoreBehaviour('DatabaseSessionStore on node:sqlite', async () => {
    const db = new sqlite.DatabaseSync(':memory:');
    db.exec(SQLITE_TABLE);
    const run = (sql: string, ...params: unknown[]): unknown => {
      const statement = db.prepare(sql);
      return /^\s*SELECT/i.test(sql) ? statement.all(...params) : statement.run(...params);
    };
    return {
      store: new DatabaseSessionStore({ query: (sql, params) => run(sql, ...params) as never }),
      raw: sqliteRaw(run),
    };
  });
}

describeWithPostgres('DatabaseSessionStore on PostgreSQL')('DatabaseSessionStore on PostgreSQL', () => {
  let server: PostgresServer;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ connectionString: server.url, max: 4 });
    // An idle connection the server ends (57P01) is pg's to replace, as in any app (see docs/sessions.md);
    // a query that fails still fails its test.
    pool.on('error', () => {});
    await pool.query(POSTGRES_TABLE);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  describeStoreBehaviour('DatabaseSessionStore (pg)', async () => {
    await pool.query('DELETE FROM django_session');
    return {
      store: new DatabaseSessionStore({ query: (sql, params) => pool.query(sql, params), placeholder: '$1' }),
      raw: {
        exists: async (key) =>
          (await pool.query('SELECT 1 FROM django_session WHERE session_key = $1', [key])).rows.length > 0,
        tamper: async (key) => {
          await pool.query("UPDATE django_session SET session_data = session_data || 'x' WHERE session_key = $1", [
            key,
          ]);
        },
        expire: async (key) => {
          await pool.query(
            "UPDATE django_session SET expire_date = now() - interval '1 second' WHERE session_key = $1",
            [key],
          );
        },
        remove: async (key) => {
          await pool.query('DELETE FROM django_session WHERE session_key = $1', [key]);
        },
      },
    };
  });

  it.each(expressVersions)(
    'keeps serving sessions on %s after the server ends the idle connections (57P01), as the docs set pg up',
    async (_label, createApp) => {
      const reported: Error[] = [];
      const sessions = new pg.Pool({ connectionString: server.url, max: 2 });
      sessions.on('error', (error) => reported.push(error));
      try {
        const app = createApp();
        app.use(
          sessionMiddleware({
            secretKey: 's',
            store: new DatabaseSessionStore({ query: (sql, params) => sessions.query(sql, params), placeholder: '$1' }),
          }),
        );
        app.get('/set', (req, res) => {
          getSession(req).set('visits', 1);
          res.send('set');
        });
        app.get('/get', (req, res) => {
          res.json(getSession(req).get('visits') ?? null);
        });
        const saved = await request(app).get('/set').expect(200);
        const cookie = `sessionid=${sessionCookie(saved)}`;
        expect(sessions.idleCount).toBeGreaterThan(0);

        const ended = await pool.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $1',
          ['client backend'],
        );
        expect(ended.rowCount).toBeGreaterThan(0);
        // The server's notice reaches the idle client when its socket is next read.
        for (let waited = 0; reported.length === 0 && waited < 10_000; waited += 20) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(reported.map((error) => (error as Error & { code?: string }).code)).toContain('57P01');
        await request(app).get('/get').set('Cookie', cookie).expect(200, '1');
      } finally {
        await sessions.end();
      }
    },
    20_000,
  );
});

describe.each(expressVersions)('DatabaseSessionStore when the database fails, on %s', (_label, createApp) => {
  it('answers 503 naming the store, reports once per outage, and recovers', async () => {
    let down = true;
    const db = new Database(':memory:');
    db.exec(SQLITE_TABLE);
    const query: SqlQuery = (sql, params) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      const statement = db.prepare(sql);
      return statement.reader ? statement.all(...params) : statement.run(...params);
    };
    const reported: Error[] = [];
    const app = createApp();
    app.use(
      sessionMiddleware({
        secretKey: 's',
        store: new DatabaseSessionStore({ query }),
        onStoreError: (error) => reported.push(error),
      }),
    );
    app.get('/set', (req, res) => {
      getSession(req).set('a', 1);
      res.send('set');
    });
    app.get('/get', (req, res) => {
      res.json(getSession(req).get('a') ?? null);
    });
    app.get('/plain', (_req, res) => {
      res.send('plain');
    });
    app.use(((err, _req, res, _next) => {
      res.status((err as { status?: number }).status ?? 500).send((err as Error).message);
    }) as ErrorRequestHandler);

    const failed = await request(app).get('/set').expect(503);
    expect(failed.text).toBe('Service Unavailable: the session could not be saved.\n');
    await request(app).get('/set').expect(503);
    const cookie = 'sessionid=abcdefghijklmnopqrstuvwxyz012345';
    const read = await request(app).get('/get').set('Cookie', cookie).expect(503);
    expect(read.text).toMatch(/The session store \(DatabaseSessionStore\) failed a load: connect ECONNREFUSED/);
    // A page that does not use the session is served.
    await request(app).get('/plain').set('Cookie', cookie).expect(200, 'plain');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toMatch(/DatabaseSessionStore.*ECONNREFUSED/);

    down = false;
    const saved = await request(app).get('/set').expect(200);
    expect(sessionCookie(saved)).toBeDefined();
    down = true;
    await request(app).get('/set').expect(503);
    expect(reported).toHaveLength(2); // A new outage.
  });

  it('answers 503 after storeTimeout when the database never answers, without hanging', async () => {
    const app = createApp();
    const reported: Error[] = [];
    app.use(
      sessionMiddleware({
        secretKey: 's',
        store: new DatabaseSessionStore({ query: () => new Promise(() => undefined) }),
        storeTimeout: 0.2,
        onStoreError: (error) => reported.push(error),
      }),
    );
    app.get('/set', (req, res) => {
      getSession(req).set('a', 1);
      res.send('set');
    });
    await request(app).get('/set').expect(503);
    expect(reported[0]!.message).toMatch(/did not answer a save within 0.2 s/);
  });
});
