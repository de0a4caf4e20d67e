/**
 * The benchmark's server, run as a child process of bench/run.ts so that its CPU time and
 * memory are its own: either one Express 5 app with every scenario's two routes (`express`),
 * or a plain `node:http` server for the ceiling pair (`node`), each in a process of its own.
 * The ceiling measures the library without Express: in a process that also serves Express,
 * the library's code would have seen Express's `res` objects (each of its own hidden class)
 * and run with V8's caches for them. It answers the parent over IPC with its CPU time
 * (`process.cpuUsage()`) and its RSS growth since a mark.
 *
 *   node -r ./bench/ts-register.js bench/server.ts express [file-to-serve]
 *   node -r ./bench/ts-register.js bench/server.ts node
 *
 * `BENCH_REDIS_URL` (set by run.ts when it started a redis-server) adds the routes on Redis
 * (cachePage, sessions).
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import KeyvRedis from '@keyv/redis';
import { mountGenericViews } from './generic-views.js';
import { mountSessionMessages } from './auth-messages.js';
import { mountSessions } from './sessions.js';
import { mountUrls } from './urls.js';
import express from 'express';
import Keyv from 'keyv';
import { mountCsrfRoutes } from './csrf.js';
import {
  FileResponse,
  HttpResponse,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  cachePage,
  sendResponse,
  view,
} from '../lib/index.js';
import {
  PROGRAMME,
  bigDocument,
  SMALL_DOCUMENT,
  STREAM_CHUNK,
  STREAM_CHUNKS,
  SWEEP_SIZES,
  TEN_HEADERS,
  TEXT_1K,
  textOfSize,
  THREE_COOKIES,
} from './scenarios.js';

/** Messages from the parent. */
export type ToServer = { type: 'cpu' } | { type: 'mark' } | { type: 'peak' };
/** Messages to the parent. */
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; micros: number }
  | { type: 'marked' }
  | { type: 'peak'; growth: number };

// node-fetch-server is ESM only; Node 20.19+ loads it with require(). Its sendResponse is typed here.
type FetchServerSend = (res: http.ServerResponse, response: Response) => Promise<void>;
const fetchServer = createRequire(__filename)('@remix-run/node-fetch-server') as { sendResponse: FetchServerSend };

function* chunks(): Generator<Buffer> {
  for (let i = 0; i < STREAM_CHUNKS; i++) yield STREAM_CHUNK;
}

