/** The chair's CSV exports: attachments with timestamped names, parsed back with csv-parse. */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createApp } from '../../example-app/app.js';
import type { Site } from '../../example-app/site.js';
import { expressVersions } from '../helpers/apps.js';
import {
  CHAIR,
  SECRET,
  TEST_CHAIR_PASSWORD_HASH,
  TEST_PASSWORD_HASHERS,
  makeSite,
  signedIn,
  visitor,
  type TestSite,
} from './setup.js';

// 14 September 2026, 09:30 in the server's time zone: the exports' timestamp.
const NOW = new Date(2026, 8, 14, 9, 30, 12);

function rowsOf(text: string): Array<Record<string, string>> {
  return parse<Record<string, string>>(text, { columns: true });
}

describe.each(expressVersions)('the CSV exports (%s)', (_label, createExpress) => {
  let site: TestSite;
  beforeEach(() => {
    site = makeSite(createExpress, { now: () => NOW });
  });
  afterEach(() => site.close());

  describe('GET /chair/export/submissions.csv', () => {
    it("is an attachment named after the conference, non-ASCII as RFC 6266's filename*", async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/export/submissions.csv').buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="DCCN-Z?rich-2026-submissions-20260914_0930.csv"; filename*=UTF-8''DCCN-Z%C3%BCrich-2026-submissions-20260914_0930.csv`,
      );
    });

    it('holds every submission, with authors, corresponding author and a manuscript link', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/export/submissions.csv').buffer(true);
      const text = res.text;
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(text));
      expect(text.split('\n')[0]).toBe('#,ID,TITLE,AUTHORS,COUNTRY,CORR_AUTHOR,CORR_EMAIL,LANGUAGE,STATUS,LINK');
      const rows = rowsOf(text);
      expect(rows).toHaveLength(36);
      const third = site.store.submission(3)!;
      expect(rows[2]).toEqual({
        '#': '3',
        ID: '3',
        TITLE: '低遅延ネットワークにおける分散キャッシュ',
        AUTHORS: third.authors.map((author) => author.fullName).join(', '),
        COUNTRY: [...new Set(third.authors.map((author) => author.country))].join(', '),
        CORR_AUTHOR: third.correspondingAuthor!.fullName,
        CORR_EMAIL: third.correspondingAuthor!.email,
        LANGUAGE: 'Japanese',
        STATUS: third.status,
        LINK: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/chair\/submissions\/3\/manuscript\/$/),
      });
      expect(rows[5]!.LINK).toBe('');
      expect(rows.map((row) => row.TITLE)).toContain('QUIC versus TCP on satellite links 🛰️');
    });

    it('quotes what CSV must quote', async () => {
      site.store.db
        .prepare(
          `UPDATE submission SET title = 'Say "hi", then
leave' WHERE id = 1`,
        )
        .run();
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/export/submissions.csv').buffer(true);
      expect(res.text).toContain('"Say ""hi"", then\nleave"');
      expect(rowsOf(res.text)[0]!.TITLE).toBe('Say "hi", then\nleave');
    });
  });

  describe('GET /chair/export/authors.csv', () => {
    it('streams every author from the database cursor, as an attachment with a timestamped name', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.get('/chair/export/authors.csv').buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="authors-20260914_0930.csv"');
      // Streamed: no length known up front.
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['transfer-encoding']).toBe('chunked');
      const rows = rowsOf(res.text);
      expect(rows).toHaveLength(40);
      expect(Object.keys(rows[0]!)).toEqual([
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
      ]);
      expect(rows[2]).toMatchObject({ '#': '3', ID: '3', FULL_NAME: '田中 花子', FULL_NAME_LATIN: 'Hanako Tanaka' });
      expect(rows.map((row) => row.FULL_NAME)).toEqual(
        expect.arrayContaining(['Mia “🚀” Chen', 'Ana 🌻 Lima', 'Olúwáṣeun Adébáyọ̀', '김민준', 'Владимир Вишневский']),
      );
      const submissions = rows.reduce((sum, row) => sum + Number(row.SUBMISSIONS), 0);
      expect(submissions).toBe(site.store.db.prepare('SELECT count(*) FROM authorship').pluck().get() as number);
    });

    it('leaves the database usable while and after exports run side by side with other pages', async () => {
      const agent = await signedIn(site.app);
      const answers = await Promise.all([
        agent.get('/chair/export/authors.csv').buffer(true),
        agent.get('/chair/export/authors.csv').buffer(true),
        agent.get('/chair/'),
        agent.get('/chair/export/submissions.csv').buffer(true),
      ]);
      expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
      expect(rowsOf(answers[0].text)).toEqual(rowsOf(answers[1].text));
      const after = await agent.post('/chair/submissions/2/decision/').type('form').send({ status: 'rejected' });
      expect(after.status).toBe(302);
    });

    // 100,000 rows written first: seconds on a busy machine; the test counts connections, not time.
    it('closes its read-only connection when the client leaves mid-download', async () => {
      // Many more authors than the socket buffers hold, so the export is still running when the client leaves.
      const insert = site.store.db.prepare(
        `INSERT INTO author (full_name, full_name_latin, degree, country, city, affiliation, email, search_key)
         VALUES (?, ?, 'PhD', 'Switzerland', 'Zürich', 'ETH Zürich', ?, '')`,
      );
      site.store.db.transaction(() => {
        for (let i = 0; i < 100_000; i++) insert.run(`Zoë Müller ${i}`, `Zoe Mueller ${i}`, `zoe${i}@example.org`);
      })();
      // Watch the real reader: resolve with whether its connection is still open once it is released.
      const openReader = site.store.openReader.bind(site.store);
      const released = new Promise<boolean>((resolve) => {
        site.store.openReader = () => {
          const reader = openReader();
          return {
            db: reader.db,
            release: () => {
              reader.release();
              resolve(reader.db.open);
            },
          };
        };
      });
      const anonymous = await visitor(site.app);
      const login = await anonymous.post('/accounts/login/').type('form').send(CHAIR);
      const cookie = (login.headers['set-cookie'] as unknown as string[])
        .map((header) => header.split(';')[0]!)
        .find((pair) => pair.startsWith('sessionid='))!;
      const server = site.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const { port } = server.address() as AddressInfo;
        const client = get({ host: '127.0.0.1', port, path: '/chair/export/authors.csv', headers: { Cookie: cookie } });
        const [response] = (await once(client, 'response')) as [IncomingMessage];
        expect(response.statusCode).toBe(200);
        await once(response, 'data');
        client.destroy();
        await expect(released).resolves.toBe(false);
        // And the app's own connection is free for the next request.
        expect((await request(site.app).get('/')).status).toBe(200);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    }, 60_000);

    it('streams from a :memory: database too, over its one connection', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dccn-memory-'));
      const app = createApp({
        dbPath: ':memory:',
        mediaRoot: dir,
        secret: SECRET,
        express: createExpress,
        passwordHashers: TEST_PASSWORD_HASHERS,
      });
      const { store } = (app.locals as { site: Site }).site;
      store.db
        .prepare('UPDATE auth_user SET password = ? WHERE username = ?')
        .run(TEST_CHAIR_PASSWORD_HASH, CHAIR.username);
      try {
        const agent = await signedIn(app);
        const res = await agent.get('/chair/export/authors.csv').buffer(true);
        expect(rowsOf(res.text)).toHaveLength(40);
        expect((await agent.get('/chair/')).status).toBe(200);
      } finally {
        (app.locals as { site: Site }).site.store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('answers HEAD without a body', async () => {
      const agent = await signedIn(site.app);
      const res = await agent.head('/chair/export/authors.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="authors-20260914_0930.csv"');
      expect(res.text).toBeUndefined();
    });
  });

  describe.each([
    ['/chair/export/submissions.csv', 'GET'], // requireGET, as dccnsys
    ['/chair/export/authors.csv', 'GET, HEAD'], // requireSafe
  ])('%s', (path, allow) => {
    it('sends an anonymous visitor to the login page', async () => {
      const res = await request(site.app).get(path);
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe(`/accounts/login/?next=${path}`);
    });

    it(`answers POST with 405 and Allow: ${allow}`, async () => {
      const agent = await signedIn(site.app);
      const res = await agent.post(path);
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe(allow);
    });
  });
});
