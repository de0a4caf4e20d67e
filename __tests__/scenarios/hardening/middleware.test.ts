/**
 * The adapter behind the middleware users stack in front, each installed for real:
 * compression, cors, helmet, express-session, cookie-parser and morgan, on Express 4 and 5.
 * Both the response's and the middleware's headers arrive, streaming still streams (a chunk
 * reaches the client before the next one is produced), and morgan logs the status and
 * length the client saw.
 */
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import session from 'express-session';
import helmet from 'helmet';
import morgan from 'morgan';
import http from 'node:http';
import { createGunzip, gunzipSync } from 'node:zlib';
import request from 'supertest';
import {
  FileResponse,
  Http404,
  HttpResponse,
  JsonResponse,
  StreamingHttpResponse,
  getSignedCookie,
  httpErrorHandler,
  view,
} from '../../../lib/index.js';
import { expressVersions, type AppFactory } from '../../helpers/apps.js';
import { makeTempDir, waitFor } from '../../helpers/streams.js';
import { fetchRaw, headerValues, start, type TestServer, parseSetCookie } from './wire.js';

const tmp = makeTempDir();
const FILE = tmp.file('doc.txt', 'abcdefghijklmnopqrstuvwxyz'.repeat(100));
afterAll(() => tmp.cleanup());

/**
 * A stream that yields its first chunk, then waits for the client to say it received it
 * (or 5 s, which fails the test), then yields the rest: it only completes promptly if the
 * first chunk went out before the end.
 */
function gatedStream(gate: { open: () => void; openedByClient: boolean }): StreamingHttpResponse {
  let opened!: () => void;
  const wait = new Promise<void>((resolve) => {
    opened = resolve;
  });
  gate.open = () => {
    gate.openedByClient = true;
    opened();
  };
  return new StreamingHttpResponse(
    (async function* () {
      yield 'first chunk\n';
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([wait, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      yield 'second chunk\n';
    })(),
    { contentType: 'text/plain; charset=utf-8', headers: { 'X-Stream': 'yes' } },
  );
}

/** GET `path`, opening `gate` on the first (decompressed) bytes; resolves with the whole body. */
function readGated(
  port: number,
  path: string,
  gate: { open: () => void },
  headers: Record<string, string> = {},
): Promise<{ res: http.IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        const source = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
        let body = '';
        source.on('data', (chunk: Buffer) => {
          if (body === '') gate.open();
          body += chunk.toString();
        });
        source.on('end', () => resolve({ res, body }));
        source.on('error', reject);
      })
      .on('error', reject);
  });
}