function textResponse(): Response {
  return new Response(TEXT_1K, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

/** The programme page: what a template would render of {@link PROGRAMME}, escaped as it would escape it. */
function programmePage(): HttpResponse {
  const rows = PROGRAMME.map(
    (talk) =>
      `<tr><td>${talk.id}</td><td><a href="/talks/${talk.id}/">${escapeHtml(talk.title)}</a></td><td>${escapeHtml(talk.speaker)}</td><td>${escapeHtml(talk.room)}</td><td><time datetime="${talk.start}">${new Date(talk.start).toUTCString()}</time></td><td>${talk.tags.map(escapeHtml).join(', ')}</td></tr>`,
  );
  return new HttpResponse(
    `<!doctype html><html lang="en"><head><title>Programme</title></head><body><h1>Programme</h1><table>${rows.join('\n')}</table></body></html>`,
  );
}

/** What each app must finish (storing the sessions its routes read) before it serves a request. */
const setUps = new WeakMap<express.Express, Promise<void>>();

/** Resolves once `app` (from {@link createBenchApp}) may serve requests. */
export function benchAppReady(app: express.Express): Promise<void> {
  return setUps.get(app) ?? Promise.resolve();
}

/**
 * The Express app with every scenario's baseline and adapter routes; the routes on Redis only
 * with `redisUrl`. Serve it once {@link benchAppReady} resolves.
 */
export function createBenchApp(filePath: string | undefined, redisUrl?: string): express.Express {
  const app = express();
  const doc = bigDocument();

  mountGenericViews(app);
  mountCsrfRoutes(app);
  mountSessionMessages(app);
  setUps.set(app, mountSessions(app, redisUrl));
  mountUrls(app, () => express.Router());
  app.get('/cache-page/uncached', view(programmePage));
  app.get('/cache-page/memory', view(programmePage, cachePage(600)));
  if (redisUrl !== undefined) {
    const cache = new Keyv(new KeyvRedis(redisUrl));
    cache.on('error', (err: unknown) => console.error('bench: Redis:', err));
    app.get('/cache-page/redis', view(programmePage, cachePage(600, { cache })));
  }

  app.get('/json-100k/express', (_req, res) => {
    res.json(doc);
  });
  app.get(
    '/json-100k/adapter',
    view(() => new JsonResponse(doc)),
  );

  app.get('/redirect/express', (_req, res) => {
    res.redirect('/target?x=1');
  });
  app.get(
    '/redirect/adapter',
    view(() => new HttpResponseRedirect('/target?x=1')),
  );

  app.get('/text-1k/express', (_req, res) => {
    res.send(TEXT_1K);
  });
  app.get(
    '/text-1k/adapter',
    view(() => new HttpResponse(TEXT_1K)),
  );

  app.get('/web-response/express', (_req, res, next) => {
    fetchServer.sendResponse(res, textResponse()).catch(next);
  });
  app.get('/web-response/adapter', view(textResponse));

  const { plain, session, lasting } = THREE_COOKIES;
  app.get('/headers-cookies/express', (_req, res) => {
    res.set(TEN_HEADERS);
    res.cookie(plain[0], plain[1]);
    res.cookie(session[0], session[1], { httpOnly: true, sameSite: 'lax' });
    res.cookie(lasting[0], lasting[1], { maxAge: lasting[2] * 1000 });
    res.send('ok');
  });
  app.get(
    '/headers-cookies/adapter',
    view(() =>
      new HttpResponse('ok', { headers: TEN_HEADERS })
        .setCookie(plain[0], plain[1])
        .setCookie(session[0], session[1], { httpOnly: true, sameSite: 'Lax' })
        .setCookie(lasting[0], lasting[1], { maxAge: lasting[2] }),
    ),
  );

  app.get('/json-small/express', (_req, res) => {
    res.json(SMALL_DOCUMENT);
  });
  app.get(
    '/json-small/adapter',
    view(() => new JsonResponse(SMALL_DOCUMENT)),
  );

  app.get('/streaming/express', (_req, res) => {
    res.setHeader('Content-Type', 'application/octet-stream');
    Readable.from(chunks()).pipe(res);
  });
  app.get(
    '/streaming/adapter',
    view(() => new StreamingHttpResponse(chunks(), { contentType: 'application/octet-stream' })),
  );

  if (filePath !== undefined) {
    app.get('/file/express', (_req, res, next) => res.sendFile(filePath, (err) => err && next(err)));
    app.get(
      '/file/adapter',
      view(() => new FileResponse(filePath)),
    );
  }

  for (const bytes of SWEEP_SIZES) {
    const text = textOfSize(bytes);
    app.get(`/size/${bytes}/express`, (_req, res) => {
      res.send(text);
    });
    app.get(
      `/size/${bytes}/adapter`,
      view(() => new HttpResponse(text)),
    );
  }
  return app;
}

/** The plain `node:http` handler of the ceiling pair. */
export function nodeHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.url === '/raw') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': TEXT_1K.length });
    res.end(TEXT_1K);
  } else if (req.url === '/send-response') {
    sendResponse(res, new HttpResponse(TEXT_1K)).catch((err: unknown) => res.destroy(err as Error));
  } else {
    res.writeHead(404).end();
  }
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Which of the two servers a child process runs. */
export type ServerKind = 'express' | 'node';

async function serve(kind: ServerKind, filePath: string | undefined): Promise<void> {
  const redisUrl = process.env.BENCH_REDIS_URL || undefined;
  let handler: http.RequestListener = nodeHandler;
  if (kind === 'express') {
    const app = createBenchApp(filePath, redisUrl);
    await benchAppReady(app);
    handler = app;
  }
  const port = await listen(http.createServer(handler));

  // RSS is sampled every 5 ms so the peak of a big download is seen, not only its end.
  let baseline = process.memoryUsage.rss();
  let peak = baseline;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5).unref();

  const reply = (message: FromServer): void => {
    process.send?.(message);
  };
  process.on('message', (message: ToServer) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', micros: user + system });
    } else if (message.type === 'mark') {
      (globalThis as { gc?: () => void }).gc?.();
      baseline = process.memoryUsage.rss();
      peak = baseline;
      reply({ type: 'marked' });
    } else {
      peak = Math.max(peak, process.memoryUsage.rss());
      reply({ type: 'peak', growth: peak - baseline });
    }
  });
  // Exit (rather than be killed) so that --cpu-prof can write its profile.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', port });
}

if (require.main === module) {
  const [kind, filePath] = process.argv.slice(2);
  if (kind !== 'express' && kind !== 'node') {
    console.error('usage: server.ts express [file-to-serve] | server.ts node');
    process.exit(2);
  }
  serve(kind, filePath).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
