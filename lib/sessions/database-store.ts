/** Django's `db` session engine: the `django_session` table, through any SQL client. */
import { describe } from '../http/describe.js';
import type { SessionData } from './json.js';
import { isStoredSessionKey } from './keys.js';
import { decodeSessionData, encodeSessionData, SESSION_STORE_SALT } from './encoding.js';
import { CreateError, UpdateError, type SessionSaveContext, type SessionSettings, type SessionStore } from './store.js';

/** A row as a SQL client returns it. */
export type SqlRow = Record<string, unknown>;

/**
 * What a query function answers: the rows (an array of objects, as better-sqlite3's `all()`
 * and node:sqlite's), an object with `rows` (pg, mysql2's first element aside), or, for
 * `INSERT`/`UPDATE`/`DELETE`, whatever the client returns — its count of changed rows is read
 * from `rowCount` (pg), `changes` (better-sqlite3, node:sqlite) or `affectedRows` (mysql2).
 */
export type SqlResult =
  | SqlRow[]
  | {
      /** The rows a query returned (node-postgres's `result.rows`). */
      rows?: SqlRow[];
      /** How many rows a statement changed (node-postgres's `result.rowCount`). */
      rowCount?: number | null;
    }
  | object
  | undefined;

/** Runs one SQL statement with its parameters, synchronously or not. */
export type SqlQuery = (sql: string, params: unknown[]) => SqlResult | Promise<SqlResult>;

/** Options of {@link DatabaseSessionStore}. */
export interface DatabaseSessionStoreOptions {
  /** Runs a statement: `(sql, params) => rows` (see {@link SqlResult}). Required. */
  query: SqlQuery;
  /** The table, Django's `Session._meta.db_table`. @defaultValue 'django_session' */
  table?: string;
  /**
   * How a parameter is written in the SQL: `'?'` for SQLite (better-sqlite3, node:sqlite) and
   * MySQL (mysql2), `'$1'` for PostgreSQL (pg: `$1`, `$2`, …). It also decides how `expire_date`
   * is passed, as Django passes it: text in UTC (`2026-12-21 14:00:00.000000`) for SQLite and
   * MySQL, a `Date` for PostgreSQL's `timestamp with time zone`. @defaultValue '?'
   */
  placeholder?: '?' | '$1';
  /**
   * The salt of `session_data`'s signature: `"django.contrib.sessions." + the engine class's
   * __qualname__`. Django's `db`, `cached_db` and `file` engines all use `SessionStore`.
   * @defaultValue 'django.contrib.sessions.SessionStore'
   */
  keySalt?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Django's `django.contrib.sessions.backends.db`: sessions in the `django_session` table
 * (`session_key` varchar(40) primary key, `session_data` text, `expire_date` timestamp), the
 * data encoded as Django encodes it (`signing.dumps(..., salt="django.contrib.sessions.SessionStore",
 * compress=True)` with `secretKey`), so a Django site on the same database reads and writes the
 * same sessions. Expired rows are never read; delete them as Django's `clearsessions` does with
 * {@link DatabaseSessionStore.clearExpired}.
 *
 * The SQL client is yours, given as a query function: SQLite, PostgreSQL or MySQL. It writes
 * `?` placeholders unless told `placeholder: '$1'` (PostgreSQL).
 *
 * @example
 * ```ts
 * // better-sqlite3, on Django's own db.sqlite3
 * const db = new Database('db.sqlite3');
 * const store = new DatabaseSessionStore({
 *   query: (sql, params) => {
 *     const statement = db.prepare(sql);
 *     return statement.reader ? statement.all(...params) : statement.run(...params);
 *   },
 * });
 * // pg
 * const pool = new pg.Pool();
 * const store = new DatabaseSessionStore({ query: (sql, params) => pool.query(sql, params), placeholder: '$1' });
 * ```
 */
export class DatabaseSessionStore implements SessionStore {
  readonly #query: SqlQuery;
  readonly #table: string;
  readonly #dollar: boolean;
  readonly #salt: string;

  /** @throws TypeError when `query` is not a function or `table` not a plain SQL identifier. */
  constructor(options: DatabaseSessionStoreOptions) {
    if (options === null || typeof options !== 'object' || typeof options.query !== 'function') {
      throw new TypeError(
        `DatabaseSessionStore needs { query }: a function (sql, params) that runs a statement on your database and returns its rows (got ${describe(options)}).`,
      );
    }
    const { table = 'django_session', placeholder = '?', keySalt = SESSION_STORE_SALT } = options;
    if (typeof table !== 'string' || !IDENTIFIER.test(table)) {
      throw new TypeError(
        `DatabaseSessionStore option table must be a plain SQL identifier such as "django_session" (got ${describe(table)}).`,
      );
    }
    if (placeholder !== '?' && placeholder !== '$1') {
      throw new TypeError(
        `DatabaseSessionStore option placeholder must be '?' (SQLite, MySQL) or '$1' (PostgreSQL) (got ${describe(placeholder)}).`,
      );
    }
    this.#query = options.query;
    this.#table = table;
    this.#dollar = placeholder === '$1';
    this.#salt = keySalt;
  }

