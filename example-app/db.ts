/**
 * The conference's data in SQLite (better-sqlite3): the schema, the first-start seed, and the
 * queries the views run, as a Django app's models and managers would give them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkPassword, makePassword, type BasePasswordHasher } from '../lib/index.js';
import {
  AUTHORS,
  CHAIR,
  CHAIR_PASSWORD_HASH,
  CONFERENCE,
  STATUSES,
  TITLES,
  type SubmissionStatus,
} from './seed-data.js';

/** The conference row. */
export interface Conference {
  id: number;
  shortName: string;
  name: string;
  city: string;
  startsOn: string;
}

/** An author row. */
export interface Author {
  id: number;
  fullName: string;
  fullNameLatin: string;
  degree: string;
  country: string;
  city: string;
  affiliation: string;
  email: string;
}

/** A submission with its authors in order. */
export interface Submission {
  id: number;
  title: string;
  abstract: string;
  status: SubmissionStatus;
  language: string;
  manuscript: string | null;
  createdAt: string;
  correspondingAuthor: Author | null;
  authors: Author[];
}

/** The countries of a submission's authors, each once, in author order (as the chair's list and CSV show them). */
export function countriesOf(submission: Submission): string {
  return [...new Set(submission.authors.map((author) => author.country))].join(', ');
}

/** An account: a row of Django's `auth_user`. */
export interface User {
  id: number;
  username: string;
  /** `first_name last_name`, as Django's `get_full_name()`. */
  fullName: string;
  /** The chair is Django's superuser: the admin and every chair page. */
  isChair: boolean;
  isActive: boolean;
  /** Django's encoded password hash (`pbkdf2_sha256$…`): the session's auth hash is made from it. */
  password: string;
}

const USER_COLUMNS = `id, username, trim(first_name || ' ' || last_name) AS fullName, is_superuser AS isChair,
  is_active AS isActive, password`;

function toUser(
  row: (Omit<User, 'isChair' | 'isActive'> & { isChair: number; isActive: number }) | undefined,
): User | null {
  return row === undefined ? null : { ...row, isChair: row.isChair === 1, isActive: row.isActive === 1 };
}

