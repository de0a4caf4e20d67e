import fs, { createReadStream, mkdirSync, statSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import cors from 'cors';
import request from 'supertest';
import { FileResponse, Http404, PermissionDenied, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, makeTempDir, randomContent, rawGet, recordingErrorHandler, waitFor } from '../helpers/streams.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const SIZE = 5 * 1024 * 1024 + 123;
const big = randomContent(SIZE);
const bigPath = tmp.file('big.bin', big);
const textPath = tmp.file('notes.txt', 'hello notes\n');
const emptyPath = tmp.file('empty.txt', '');

/** supertest collects a binary body as a Buffer with this parser. */
function binary(res: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

afterEach(() => jest.restoreAllMocks());

describe('FileResponse headers (Django test_fileresponse)', () => {
  it('sets Content-Length for bytes (case 91) and streams them (case 107)', () => {
    const r = new FileResponse(Buffer.from('binary content'));
    expect(r.get('Content-Length')).toBe('14');
    expect(r.getvalue()).toEqual(Buffer.from('binary content'));
  });

  it('sets Content-Length for an fs.ReadStream from its file (case 90), minus its start (case 92)', () => {
    const size = statSync(textPath).size;
    const whole = createReadStream(textPath);
    expect(new FileResponse(whole).get('Content-Length')).toBe(String(size));
    const fromTen = createReadStream(bigPath, { start: 10 });
    expect(new FileResponse(fromTen).get('Content-Length')).toBe(String(SIZE - 10));
    const window = createReadStream(bigPath, { start: 10, end: 19 });
    expect(new FileResponse(window).get('Content-Length')).toBe('10');
    [whole, fromTen, window].forEach((stream) => stream.destroy());
  });

  it('sets no Content-Length for a stream of unknown size (case 110)', () => {
    const r = new FileResponse(Readable.from([Buffer.from('binary content')]));
    expect(r.has('Content-Length')).toBe(false);
    expect(r.get('Content-Type')).toBe('application/octet-stream');
    expect(r.has('Content-Disposition')).toBe(false);
  });

  it('guesses the Content-Type from the name, without a charset (cases 95, 99)', () => {
    expect(new FileResponse(textPath).get('Content-Type')).toBe('text/plain');
    expect(new FileResponse(Buffer.from('x'), { filename: 'data.json' }).get('Content-Type')).toBe('application/json');
    expect(new FileResponse(Buffer.from('x'), { filename: 'x.nosuchfile' }).get('Content-Type')).toBe(
      'application/octet-stream',
    );
  });

  it.each([
    ['archive.tar.gz', 'application/gzip'],
    ['archive.tar.br', 'application/x-brotli'],
    ['archive.tar.bz2', 'application/x-bzip'],
    ['archive.tar.xz', 'application/x-xz'],
    ['archive.tar.Z', 'application/x-compress'],
    ['archive.tgz', 'application/gzip'],
    ['drawing.svgz', 'application/gzip'],
    ['page.html', 'text/html'],
    ['app.js', 'text/javascript'],
    ['table.csv', 'text/csv'],
    ['image.png', 'image/png'],
    ['no-extension', 'application/octet-stream'],
    ['.hidden', 'application/octet-stream'],
  ])('gives %s the type %s and no Content-Encoding (case 111)', (name, type) => {
    const path = tmp.file(name, 'x');
    const r = new FileResponse(path);
    expect(r.get('Content-Type')).toBe(type);
    expect(r.has('Content-Encoding')).toBe(false);
  });

  it('keeps an explicit Content-Type as given (cases 97, 98)', () => {
    expect(new FileResponse(Buffer.from('x'), { contentType: 'video/webm' }).get('Content-Type')).toBe('video/webm');
    expect(new FileResponse(Buffer.from('x'), { contentType: 'text/html; charset=utf-8' }).get('Content-Type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(new FileResponse(textPath, 'text/x-custom').get('Content-Type')).toBe('text/x-custom');
    expect(new FileResponse(textPath, { headers: { 'Content-Type': 'text/x-header' } }).get('Content-Type')).toBe(
      'text/x-header',
    );
  });

  // An ASCII name is always quoted, as Django's content_disposition_header writes it.
  it('is inline with the file name, attachment when asked, and uses an explicit name (case 100)', () => {
    expect(new FileResponse(textPath).get('Content-Disposition')).toBe('inline; filename="notes.txt"');
    expect(new FileResponse(textPath, { asAttachment: true }).get('Content-Disposition')).toBe(
      'attachment; filename="notes.txt"',
    );
    expect(new FileResponse(textPath, { filename: 'custom_name.py' }).get('Content-Disposition')).toBe(
      'inline; filename="custom_name.py"',
    );
    expect(new FileResponse(createReadStream(textPath), { asAttachment: true }).get('Content-Disposition')).toBe(
      'attachment; filename="notes.txt"',
    );
  });

  it('sends no Content-Disposition for unnamed inline bytes, `attachment` alone as an attachment (cases 104, 105)', () => {
    expect(new FileResponse(Buffer.from('x')).has('Content-Disposition')).toBe(false);
    expect(new FileResponse(Buffer.from('x'), { asAttachment: true }).get('Content-Disposition')).toBe('attachment');
    expect(
      new FileResponse(Buffer.from('x'), { filename: 'custom_name.py', asAttachment: true }).get('Content-Disposition'),
    ).toBe('attachment; filename="custom_name.py"');
  });

  it('strips directories from an explicit file name (case 109)', () => {
    const r = new FileResponse(Buffer.from('binary content'), { filename: '/var/www/test_fileresponse.py' });
    expect(r.get('Content-Length')).toBe('14');
    expect(r.get('Content-Disposition')).toBe('inline; filename="test_fileresponse.py"');
    expect(new FileResponse(Buffer.from('x'), { filename: '../../etc/passwd' }).get('Content-Disposition')).toBe(
      'inline; filename="passwd"',
    );
  });

  it.each([
    // Django cases 101-103: quotes and backslashes are escaped inside the quoted name.
    ['multi-part-one";" dummy".txt', 'attachment; filename="multi-part-one\\";\\" dummy\\".txt"'],
    ['multi-part-one\\";" dummy".txt', 'attachment; filename="multi-part-one\\\\\\";\\" dummy\\".txt"'],
    ['multi-part-one\\";\\" dummy".txt', 'attachment; filename="multi-part-one\\\\\\";\\\\\\" dummy\\".txt"'],
    ['my file.txt', 'attachment; filename="my file.txt"'],
    // Non-ASCII: an ASCII fallback plus RFC 8187 filename* (case 112, the library's encoding).
    ['祝您平安.odt', 'attachment; filename="????.odt"; filename*=UTF-8\'\'%E7%A5%9D%E6%82%A8%E5%B9%B3%E5%AE%89.odt'],
    ['résumé.pdf', 'attachment; filename="r?sum?.pdf"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.pdf'],
    ['emoji😀.txt', 'attachment; filename="emoji??.txt"; filename*=UTF-8\'\'emoji%F0%9F%98%80.txt'],
    [
      'my "résumé" 2024.pdf',
      'attachment; filename="my \\"r?sum?\\" 2024.pdf"; filename*=UTF-8\'\'my%20%22r%C3%A9sum%C3%A9%22%202024.pdf',
    ],
    ['reports/2024/q1 "final".csv', 'attachment; filename="q1 \\"final\\".csv"'],
  ])('encodes the file name %j', (filename, header) => {
    expect(new FileResponse(Buffer.from('x'), { asAttachment: true, filename }).get('Content-Disposition')).toBe(
      header,
    );
  });

  it("has Django's repr (case 113)", () => {
    expect(String(new FileResponse(Buffer.from('x')))).toBe(
      '<FileResponse status_code=200, "application/octet-stream">',
    );
  });

  it('takes a path or a file: URL, resolved to an absolute path, and does no I/O until written', async () => {
    expect(new FileResponse(pathToFileURL(textPath)).filePath).toBe(textPath);
    const missing = new FileResponse(join(tmp.dir, 'does-not-exist.txt'));
    expect(missing.get('Content-Type')).toBe('text/plain');
    expect(missing.has('Content-Length')).toBe(false);
    const r = new FileResponse(textPath);
    expect(r.isAsync).toBe(true);
    expect((await r.agetvalue()).toString()).toBe('hello notes\n');
  });

  it('refuses what is not a file, naming it', () => {
    expect(() => new FileResponse(42 as never)).toThrow(
      /FileResponse file must be a path, a file: URL, a Node Readable or bytes \(got 42\)/,
    );
    expect(() => new FileResponse(new URL('https://example.com/x'))).toThrow(/must be a file: URL/);
    expect(() => new FileResponse('')).toThrow(/must not be an empty path/);
    expect(() => new FileResponse(Buffer.from('x'), { filename: 5 as never })).toThrow(
      /option filename must be a string \(got 5\)/,
    );
  });

  it('releases a stream it was given on close()', () => {
    const stream = createReadStream(textPath);
    const r = new FileResponse(stream);
    r.close();
    expect(stream.destroyed).toBe(true);
  });
});

describe.each(expressVersions)('%s: FileResponse over HTTP', (_label, createApp) => {
  function appWith(handler: Parameters<typeof view>[0]): { app: ReturnType<typeof createApp>; errors: unknown[] } {
    const app = createApp();
    const { handler: errorHandler, errors } = recordingErrorHandler();
    app.use(cors({ origin: true }));
    app.get('/file', view(handler));
    app.use(errorHandler);
    return { app, errors };
  }

  it('sends a multi-megabyte file byte for byte with its validators', async () => {
    const { app } = appWith(() => new FileResponse(bigPath));
    const res = await request(app).get('/file').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, big)).toBe(0);
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('inline; filename="big.bin"');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['last-modified']).toBe(statSync(bigPath).mtime.toUTCString());
    // A strong entity-tag from the mtime and size, as nginx: "<mtime seconds hex>-<size hex>".
    const { mtimeMs } = statSync(bigPath);
    expect(res.headers['etag']).toBe(`"${Math.floor(mtimeMs / 1000).toString(16)}-${SIZE.toString(16)}"`);
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it("sends the same Last-Modified and ranges as res.sendFile (the ETag is strong, send's weak)", async () => {
    const app = createApp();
    app.get('/send-file', (_req, res) => res.sendFile(bigPath));
    app.get(
      '/file',
      view(() => new FileResponse(bigPath)),
    );
    for (const range of [undefined, 'bytes=0-99', 'bytes=-500', 'bytes=99999999-']) {
      const ours = request(app).get('/file');
      const theirs = request(app).get('/send-file');
      if (range) {
        ours.set('Range', range);
        theirs.set('Range', range);
      }
      const [a, b] = await Promise.all([ours.buffer(true).parse(binary), theirs.buffer(true).parse(binary)]);
      expect(a.status).toBe(b.status);
      expect(a.headers['etag']).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(b.headers['etag']).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
      expect(a.headers['last-modified']).toBe(b.headers['last-modified']);
      expect(a.headers['content-range']).toBe(b.headers['content-range']);
      if (a.status !== 416) expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).toBe(0);
    }
  });

  it.each([
    ['the start', 'bytes=0-99', 0, 99],
    ['the middle', 'bytes=1000000-1999999', 1000000, 1999999],
    ['the end (suffix)', 'bytes=-1000', SIZE - 1000, SIZE - 1],
    ['the end (open)', `bytes=${SIZE - 10}-`, SIZE - 10, SIZE - 1],
    ['past the end (clamped)', `bytes=${SIZE - 5}-${SIZE + 100}`, SIZE - 5, SIZE - 1],
  ])('answers a range at %s with 206 and the exact bytes', async (_where, range, start, end) => {
    const { app } = appWith(() => new FileResponse(bigPath, { asAttachment: true }));
    const res = await request(app).get('/file').set('Range', range).buffer(true).parse(binary);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.headers['content-disposition']).toBe('attachment; filename="big.bin"');
    expect(Buffer.compare(res.body as Buffer, big.subarray(start, end + 1))).toBe(0);
  });

  it('answers an unsatisfiable range with 416, the size, and a short explanation', async () => {
    const { app } = appWith(() => new FileResponse(bigPath));
    const res = await request(app).get('/file').set('Range', `bytes=${SIZE}-`).set('Origin', 'http://a.example');
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(res.text).toBe(`Range Not Satisfiable: the file has ${SIZE} bytes.`);
    expect(res.headers['content-length']).toBe(String(res.text.length));
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('http://a.example');
  });

  it.each([
    ['several ranges', 'bytes=0-1, 5-6'],
    ['a malformed range', 'bytes=abc'],
    ['another unit', 'items=0-5'],
  ])('sends the whole file for %s', async (_what, range) => {
    const { app } = appWith(() => new FileResponse(textPath));
    const res = await request(app).get('/file').set('Range', range);
    expect(res.status).toBe(200);
    expect(res.text).toBe('hello notes\n');
  });

  it('honours If-Range: a current ETag gets the range, a stale one the whole file', async () => {
    const { app } = appWith(() => new FileResponse(textPath));
    const first = await request(app).get('/file');
    const etag = first.headers['etag'] as string;
    const current = await request(app).get('/file').set('Range', 'bytes=0-4').set('If-Range', etag);
    expect(current.status).toBe(206);
    expect(current.text).toBe('hello');
    const stale = await request(app).get('/file').set('Range', 'bytes=0-4').set('If-Range', '"stale"');
    expect(stale.status).toBe(200);
    expect(stale.text).toBe('hello notes\n');
    const oldDate = await request(app)
      .get('/file')
      .set('Range', 'bytes=0-4')
      .set('If-Range', 'Thu, 01 Jan 1970 00:00:00 GMT');
    expect(oldDate.status).toBe(200);
  });

  it('answers 304 to a matching If-None-Match and a current If-Modified-Since', async () => {
    const { app } = appWith(() => new FileResponse(textPath).setCookie('seen', '1'));
    const first = await request(app).get('/file');
    const byTag = await request(app)
      .get('/file')
      .set('If-None-Match', first.headers['etag'] as string);
    expect(byTag.status).toBe(304);
    expect(byTag.text).toBe('');
    expect(byTag.headers['content-type']).toBeUndefined();
    expect(byTag.headers['content-length']).toBeUndefined();
    expect(byTag.headers['etag']).toBe(first.headers['etag']);
    expect(byTag.headers['set-cookie']).toEqual(['seen=1; Path=/']);
    const byDate = await request(app)
      .get('/file')
      .set('If-Modified-Since', first.headers['last-modified'] as string);
    expect(byDate.status).toBe(304);
    const older = await request(app).get('/file').set('If-Modified-Since', 'Thu, 01 Jan 1970 00:00:00 GMT');
    expect(older.status).toBe(200);
    const otherTag = await request(app).get('/file').set('If-None-Match', '"other"');
    expect(otherTag.status).toBe(200);
    // If-None-Match wins over If-Modified-Since (Django case 182).
    const both = await request(app)
      .get('/file')
      .set('If-None-Match', '"other"')
      .set('If-Modified-Since', first.headers['last-modified'] as string);
    expect(both.status).toBe(200);
  });

  it('answers 412 to a failed If-Match or If-Unmodified-Since', async () => {
    const { app } = appWith(() => new FileResponse(textPath));
    const first = await request(app).get('/file');
    const wrongTag = await request(app).get('/file').set('If-Match', '"nope"');
    expect(wrongTag.status).toBe(412);
    expect(wrongTag.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(wrongTag.text).toBe('Precondition Failed: If-Match did not match the current representation.');
    const weakTag = await request(app)
      .get('/file')
      .set('If-Match', `W/${first.headers['etag'] as string}`);
    expect(weakTag.status).toBe(412); // RFC 9110 §13.1.1: a strong comparison
    const headFailed = await request(app).head('/file').set('If-Match', '"nope"');
    expect(headFailed.status).toBe(412);
    expect(headFailed.text).toBeUndefined();
    const rightTag = await request(app)
      .get('/file')
      .set('If-Match', first.headers['etag'] as string);
    expect(rightTag.status).toBe(200);
    const any = await request(app).get('/file').set('If-Match', '*');
    expect(any.status).toBe(200);
    const past = await request(app).get('/file').set('If-Unmodified-Since', 'Sat, 20 Oct 2007 23:21:47 GMT');
    expect(past.status).toBe(412);
    const now = await request(app)
      .get('/file')
      .set('If-Unmodified-Since', first.headers['last-modified'] as string);
    expect(now.status).toBe(200);
  });

  it('answers HEAD with the exact head of GET, without opening the file', async () => {
    const opened = jest.spyOn(fs, 'createReadStream');
    const { app } = appWith(() => new FileResponse(bigPath, { asAttachment: true }).set('X-Extra', '1'));
    const head = await request(app).head('/file');
    expect(opened).not.toHaveBeenCalled();
    const get = await request(app).get('/file').buffer(true).parse(binary);
    expect(opened).toHaveBeenCalledTimes(1);
    const withoutDate = (headers: Record<string, string>): Record<string, string> => {
      const { date: _date, ...rest } = headers;
      return rest;
    };
    expect(head.status).toBe(200);
    expect(withoutDate(head.headers)).toEqual(withoutDate(get.headers));
    expect(head.headers['content-length']).toBe(String(SIZE));
    expect(head.body).toEqual({});

    const headRange = await request(app).head('/file').set('Range', 'bytes=0-9');
    expect(headRange.status).toBe(206);
    expect(headRange.headers['content-length']).toBe('10');
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('answers a missing file with a 404 through the error path, keeping CORS headers', async () => {
    const { app, errors } = appWith(() => new FileResponse(join(tmp.dir, 'missing.pdf'), { asAttachment: true }));
    const res = await request(app).get('/file').set('Origin', 'http://a.example');
    expect(res.status).toBe(404);
    expect(res.text).toBe('error 404');
    expect(res.headers['access-control-allow-origin']).toBe('http://a.example');
    expect(res.headers['vary']).toBe('Origin');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.headers['accept-ranges']).toBeUndefined();
    expect(errors[0]).toBeInstanceOf(Http404);
    expect((errors[0] as Error & { cause: NodeJS.ErrnoException }).cause.code).toBe('ENOENT');
  });

  it('answers a directory with a 404', async () => {
    const dir = join(tmp.dir, 'a-directory');
    mkdirSync(dir, { recursive: true });
    const { app, errors } = appWith(() => new FileResponse(dir));
    const res = await request(app).get('/file');
    expect(res.status).toBe(404);
    expect(errors[0]).toBeInstanceOf(Http404);
  });

  it('answers an unreadable file with a 403 through the error path', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    // Tests may run as root, for whom no file is unreadable: fail the check itself.
    jest.spyOn(fsPromises, 'stat').mockRejectedValue(denied);
    const { app, errors } = appWith(() => new FileResponse(textPath));
    const res = await request(app).get('/file').set('Origin', 'http://a.example');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBe('http://a.example');
    expect(errors[0]).toBeInstanceOf(PermissionDenied);
  });

  it('cuts the connection when reading the file fails mid-body, and reports the error', async () => {
    const realRead = fs.read;
    let reads = 0;
    // Fail the third read of the file with EIO, as a failing disk would.
    jest.spyOn(fs, 'read').mockImplementation((...args: unknown[]) => {
      reads++;
      const callback = args[args.length - 1] as (err: NodeJS.ErrnoException) => void;
      if (reads === 3) {
        process.nextTick(() => callback(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })));
        return;
      }
      return (realRead as (...a: unknown[]) => void)(...args);
    });
    const { app, errors } = appWith(() => new FileResponse(bigPath));
    const server = await listen(app);
    try {
      const result = await rawGet(`${server.url}/file`);
      expect(result.status).toBe(200);
      expect(result.headers['content-length']).toBe(String(SIZE));
      expect(result.complete).toBe(false);
      expect(result.body.length).toBeLessThan(SIZE);
      expect(Buffer.compare(result.body, big.subarray(0, result.body.length))).toBe(0);
      await waitFor(() => errors.length === 1, 2000, 'the error to reach next(err)');
      expect((errors[0] as NodeJS.ErrnoException).code).toBe('EIO');
    } finally {
      await server.close();
    }
  });

  it('cuts the connection when a Readable fails mid-body, and reports the error', async () => {
    let pushed = 0;
    const failing = new Readable({
      read() {
        pushed++;
        if (pushed <= 2) this.push(Buffer.alloc(1024, 97));
        else this.destroy(new Error('upstream failed'));
      },
    });
    const { app, errors } = appWith(() => new FileResponse(failing, { filename: 'export.csv' }));
    const server = await listen(app);
    try {
      const result = await rawGet(`${server.url}/file`);
      expect(result.status).toBe(200);
      expect(result.complete).toBe(false);
      // What was delivered is a prefix of what was produced (Node drops what it buffered when a stream fails).
      expect(result.body.length).toBeGreaterThan(0);
      expect(result.body.length).toBeLessThanOrEqual(2048);
      expect(result.body.every((byte) => byte === 97)).toBe(true);
      await waitFor(() => errors.length === 1, 2000, 'the error to reach next(err)');
      expect((errors[0] as Error).message).toBe('upstream failed');
    } finally {
      await server.close();
    }
  });

  it('sends an empty file', async () => {
    const { app } = appWith(() => new FileResponse(emptyPath));
    const res = await request(app).get('/file');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.text).toBe('');
  });

  it('sends a file with another status whole, ignoring Range', async () => {
    const { app } = appWith(
      () => new FileResponse(textPath, { status: 404, contentType: 'text/plain; charset=utf-8' }),
    );
    const res = await request(app).get('/file').set('Range', 'bytes=0-1');
    expect(res.status).toBe(404);
    expect(res.text).toBe('hello notes\n');
    expect(res.headers['accept-ranges']).toBeUndefined();
  });

  it('keeps the validators a view set and middleware cookies', async () => {
    const app = createApp();
    app.use((_req, res, next) => {
      res.cookie('session', 'abc');
      next();
    });
    app.get(
      '/file',
      view(() => new FileResponse(textPath, { headers: { ETag: '"v1"', 'Cache-Control': 'max-age=60' } })),
    );
    const res = await request(app).get('/file');
    expect(res.headers['etag']).toBe('"v1"');
    expect(res.headers['cache-control']).toBe('max-age=60');
    expect(res.headers['set-cookie']).toEqual(['session=abc; Path=/']);
    const cached = await request(app).get('/file').set('If-None-Match', '"v1"');
    expect(cached.status).toBe(304);
  });

  it('sends a non-ASCII file name that the client decodes back', async () => {
    const { app } = appWith(() => new FileResponse(textPath, { asAttachment: true, filename: 'rapport été 😀.txt' }));
    const res = await request(app).get('/file');
    const header = res.headers['content-disposition'] as string;
    expect(header).toMatch(/^attachment; filename="rapport \?t\? \?\?\.txt"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? '')).toBe('rapport été 😀.txt');
  });

  it('sends a Readable with a path with Content-Length, and one without chunked', async () => {
    const app = createApp();
    app.get(
      '/stream',
      view(() => new FileResponse(createReadStream(bigPath))),
    );
    app.get(
      '/anonymous',
      view(() => new FileResponse(Readable.from([Buffer.from('abc'), Buffer.from('def')]), { filename: 'x.csv' })),
    );
    app.get(
      '/bytes',
      view(() => new FileResponse(new Uint8Array([104, 105]), { filename: 'hi.txt' })),
    );
    const stream = await request(app).get('/stream').buffer(true).parse(binary);
    expect(stream.headers['content-length']).toBe(String(SIZE));
    expect(Buffer.compare(stream.body as Buffer, big)).toBe(0);
    const anonymous = await request(app).get('/anonymous');
    expect(anonymous.headers['transfer-encoding']).toBe('chunked');
    expect(anonymous.headers['content-type']).toBe('text/csv');
    expect(anonymous.text).toBe('abcdef');
    const bytes = await request(app).get('/bytes');
    expect(bytes.headers['content-length']).toBe('2');
    expect(bytes.text).toBe('hi');
  });
});
