/**
 * Header values on the wire, byte for byte: the head is read from a plain TCP socket, not
 * through an HTTP client that would decode it. Every writing path, Express 4 and 5.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'content-disposition';
import {
  FileResponse,
  HttpResponse,
  HttpResponseNotModified,
  StreamingHttpResponse,
  contentDispositionHeader,
  sendResponse,
  view,
  type HttpResponseBase,
  type ViewResult,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const dir = mkdtempSync(join(tmpdir(), 'header-bytes-'));
const filePath = join(dir, 'data.csv');
writeFileSync(filePath, 'a,b\n1,2\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The raw head of the response to `method path`, as bytes, and the body's bytes. */
async function rawExchange(
  server: Server,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ head: Buffer; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const extra = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  const end = bytes.indexOf('\r\n\r\n');
  return { head: bytes.subarray(0, end), body: bytes.subarray(end + 4) };
}

/** The bytes of header `name` in a raw head (latin1 keeps one byte per character). */
function headerBytes(head: Buffer, name: string): Buffer | undefined {
  const lines = head.toString('latin1').split('\r\n');
  const line = lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : Buffer.from(line.slice(name.length + 1).trim(), 'latin1');
}

function statusOf(head: Buffer): number {
  return Number(head.toString('latin1').split(' ')[1]);
}

const NAMES: Array<[label: string, name: string]> = [
  ['Latin-1', 'résumé.csv'],
  ['CJK', '投稿.csv'],
  ['emoji', '😀 report.csv'],
];

/** The writing paths: how the response is made and how it is requested. */
interface WritingPath {
  label: string;
  method: 'GET' | 'HEAD';
  requestHeaders?: Record<string, string>;
  status: number;
  make: () => HttpResponseBase;
}
const PATHS: WritingPath[] = [
  { label: 'buffered', method: 'GET', status: 200, make: () => new HttpResponse('a,b\n', 'text/csv') },
  { label: 'buffered, empty body', method: 'GET', status: 200, make: () => new HttpResponse('', 'text/csv') },
  { label: 'buffered HEAD', method: 'HEAD', status: 200, make: () => new HttpResponse('a,b\n', 'text/csv') },
  {
    label: 'buffered 304 (fresh)',
    method: 'GET',
    requestHeaders: { 'If-None-Match': '"v1"' },
    status: 304,
    make: () => new HttpResponse('a,b\n', 'text/csv').set('ETag', '"v1"'),
  },
  { label: 'HttpResponseNotModified', method: 'GET', status: 304, make: () => new HttpResponseNotModified() },
  {
    label: 'streaming',
    method: 'GET',
    status: 200,
    make: () => new StreamingHttpResponse(['a,b\n', '1,2\n'], 'text/csv'),
  },
  {
    label: 'streaming with a Content-Length set first',
    method: 'GET',
    status: 200,
    make: () => new StreamingHttpResponse(['a,b\n'], { contentType: 'text/csv', headers: { 'Content-Length': 4 } }),
  },
  {
    label: 'streaming HEAD',
    method: 'HEAD',
    status: 200,
    make: () => new StreamingHttpResponse(['a,b\n'], 'text/csv'),
  },
  { label: 'file', method: 'GET', status: 200, make: () => new FileResponse(filePath) },
  { label: 'file HEAD', method: 'HEAD', status: 200, make: () => new FileResponse(filePath) },
  { label: 'file from bytes', method: 'GET', status: 200, make: () => new FileResponse(Buffer.from('a,b\n')) },
  { label: 'file from bytes HEAD', method: 'HEAD', status: 200, make: () => new FileResponse(Buffer.from('a,b\n')) },
  {
    label: 'buffered with a Content-Length set first',
    method: 'GET',
    status: 200,
    make: () => new HttpResponse('a,b\n', { contentType: 'text/csv', headers: { 'Content-Length': 4 } }),
  },
];

/**
 * The servers the responses are written by. With an ETag to compute, a text body is encoded
 * before it goes out; without one (Express's `etag` off, plain `node:http`) it may go out as
 * text, in one piece with the head, which is where a Latin-1 header value could be garbled.
 */