/** Filters of the chair's submissions list. */
export interface SubmissionFilter {
  /** Matches title or an author's name, ignoring case and accents. */
  q?: string | undefined;
  status?: SubmissionStatus | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The columns of the authors CSV export, in order (dccnsys's `get_authors_csv`). */
export const AUTHOR_CSV_COLUMNS = [
  '#',
  'ID',
  'FULL_NAME',
  'FULL_NAME_LATIN',
  'DEGREE',
  'COUNTRY',
  'CITY',
  'AFFILIATION',
  'EMAIL',
  'SUBMISSIONS',
] as const;

/** The authors export's query: one row per author, columns named as {@link AUTHOR_CSV_COLUMNS}. */
export const AUTHORS_CSV_SQL = `
  SELECT row_number() OVER (ORDER BY a.id) AS "#", a.id AS "ID", a.full_name AS FULL_NAME,
         a.full_name_latin AS FULL_NAME_LATIN, a.degree AS DEGREE, a.country AS COUNTRY, a.city AS CITY,
         a.affiliation AS AFFILIATION, a.email AS EMAIL,
         (SELECT count(*) FROM authorship s WHERE s.author_id = a.id) AS SUBMISSIONS
  FROM author a ORDER BY a.id`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS conference (
    id INTEGER PRIMARY KEY, short_name TEXT NOT NULL, name TEXT NOT NULL, city TEXT NOT NULL, starts_on TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS author (
    id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, full_name_latin TEXT NOT NULL, degree TEXT NOT NULL,
    country TEXT NOT NULL, city TEXT NOT NULL, affiliation TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
    search_key TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS submission (
    id INTEGER PRIMARY KEY, conference_id INTEGER NOT NULL REFERENCES conference (id), title TEXT NOT NULL,
    abstract TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('submitted', 'under_review', 'accepted', 'rejected')),
    language TEXT NOT NULL, created_by INTEGER REFERENCES author (id), manuscript TEXT, created_at TEXT NOT NULL,
    search_key TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS authorship (
    submission_id INTEGER NOT NULL REFERENCES submission (id), author_id INTEGER NOT NULL REFERENCES author (id),
    position INTEGER NOT NULL, PRIMARY KEY (submission_id, author_id)
  );
  -- Django's auth_user and django_session, as Django 5.2's migrations create them (sqlmigrate
  -- auth, sessions), so that a Django site on this file (npm run start:strangler) shares the
  -- accounts and sessions; created here when Django's migrations have not run.
  CREATE TABLE IF NOT EXISTS "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
  CREATE TABLE IF NOT EXISTS "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
  CREATE INDEX IF NOT EXISTS "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
  CREATE TABLE IF NOT EXISTS access_attempt (
    username TEXT NOT NULL, ip_address TEXT NOT NULL, failures INTEGER NOT NULL, attempt_time INTEGER NOT NULL,
    PRIMARY KEY (username, ip_address)
  );
`;

/** Lower case without diacritics, so that "jose" finds "José" and "zurich" finds "Zürich". */
export function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A `LIKE ? ESCAPE '\\'` pattern matching any text that contains `text` literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A moment as Django's SQLite backend stores a `datetime` column in UTC: `2026-09-14 09:30:00.000`. */
function djangoDatetime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A small deterministic generator (mulberry32), so every fresh database holds the same seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function languageOf(title: string): string {
  if (/\p{Script=Cyrillic}/u.test(title)) return 'Russian';
  if (/\p{Script=Hangul}/u.test(title)) return 'Korean';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(title)) return 'Japanese';
  if (/\p{Script=Han}/u.test(title)) return 'Chinese';
  if (/[’]|\bpour\b/u.test(title)) return 'French';
  return 'English';
}

function emailOf(latinName: string, index: number): string {
  const local = latinName
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}${index % 7 === 0 ? index : ''}@example.org`;
}

/** A submission as its table holds it: the corresponding author as an id, no authors. */
type SubmissionRow = Omit<Submission, 'correspondingAuthor' | 'authors'> & { createdBy: number | null };

const AUTHOR_COLUMNS = `a.id, a.full_name AS fullName, a.full_name_latin AS fullNameLatin, a.degree, a.country,
  a.city, a.affiliation, a.email`;
const SUBMISSION_COLUMNS = `s.id, s.title, s.abstract, s.status, s.language, s.manuscript, s.created_at AS createdAt,
  s.created_by AS createdBy`;

/**
 * The conference's database. Opening a new file creates the schema and seeds it; an existing
 * file is used as it is.
 */
export class ConferenceStore {
  /** The better-sqlite3 connection. */
  readonly db: Database.Database;
  /** The file the data lives in (`:memory:` for a throw-away database). */
  readonly path: string;

  /** @param path - the SQLite file, created (with its directory) and seeded when missing. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.path = path;
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const seeded = this.db.prepare('SELECT count(*) AS n FROM conference').get() as { n: number };
    if (seeded.n === 0) this.seed();
  }

  /**
   * A second, read-only connection to the same file, for a streamed export: while a cursor
   * (`iterate()`) is open its connection can run nothing else, and a download can take a while.
   * A `:memory:` database has no file to share, so it gets its own connection back.
   */
  openReader(): { db: Database.Database; release: () => void } {
    if (this.path === ':memory:') return { db: this.db, release: () => {} };
    const db = new Database(this.path, { readonly: true, fileMustExist: true });
    return { db, release: () => db.close() };
  }

  /** Close the connection. */
  close(): void {
    this.db.close();
  }

  private seed(): void {
    const next = random(2026);
    const insertConference = this.db.prepare(
      'INSERT INTO conference (short_name, name, city, starts_on) VALUES (?, ?, ?, ?)',
    );
    const insertAuthor = this.db.prepare(
      `INSERT INTO author (full_name, full_name_latin, degree, country, city, affiliation, email, search_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertSubmission = this.db.prepare(
      `INSERT INTO submission (conference_id, title, abstract, status, language, created_by, manuscript, created_at,
       search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAuthorship = this.db.prepare(
      'INSERT INTO authorship (submission_id, author_id, position) VALUES (?, ?, ?)',
    );
    this.db.transaction(() => {
      const conferenceId = Number(
        insertConference.run(CONFERENCE.shortName, CONFERENCE.name, CONFERENCE.city, CONFERENCE.startsOn)
          .lastInsertRowid,
      );
      const authorIds = AUTHORS.map(([fullName, latin, degree, country, city, affiliation], index) => {
        const email = emailOf(latin, index + 1);
        const key = searchKey(`${fullName} ${latin} ${email}`);
        return Number(
          insertAuthor.run(fullName, latin, degree, country, city, affiliation, email, key).lastInsertRowid,
        );
      });
      TITLES.forEach((title, index) => {
        const count = 1 + Math.floor(next() * 4);
        const chosen = new Set<number>();
        while (chosen.size < count) chosen.add(authorIds[Math.floor(next() * authorIds.length)] as number);
        const authors = [...chosen];
        const status = STATUSES[Math.floor(next() * STATUSES.length)] as SubmissionStatus;
        const day = String(1 + (index % 28)).padStart(2, '0');
        const createdAt = `2026-0${3 + Math.floor(index / 12)}-${day}T${String(8 + (index % 10)).padStart(2, '0')}:15:00Z`;
        const abstract = `We study ${title.charAt(0).toLowerCase()}${title.slice(1)}. The analysis is checked against a simulation and a testbed of ${8 + index} nodes.`;
        const names = authors.map((id) => {
          const seed = AUTHORS[authorIds.indexOf(id)] as string[];
          return `${seed[0]} ${seed[1]}`;
        });
        const submissionId = Number(
          insertSubmission.run(
            conferenceId,
            title,
            abstract,
            status,
            languageOf(title),
            authors[0],
            index % 6 === 5 ? null : `manuscripts/${index + 1}.pdf`,
            createdAt,
            searchKey(`${title} ${names.join(' ')}`),
          ).lastInsertRowid,
        );
        authors.forEach((authorId, position) => insertAuthorship.run(submissionId, authorId, position));
      });
      // The chair, as Django's createsuperuser makes one; kept when Django made it first.
      const [firstName, ...lastName] = CHAIR.fullName.split(' ');
      this.db
        .prepare(
          `INSERT OR IGNORE INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff,
             is_active, date_joined) VALUES (?, 1, ?, ?, ?, ?, 1, 1, ?)`,
        )
        .run(
          CHAIR_PASSWORD_HASH,
          CHAIR.username,
          firstName,
          lastName.join(' '),
          `${CHAIR.username}@dccn.example`,
          djangoDatetime(new Date()),
        );
    })();
  }

  /** The conference (the seed holds one). */
  conference(): Conference {
    return this.db
      .prepare('SELECT id, short_name AS shortName, name, city, starts_on AS startsOn FROM conference LIMIT 1')
      .get() as Conference;
  }

  /** How many submissions are in each state. */
  statusCounts(): Record<SubmissionStatus, number> {
    const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<SubmissionStatus, number>;
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM submission GROUP BY status').all() as Array<{
      status: SubmissionStatus;
      n: number;
    }>;
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  private where(filter: SubmissionFilter): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.q) {
      clauses.push("s.search_key LIKE ? ESCAPE '\\'");
      params.push(containing(searchKey(filter.q)));
    }
    if (filter.status) {
      clauses.push('s.status = ?');
      params.push(filter.status);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** How many submissions match `filter` (its `offset` and `limit` aside). */
  countSubmissions(filter: SubmissionFilter = {}): number {
    const { sql, params } = this.where(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM submission s ${sql}`).get(...params) as { n: number }).n;
  }

  /** The submissions matching `filter`, by id, with their authors. */
  submissions(filter: SubmissionFilter = {}): Submission[] {
    const { sql, params } = this.where(filter);
    const rows = this.db
      .prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submission s ${sql} ORDER BY s.id LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? -1, filter.offset ?? 0) as SubmissionRow[];
    return this.withAuthors(rows);
  }

  /** One submission, or `undefined` (for `getObjectOr404`). */
  submission(id: number): Submission | undefined {
    const row = this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submission s WHERE s.id = ?`).get(id) as
      SubmissionRow | undefined;
    return row === undefined ? undefined : this.withAuthors([row])[0];
  }

  private withAuthors(rows: SubmissionRow[]): Submission[] {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const links = this.db
      .prepare(
        `SELECT sa.submission_id AS submissionId, ${AUTHOR_COLUMNS} FROM authorship sa JOIN author a ON a.id = sa.author_id
         WHERE sa.submission_id IN (${ids.map(() => '?').join(',')}) ORDER BY sa.submission_id, sa.position`,
      )
      .all(...ids) as Array<Author & { submissionId: number }>;
    return rows.map(({ createdBy, ...row }) => {
      const authors = links
        .filter((link) => link.submissionId === row.id)
        .map(({ submissionId: _, ...author }) => author);
      return { ...row, authors, correspondingAuthor: authors.find((author) => author.id === createdBy) ?? null };
    });
  }

  /** Record the chair's decision. */
  setStatus(id: number, status: SubmissionStatus): void {
    this.db.prepare('UPDATE submission SET status = ? WHERE id = ?').run(status, id);
  }

  /** Authors whose name (as written or in Latin letters) or e-mail contains every word of `query`. */
  searchAuthors(query: string, limit = 10): Author[] {
    const words = searchKey(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const sql = words.map(() => "a.search_key LIKE ? ESCAPE '\\'").join(' AND ');
    return this.db
      .prepare(`SELECT ${AUTHOR_COLUMNS} FROM author a WHERE ${sql} ORDER BY a.full_name_latin LIMIT ?`)
      .all(...words.map(containing), limit) as Author[];
  }

  /** One author, or `undefined`. */
  author(id: number): Author | undefined {
    return this.db.prepare(`SELECT ${AUTHOR_COLUMNS} FROM author a WHERE a.id = ?`).get(id) as Author | undefined;
  }

  /**
   * The active user with this name and password, or `null` (Django's `ModelBackend.authenticate`):
   * the password is hashed even for an unknown name, so the answer takes as long either way.
   */
  async authenticate(
    username: string,
    password: string,
    hashers?: readonly BasePasswordHasher[],
  ): Promise<User | null> {
    const options = hashers === undefined ? {} : { hashers };
    const user = this.user(username);
    if (user === null) {
      // Django's ModelBackend hashes the password anyway (set_password), so an unknown name
      // takes as long as a wrong password.
      await makePassword(password, options);
      return null;
    }
    const ok = await checkPassword(password, user.password, options);
    return ok && user.isActive ? user : null;
  }

  /** The user with this name, or `null`. */
  user(username: string): User | null {
    return toUser(this.db.prepare(`SELECT ${USER_COLUMNS} FROM auth_user WHERE username = ?`).get(username) as never);
  }

  /** The user with this primary key (the session's `_auth_user_id`), or `null`. */
  userById(id: number | string): User | null {
    return toUser(this.db.prepare(`SELECT ${USER_COLUMNS} FROM auth_user WHERE id = ?`).get(Number(id)) as never);
  }

  /** Django's `update_last_login`, the `user_logged_in` signal's receiver. */
  touchLastLogin(id: number, now: Date): void {
    this.db.prepare('UPDATE auth_user SET last_login = ? WHERE id = ?').run(djangoDatetime(now), id);
  }

  /** Failed logins recorded for this username from this address (django-axes's `AccessAttempt`). */
  failures(username: string, ipAddress: string): { failures: number; attemptTime: number } | undefined {
    return this.db
      .prepare('SELECT failures, attempt_time AS attemptTime FROM access_attempt WHERE username = ? AND ip_address = ?')
      .get(username, ipAddress) as { failures: number; attemptTime: number } | undefined;
  }

  /** Count one more failed login; returns the new count. */
  recordFailure(username: string, ipAddress: string, now: number): number {
    this.db
      .prepare(
        `INSERT INTO access_attempt (username, ip_address, failures, attempt_time) VALUES (?, ?, 1, ?)
         ON CONFLICT (username, ip_address) DO UPDATE SET failures = failures + 1, attempt_time = excluded.attempt_time`,
      )
      .run(username, ipAddress, now);
    return this.failures(username, ipAddress)?.failures ?? 1;
  }

  /** Forget the failures (after a successful login, or once the cool-off has passed). */
  resetFailures(username: string, ipAddress: string): void {
    this.db.prepare('DELETE FROM access_attempt WHERE username = ? AND ip_address = ?').run(username, ipAddress);
  }
}