describe.each(expressVersions)('middleware in front, on %s', (_label, createApp: AppFactory) => {
  let server: TestServer;
  const logLines: string[] = [];
  const gate = { open: () => {}, openedByClient: false };

  beforeAll(async () => {
    const app = createApp();
    app.set('env', 'test');
    app.use(
      morgan(':method :url :status :res[content-length] :res[transfer-encoding]', {
        stream: { write: (line: string) => logLines.push(line.trim()) },
      }),
    );
    app.use(helmet());
    app.use(cors({ origin: 'https://app.example', credentials: true }));
    app.use(compression({ threshold: 0 }));
    app.use(cookieParser('parser-secret'));
    app.use(session({ secret: 'session-secret', resave: false, saveUninitialized: false, name: 'sid' }));

    app.get(
      '/page',
      view(
        () =>
          new HttpResponse('<h1>page</h1>'.repeat(20), {
            headers: { 'X-Custom': 'kept', Vary: 'Cookie', 'Cache-Control': 'private' },
          }),
      ),
    );
    app.get(
      '/csp',
      view(() => new HttpResponse('own policy', { headers: { 'Content-Security-Policy': "default-src 'none'" } })),
    );
    app.get(
      '/login',
      view((req) => {
        (req.session as unknown as Record<string, unknown>).user = 'ada';
        return new JsonResponse({ ok: true }).setCookie('theme', 'dark').setSignedCookie('uid', '42');
      }),
    );
    app.get(
      '/whoami',
      view(
        (req) =>
          new JsonResponse({
            session: (req.session as unknown as Record<string, unknown>).user ?? null,
            signed: (req.signedCookies as Record<string, unknown>).uid ?? null,
            viaGetSignedCookie: getSignedCookie(req, 'uid', { default: null }),
            theme: (req.cookies as Record<string, unknown>).theme ?? null,
          }),
      ),
    );
    app.get(
      '/stream',
      view(() => gatedStream(gate)),
    );
    app.get(
      '/file',
      view(() => new FileResponse(FILE)),
    );
    app.get(
      '/missing',
      view(() => {
        throw new Http404('nope');
      }),
    );
    app.use(httpErrorHandler());
    server = await start(app);
  });
  afterAll(() => server.close());

  beforeEach(() => {
    logLines.length = 0;
    gate.openedByClient = false;
  });

  /** morgan's line for `path`, once written (it logs when the response finishes). */
  async function logLine(path: string): Promise<string> {
    await waitFor(() => logLines.some((line) => line.startsWith(`GET ${path} `)), 5000, `morgan's line for ${path}`);
    return logLines.find((line) => line.startsWith(`GET ${path} `))!;
  }

  it("compression, cors and helmet headers arrive with the response's own, Vary merged", async () => {
    const fetched = await fetchRaw(server.port, '/page', {
      headers: { origin: 'https://app.example', 'accept-encoding': 'gzip' },
    });
    expect(fetched.status).toBe(200);
    expect(headerValues(fetched, 'x-custom')).toEqual(['kept']);
    expect(headerValues(fetched, 'cache-control')).toEqual(['private']);
    expect(headerValues(fetched, 'content-type')).toEqual(['text/html; charset=utf-8']);
    expect(headerValues(fetched, 'content-encoding')).toEqual(['gzip']);
    expect(headerValues(fetched, 'access-control-allow-origin')).toEqual(['https://app.example']);
    expect(headerValues(fetched, 'access-control-allow-credentials')).toEqual(['true']);
    expect(headerValues(fetched, 'x-content-type-options')).toEqual(['nosniff']);
    expect(headerValues(fetched, 'content-security-policy')[0]).toContain("default-src 'self'");
    expect(headerValues(fetched, 'x-powered-by')).toEqual([]);
    const vary = headerValues(fetched, 'vary')
      .join(',')
      .split(/\s*,\s*/)
      .map((v) => v.toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(['origin', 'cookie', 'accept-encoding']));
    expect(gunzipSync(fetched.body).toString()).toBe('<h1>page</h1>'.repeat(20));
  });

  it("a response's own Content-Security-Policy replaces helmet's", async () => {
    const fetched = await fetchRaw(server.port, '/csp');
    expect(headerValues(fetched, 'content-security-policy')).toEqual(["default-src 'none'"]);
    expect(headerValues(fetched, 'strict-transport-security')).toHaveLength(1);
  });

  it("express-session's cookie and the response's cookies each arrive, and all read back on the next request", async () => {
    const agent = request.agent(server.server);
    const login = await agent.get('/login').expect(200);
    const cookies = parseSetCookie(login.headers['set-cookie'] as unknown as string[]);
    expect(cookies.map((c) => c.name).sort()).toEqual(['sid', 'theme', 'uid']);
    expect(cookies.find((c) => c.name === 'uid')!.value).toMatch(/^s:42\./);
    const who = await agent.get('/whoami').expect(200);
    expect(who.body).toEqual({ session: 'ada', signed: '42', viaGetSignedCookie: '42', theme: 'dark' });
  });

  it('streaming still streams behind compression, cors, helmet and session: the first chunk arrives before the next is made', async () => {
    for (const encoding of ['gzip', 'identity']) {
      gate.openedByClient = false;
      const { res, body } = await readGated(server.port, '/stream', gate, {
        'accept-encoding': encoding,
        origin: 'https://app.example',
      });
      expect(gate.openedByClient).toBe(true);
      expect(body).toBe('first chunk\nsecond chunk\n');
      expect(res.headers['x-stream']).toBe('yes');
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined);
    }
  });

  it('morgan logs the status and length the client saw: buffered, JSON, streamed, ranged, 304 and 404', async () => {
    const page = await fetchRaw(server.port, '/page', { headers: { 'accept-encoding': 'identity' } });
    expect(await logLine('/page')).toBe(`GET /page 200 ${page.body.length} -`);

    const range = await fetchRaw(server.port, '/file', {
      headers: { range: 'bytes=10-19', 'accept-encoding': 'identity' },
    });
    expect(range.status).toBe(206);
    expect(await logLine('/file')).toBe('GET /file 206 10 -');

    logLines.length = 0;
    const lastModified = String(range.headers['last-modified']);
    const notModified = await fetchRaw(server.port, '/file', { headers: { 'if-modified-since': lastModified } });
    expect(notModified.status).toBe(304);
    expect(await logLine('/file')).toMatch(/^GET \/file 304 (-|0) -$/);

    const missing = await fetchRaw(server.port, '/missing', { headers: { 'accept-encoding': 'identity' } });
    expect(missing.status).toBe(404);
    expect(await logLine('/missing')).toBe(`GET /missing 404 ${missing.body.length} -`);

    gate.openedByClient = false;
    const streamed = await readGated(server.port, '/stream', gate, { 'accept-encoding': 'identity' });
    // Node frames the body itself (Transfer-Encoding: chunked, not a header the app set): no length to log.
    expect(streamed.res.headers['content-length']).toBeUndefined();
    expect(streamed.res.headers['transfer-encoding']).toBe('chunked');
    expect(await logLine('/stream')).toBe('GET /stream 200 - -');
  });
});