  /** Only keys Django could have made are looked up (see `isStoredSessionKey`). */
  acceptsKey(sessionKey: string): boolean {
    return isStoredSessionKey(sessionKey);
  }

  /**
   * The session's data, or `null` when there is no row or it expired. A row whose data fails its
   * signature gives an empty session under the same key, as Django's `decode` does.
   */
  async load(sessionKey: string, settings: SessionSettings): Promise<SessionData | null> {
    const rows = rowsOf(
      await this.#query(`SELECT session_data, expire_date FROM ${this.#table} WHERE session_key = ${this.#p(1)}`, [
        sessionKey,
      ]),
    );
    const row = rows[0];
    if (row === undefined) return null;
    const expires = readDate(row['expire_date']);
    if (expires === undefined || expires.getTime() <= Date.now()) return null;
    const text = row['session_data'];
    return typeof text === 'string' ? decodeSessionData(text, settings, this.#salt) : new Map();
  }

  /** Django's `save`: an `INSERT` with `mustCreate` (a taken key: {@link CreateError}), else an `UPDATE` (no row: {@link UpdateError}). */
  async save(sessionKey: string, data: SessionData, context: SessionSaveContext): Promise<void> {
    const encoded = encodeSessionData(data, context.settings, this.#salt);
    const expires = this.#date(context.expiryDate);
    if (context.mustCreate) {
      try {
        await this.#query(
          `INSERT INTO ${this.#table} (session_key, session_data, expire_date) VALUES (${this.#p(1)}, ${this.#p(2)}, ${this.#p(3)})`,
          [sessionKey, encoded, expires],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new CreateError(`Session key ${sessionKey} exists`, { cause: error });
        throw error;
      }
      return;
    }
    const result = await this.#query(
      `UPDATE ${this.#table} SET session_data = ${this.#p(1)}, expire_date = ${this.#p(2)} WHERE session_key = ${this.#p(3)}`,
      [encoded, expires, sessionKey],
    );
    let changed = changedRows(result);
    if (changed === undefined) {
      // A client that does not say how many rows changed: look.
      const rows = rowsOf(
        await this.#query(`SELECT session_key FROM ${this.#table} WHERE session_key = ${this.#p(1)}`, [sessionKey]),
      );
      changed = rows.length;
    }
    if (changed === 0) throw new UpdateError(`Session ${sessionKey} was deleted`);
  }

  /** Delete the row of `sessionKey`. */
  async delete(sessionKey: string): Promise<void> {
    await this.#query(`DELETE FROM ${this.#table} WHERE session_key = ${this.#p(1)}`, [sessionKey]);
  }

  /** Delete every expired row (Django's `clear_expired`, which `manage.py clearsessions` runs). */
  async clearExpired(): Promise<void> {
    await this.#query(`DELETE FROM ${this.#table} WHERE expire_date < ${this.#p(1)}`, [this.#date(new Date())]);
  }

  #p(index: number): string {
    return this.#dollar ? `$${index}` : '?';
  }

  /** `expire_date` as Django passes it: a Date for PostgreSQL, UTC text for SQLite and MySQL. */
  #date(date: Date): Date | string {
    if (this.#dollar) return date;
    return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 23)}000`;
  }
}

function rowsOf(result: SqlResult): SqlRow[] {
  if (Array.isArray(result)) return result as SqlRow[];
  const rows = (result as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as SqlRow[]) : [];
}

function changedRows(result: SqlResult): number | undefined {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return undefined;
  for (const field of ['rowCount', 'changes', 'affectedRows'] as const) {
    const value = (result as Record<string, unknown>)[field];
    if (typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
  }
  return undefined;
}

/**
 * `expire_date` as a client returns it: a `Date` (pg, mysql2), or Django's text (SQLite:
 * `2026-12-21 14:00:00.123456`, UTC, or with an offset).
 */
function readDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?$/.exec(value.trim());
  if (!match) return undefined;
  const [, day, time, fraction = '0', zone = 'Z'] = match;
  const date = new Date(`${day}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A duplicate primary key, as SQLite, PostgreSQL and MySQL clients report it. */
function isUniqueViolation(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
  if (code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062) return true;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return true;
  return typeof message === 'string' && /UNIQUE constraint failed|duplicate key|Duplicate entry/i.test(message);
}