type Serve = (make: () => ViewResult) => http.RequestListener;
const servers: Array<[label: string, serve: Serve]> = [
  ...expressVersions.map(([label, createApp]): [string, Serve] => [label, expressServer(createApp, true)]),
  ...expressVersions.map(([label, createApp]): [string, Serve] => [
    `${label}, etag off`,
    expressServer(createApp, false),
  ]),
  [
    'node:http and sendResponse()',
    (make) => (_req, res) => {
      Promise.resolve(make())
        .then((response) => sendResponse(res, response))
        .catch((err: unknown) => res.destroy(err as Error));
    },
  ],
];

function expressServer(createApp: AppFactory, etag: boolean): Serve {
  return (make) => {
    const app = createApp();
    if (!etag) app.set('etag', false);
    app.all('/', view(make));
    return app;
  };
}

describe.each(servers)('header bytes on the wire (%s)', (_label, serve) => {
  let server: Server;
  let makeResponse: () => ViewResult = () => new HttpResponse();

  beforeAll(async () => {
    server = http.createServer(serve(() => makeResponse()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Serve `make()` once and return the raw exchange. */
  function exchange(
    make: () => ViewResult,
    method = 'GET',
    headers?: Record<string, string>,
  ): Promise<{ head: Buffer; body: Buffer }> {
    makeResponse = make;
    return rawExchange(server, method, '/', headers);
  }

  describe.each(PATHS)('$label', (path) => {
    it.each(NAMES)('sends a hand-set %s file name as RFC 6266 that a browser parser reads back', async (_l, name) => {
      const { head } = await exchange(
        () => path.make().set('Content-Disposition', `attachment; filename="${name}"`),
        path.method,
        path.requestHeaders,
      );
      expect(statusOf(head)).toBe(path.status);
      const expected = contentDispositionHeader(true, name) as string;
      const wire = headerBytes(head, 'Content-Disposition');
      expect(wire).toEqual(Buffer.from(expected, 'ascii'));
      expect(parse((wire as Buffer).toString('latin1')).parameters['filename']).toBe(name);
    });

    it.each(NAMES)('sends a %s name from contentDispositionHeader() as its exact bytes', async (_l, name) => {
      const value = contentDispositionHeader(false, name) as string;
      const { head } = await exchange(
        () => path.make().set('Content-Disposition', value),
        path.method,
        path.requestHeaders,
      );
      expect(headerBytes(head, 'Content-Disposition')).toEqual(Buffer.from(value, 'ascii'));
      expect(parse(value).parameters['filename']).toBe(name);
    });

    it('sends an all-ASCII Content-Disposition exactly as written', async () => {
      const value = 'attachment; filename=submissions-20240101_1200.csv';
      const { head } = await exchange(
        () => path.make().set('Content-Disposition', value),
        path.method,
        path.requestHeaders,
      );
      expect(headerBytes(head, 'Content-Disposition')).toEqual(Buffer.from(value, 'ascii'));
    });

    // The Node quirk this guards against: one res.end(body) turns 0xE9 into 0xFD in this header.
    it('keeps Latin-1 text elsewhere in Content-Disposition as Latin-1 bytes', async () => {
      const value = 'attachment; filename="cv.csv"; title="Résumé"';
      const { head } = await exchange(
        () => path.make().set('Content-Disposition', value),
        path.method,
        path.requestHeaders,
      );
      expect(headerBytes(head, 'Content-Disposition')).toEqual(Buffer.from(value, 'latin1'));
    });

    it('keeps a Latin-1 header value as Latin-1 bytes and sends other text as an RFC 2047 word', async () => {
      const { head } = await exchange(
        () => path.make().set('X-Title', 'Résumé café').set('X-Note', '投稿 😀'),
        path.method,
        path.requestHeaders,
      );
      expect(headerBytes(head, 'X-Title')).toEqual(
        Buffer.from([...Buffer.from('R'), 0xe9, ...Buffer.from('sum'), 0xe9, ...Buffer.from(' caf'), 0xe9]),
      );
      expect(headerBytes(head, 'X-Note')?.toString('ascii')).toBe(
        `=?utf-8?b?${Buffer.from('投稿 😀').toString('base64')}?=`,
      );
    });
  });

  it('sends the body unchanged beside a non-ASCII Content-Disposition', async () => {
    const { head, body } = await exchange(() =>
      new HttpResponse('a,b\n1,2\n', 'text/csv').set('Content-Disposition', 'attachment; filename="x.csv"; title="é"'),
    );
    expect(headerBytes(head, 'Content-Length')?.toString()).toBe('8');
    expect(body.toString()).toBe('a,b\n1,2\n');
  });

  const TEXT = 'naïve café 投稿 😀\n';
  it.each([
    ['an ASCII head', (): HttpResponseBase => new HttpResponse(TEXT, 'text/plain')],
    [
      'a head with a Latin-1 value',
      (): HttpResponseBase => new HttpResponse(TEXT, 'text/plain').set('X-Title', 'café'),
    ],
    [
      'a non-ASCII Content-Disposition',
      (): HttpResponseBase => new HttpResponse(TEXT, 'text/plain').set('Content-Disposition', 'attachment; title="é"'),
    ],
  ])('sends UTF-8 text as its exact bytes and length beside %s', async (_l, make) => {
    const { head, body } = await exchange(make);
    expect(body).toEqual(Buffer.from(TEXT, 'utf8'));
    expect(headerBytes(head, 'Content-Length')?.toString()).toBe(String(Buffer.byteLength(TEXT)));
  });

  it('sends a lone surrogate in text as U+FFFD, counted in Content-Length', async () => {
    const { head, body } = await exchange(() => new HttpResponse('a\ud800b', 'text/plain'));
    expect(body).toEqual(Buffer.from([0x61, 0xef, 0xbf, 0xbd, 0x62]));
    expect(headerBytes(head, 'Content-Length')?.toString()).toBe('5');
  });

  it('sends a FileResponse filename option as RFC 6266, on GET and HEAD', async () => {
    for (const [, name] of NAMES) {
      for (const method of ['GET', 'HEAD']) {
        const { head } = await exchange(
          () => new FileResponse(filePath, { asAttachment: true, filename: name }),
          method,
        );
        const wire = headerBytes(head, 'Content-Disposition') as Buffer;
        expect(wire).toEqual(Buffer.from(contentDispositionHeader(true, name) as string, 'ascii'));
        expect(parse(wire.toString('latin1')).parameters['filename']).toBe(name);
      }
    }
  });

  it('drops Content-Disposition from a file 304 and keeps Latin-1 bytes in the rest', async () => {
    const first = await exchange(() => new FileResponse(filePath));
    const etag = (headerBytes(first.head, 'ETag') as Buffer).toString('latin1');
    const { head } = await exchange(
      () => new FileResponse(filePath, { filename: 'résumé.csv' }).set('X-Title', 'é'),
      'GET',
      { 'If-None-Match': etag },
    );
    expect(statusOf(head)).toBe(304);
    expect(headerBytes(head, 'Content-Disposition')).toBeUndefined();
    expect(headerBytes(head, 'X-Title')).toEqual(Buffer.from([0xe9]));
  });

  const webPaths: Array<[label: string, method: string, body: () => string | null]> = [
    ['web Response', 'GET', () => 'a,b\n'],
    ['web Response HEAD', 'HEAD', () => 'a,b\n'],
    ['web Response, no body', 'GET', () => null],
  ];
  describe.each(webPaths)('%s', (_label, method, body) => {
    it.each(NAMES)('sends a %s name from contentDispositionHeader() as its exact bytes', async (_l, name) => {
      const value = contentDispositionHeader(true, name) as string;
      const { head } = await exchange(
        () => new Response(body(), { headers: { 'Content-Disposition': value } }),
        method,
      );
      expect(headerBytes(head, 'Content-Disposition')).toEqual(Buffer.from(value, 'ascii'));
    });

    it('sends the Latin-1 bytes a web Response holds exactly', async () => {
      // A web Headers value is a byte string: each character one byte.
      const value = 'attachment; filename="résumé.csv"';
      const { head } = await exchange(
        () => new Response(body(), { headers: { 'Content-Disposition': value, 'X-Title': 'café' } }),
        method,
      );
      expect(headerBytes(head, 'Content-Disposition')).toEqual(Buffer.from(value, 'latin1'));
      expect(headerBytes(head, 'X-Title')).toEqual(Buffer.from('caf\xe9', 'latin1'));
    });
  });
});
