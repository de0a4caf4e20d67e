/**
 * The known attacks on response helpers, each a named test, over real HTTP on Express 4 and 5:
 * open redirects through re-encoding (Express CVE-2024-29041), markup from a redirect URL in
 * an HTML body (Express CVE-2024-43796), header arrays through a writeHead that middleware
 * wrapped (on-headers CVE-2025-7339), Set-Cookie folded into one comma-joined header, and a
 * Range header of thousands of overlapping ranges.
 */
import compression from 'compression';
import morgan from 'morgan';
import session from 'express-session';
import type { ServerResponse } from 'node:http';
import net from 'node:net';
import type { ErrorRequestHandler } from 'express';
import { createRequire } from 'node:module';
import {
  FileResponse,
  HttpResponse,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  RedirectView,
  StreamingHttpResponse,
  type HttpResponseBase,
  redirect,
  toWebResponse,
  urlHasAllowedHostAndScheme,
  view,
} from '../../../lib/index.js';
import { expressVersions } from '../../helpers/apps.js';
import { makeTempDir } from '../../helpers/streams.js';
import {
  assertCleanHead,
  fetchRaw,
  headerValues,
  ResponseBox,
  start,
  type TestServer,
  parseSetCookie,
} from './wire.js';

// on-headers ships no types; this is its whole API.
const onHeaders = createRequire(__filename)('on-headers') as (
  res: ServerResponse,
  listener: (this: ServerResponse) => void,
) => void;

const BASE = 'http://good.example/';

/** The host a browser on good.example would go to for `url`, or null when it would not navigate. */
function browserHost(url: string): string | null {
  try {
    return new URL(url, BASE).host;
  } catch {
    return null;
  }
}

const tmp = makeTempDir();
const FILE = tmp.file('ranged.bin', Buffer.alloc(64 * 1024, 1));
afterAll(() => tmp.cleanup());

describe.each(expressVersions)('known attacks on %s', (_label, createApp) => {
  const box = new ResponseBox();
  let server: TestServer;
  const writeHeadCalls: unknown[][] = [];
  const splitRoutes = new Map<string, () => HttpResponseBase | Response>();

  beforeAll(async () => {
    const app = createApp();
    app.set('env', 'test');
    // A writeHead wrapped as on-headers (and every middleware built on it) wraps it.
    app.use((_req, res, next) => {
      const original = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
        writeHeadCalls.push(args);
        return original(...args);
      };
      next();
    });
    app.use('/wrapped', (_req, res, next) => {
      onHeaders(res, function (this: ServerResponse) {
        this.setHeader('X-On-Headers', 'ran');
      });
      next();
    });
    app.use('/wrapped', compression({ threshold: 0 }));
    app.use('/wrapped', morgan('tiny', { stream: { write: () => {} } }));
    app.use(
      '/wrapped',
      session({ secret: 'attack-secret', resave: false, saveUninitialized: true, cookie: { maxAge: 60_000 } }),
    );
    app.get('/case/:id', box.route);
    app.get(
      '/split/:id',
      view((req) => splitRoutes.get(String(req.params.id))!()),
    );
    app.get('/wrapped/case/:id', box.route);
    app.get('/go/:target', RedirectView.asView({ url: '/%(target)s' }));
    app.get(
      '/login',
      view((req) => {
        const next = req.query.next;
        return urlHasAllowedHostAndScheme(next, { allowedHosts: 'good.example' })
          ? new HttpResponseRedirect(next)
          : new HttpResponseRedirect('/');
      }),
    );
    // Errors after the head cut the connection, as Express's own handler does, off the console.
    const cut: ErrorRequestHandler = (_err, _req, res, _next) => {
      if (res.headersSent) res.destroy();
      else res.status(500).end();
    };
    app.use(cut);
    server = await start(app);
  });
  afterAll(() => server.close());

  describe('CVE-2024-29041: redirect URLs that a re-encoding would send to another host', () => {
    // Each passes an allow-list that reads the URL with WHATWG `new URL()` (host good.example),
    // while a naive percent-encoding of the Location makes the browser go elsewhere.
    const REENCODING = [
      'http://good.example\\@evil.com',
      'https://good.example\\@evil.com/path',
      'http://good.example\\\\@evil.com',
      'http://good.example\\:pass@evil.com',
      'http://good.example\\x@evil.com#frag',
    ];

    it.each(REENCODING)('%s is refused, or its Location leads where the URL does', async (url) => {
      expect(browserHost(url)).toBe('good.example');
      let response: HttpResponseRedirect;
      try {
        response = new HttpResponseRedirect(url);
      } catch (err) {
        expect((err as Error).name).toBe('DisallowedRedirect');
        expect((err as Error).message).toMatch(/host/);
        return;
      }
      const fetched = await fetchRaw(server.port, box.put(response));
      const [location] = headerValues(fetched, 'location');
      expect(browserHost(location!)).toBe('good.example');
    });

    it.each(REENCODING)('urlHasAllowedHostAndScheme refuses %s for good.example', (url) => {
      expect(urlHasAllowedHostAndScheme(url, { allowedHosts: 'good.example' })).toBe(false);
    });

    it('a ?next= login with urlHasAllowedHostAndScheme never redirects off good.example', async () => {
      for (const next of [...REENCODING, '//evil.com', '/\\evil.com', '\\\\evil.com', 'http:/\\/evil.com']) {
        const fetched = await fetchRaw(server.port, `/login?next=${encodeURIComponent(next)}`);
        expect(fetched.status).toBe(302);
        expect(browserHost(headerValues(fetched, 'location')[0]!)).toBe('good.example');
      }
    });

    it('a RedirectView built from a route param: an encoded slash cannot make a scheme-relative URL', async () => {
      for (const target of ['%2Fevil.com', '%5Cevil.com', '%2F%2Fevil.com', '%09%2Fevil.com']) {
        const fetched = await fetchRaw(server.port, `/go/${target}`);
        if (fetched.status !== 302) {
          expect(fetched.status).toBeGreaterThanOrEqual(400);
          continue;
        }
        const [location] = headerValues(fetched, 'location');
        expect(browserHost(location!)).toBe('good.example');
      }
    });

    it('paths, IDNs and encoded text keep their host', async () => {
      for (const url of [
        '/café?q=ü',
        'https://bücher.example/ü',
        '/a%20b',
        '?next=//evil.com',
        'http://good.example/%5C',
      ]) {
        const response = new HttpResponseRedirect(url);
        const fetched = await fetchRaw(server.port, box.put(response));
        expect(browserHost(headerValues(fetched, 'location')[0]!)).toBe(browserHost(url));
      }
    });
  });

  describe('CVE-2024-43796: markup in a redirect URL never reaches an HTML body', () => {
    const MARKUP = [
      '/next?<script>alert(1)</script>',
      '/"><img src=x onerror=alert(1)>',
      "/'><svg/onload=alert(1)>",
      '/%3Cscript%3Ealert(1)%3C/script%3E',
    ];
    const makers: Array<[string, (url: string) => HttpResponse]> = [
      ['HttpResponseRedirect', (url) => new HttpResponseRedirect(url)],
      ['HttpResponsePermanentRedirect', (url) => new HttpResponsePermanentRedirect(url)],
      ['redirect()', (url) => redirect(url)],
      ['redirect() preserving the request', (url) => redirect(url, { permanent: true, preserveRequest: true })],
    ];

    it.each(makers.flatMap(([name, make]) => MARKUP.map((url) => [name, url, make] as const)))(
      '%s to %s: no body, and no markup in Location',
      async (_name, url, make) => {
        const fetched = await fetchRaw(server.port, box.put(make(url)), { headers: { accept: 'text/html' } });
        expect([301, 302, 307, 308]).toContain(fetched.status);
        expect(fetched.body.length).toBe(0);
        const [location] = headerValues(fetched, 'location');
        expect(location).not.toMatch(/[<>" ]/);
        assertCleanHead(fetched.head);
      },
    );

    it('a RedirectView from a route param with markup: no markup in the Location or the body', async () => {
      const fetched = await fetchRaw(server.port, `/go/${encodeURIComponent('"><script>alert(1)</script>')}`, {
        headers: { accept: 'text/html' },
      });
      expect(fetched.status).toBe(302);
      expect(fetched.body.toString()).not.toContain('<script>');
      expect(headerValues(fetched, 'location')[0]).not.toMatch(/[<>"]/);
    });
  });

  describe('CVE-2025-7339: header arrays through a writeHead that middleware wrapped (on-headers)', () => {
    const make = () =>
      new HttpResponse('hello '.repeat(50), {
        headers: [
          ['X-First', 'one'],
          ['X-Second', 'two'],
          ['Cache-Control', 'no-store'],
        ],
      })
        .setCookie('a', '1')
        .setCookie('b', '2', { expires: 'Wed, 21 Oct 2037 07:28:00 GMT' });

    it('behind on-headers, compression, morgan and express-session: every header arrives once, as set', async () => {
      writeHeadCalls.length = 0;
      const fetched = await fetchRaw(server.port, `/wrapped${box.put(make())}`, {
        headers: { 'accept-encoding': 'identity' },
      });
      expect(fetched.status).toBe(200);
      expect(headerValues(fetched, 'x-first')).toEqual(['one']);
      expect(headerValues(fetched, 'x-second')).toEqual(['two']);
      expect(headerValues(fetched, 'cache-control')).toEqual(['no-store']);
      expect(headerValues(fetched, 'x-on-headers')).toEqual(['ran']);
      const cookies = parseSetCookie(headerValues(fetched, 'set-cookie'));
      expect(cookies.map((c) => c.name).sort()).toEqual(['a', 'b', 'connect.sid']);
      expect(fetched.body.toString()).toBe('hello '.repeat(50));
      assertCleanHead(fetched.head);
    });

    it('the adapter never hands writeHead a header array (or any headers): it sets them one by one', async () => {
      writeHeadCalls.length = 0;
      await fetchRaw(server.port, box.put(make()));
      await fetchRaw(server.port, `/wrapped${box.put(make())}`);
      expect(writeHeadCalls.length).toBeGreaterThanOrEqual(2);
      for (const args of writeHeadCalls) {
        const headerArgs = args.slice(1).filter((arg) => typeof arg !== 'string');
        for (const arg of headerArgs) expect(Array.isArray(arg)).toBe(false);
      }
    });

    it('a web Response with repeated headers, behind the wrapped writeHead: each arrives as set', async () => {
      writeHeadCalls.length = 0;
      const web = new Response('web', {
        headers: [
          ['X-Multi', 'a'],
          ['X-Multi', 'b'],
          ['Set-Cookie', 'w1=1; Path=/'],
          ['Set-Cookie', 'w2=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT'],
        ],
      });
      const app = createApp();
      app.use('/wrapped', (_req, res, next) => {
        onHeaders(res, function (this: ServerResponse) {
          this.setHeader('X-On-Headers', 'ran');
        });
        next();
      });
      app.get(
        '/wrapped/web',
        view(() => web),
      );
      const local = await start(app);
      try {
        const fetched = await fetchRaw(local.port, '/wrapped/web');
        expect(headerValues(fetched, 'x-multi').join(', ')).toBe('a, b');
        expect(headerValues(fetched, 'set-cookie')).toEqual([
          'w1=1; Path=/',
          'w2=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
        ]);
        expect(headerValues(fetched, 'x-on-headers')).toEqual(['ran']);
      } finally {
        await local.close();
      }
    });
  });

  describe('Set-Cookie is never folded into one comma-joined header', () => {
    it('three cookies (one with a comma in Expires) go out as three Set-Cookie lines on the wire', async () => {
      const response = new HttpResponse('ok')
        .setCookie('one', '1', { expires: 'Wed, 21 Oct 2037 07:28:00 GMT' })
        .setCookie('two', 'a,b')
        .setSignedCookie('three', 'x', { secret: 's' });
      const fetched = await fetchRaw(server.port, box.put(response));
      const lines = fetched.head
        .toString('latin1')
        .split('\r\n')
        .filter((line) => /^set-cookie:/i.test(line));
      expect(lines).toHaveLength(3);
      const cookies = lines.map((line) => parseSetCookie(line.replace(/^set-cookie:\s*/i, ''))[0]!);
      expect(cookies.map((c) => [c.name, c.value])).toEqual([
        ['one', '1'],
        ['two', 'a,b'],
        ['three', expect.stringMatching(/^s:x\./)],
      ]);
    });

    it("with express-session's cookie and a hand-set Set-Cookie header: each on its own line", async () => {
      const response = new HttpResponse('ok').setCookie('mine', 'v');
      response.set('Set-Cookie', 'manual=1; Path=/');
      const fetched = await fetchRaw(server.port, `/wrapped${box.put(response)}`);
      const lines = fetched.head
        .toString('latin1')
        .split('\r\n')
        .filter((line) => /^set-cookie:/i.test(line));
      expect(lines.map((line) => line.split(/[:=]/)[1]!.trim()).sort()).toEqual(['connect.sid', 'manual', 'mine']);
    });

    it('toWebResponse keeps each cookie apart (Headers.getSetCookie)', async () => {
      const web = toWebResponse(new HttpResponse('ok').setCookie('x', '1').setCookie('y', '2'));
      expect(web.headers.getSetCookie()).toEqual([expect.stringMatching(/^x=1;/), expect.stringMatching(/^y=2;/)]);
    });
  });

  describe('response splitting through a hand-set Content-Length shorter than the body', () => {
    const SMUGGLED = 'HTTP/1.1 200 OK\r\nX-Smuggled: 1\r\nContent-Length: 0\r\n\r\n';

    /** Everything the server sends on one keep-alive connection for `path`, until it closes. */
    function readConnection(path: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
        });
        let received = '';
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
        });
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
    }

    it.each([
      [
        'a StreamingHttpResponse',
        () => new StreamingHttpResponse(['ok', SMUGGLED], { headers: { 'Content-Length': '2' } }),
      ],
      [
        'a web Response',
        () => new Response(new Blob(['ok', SMUGGLED]).stream(), { headers: { 'Content-Length': '2' } }),
      ],
    ])('%s: the overrun is never read as a second response; the connection is cut', async (_what, make) => {
      const id = `split-${Math.random()}`;
      splitRoutes.set(id, make);
      const received = await readConnection(`/split/${encodeURIComponent(id)}`);
      expect(received.match(/HTTP\/1\.1 200/g)).toHaveLength(1);
      expect(received).not.toContain('X-Smuggled');
      expect(received.endsWith('\r\n\r\nok')).toBe(true);
    });

    it('a hand-set Content-Length longer than the body: the connection is cut, not left hanging', async () => {
      splitRoutes.set('short', () => new StreamingHttpResponse(['ok'], { headers: { 'Content-Length': '5' } }));
      const received = await readConnection('/split/short'); // resolves on close: no hang
      // Node refuses to end the body short, and the connection is destroyed: the client sees a
      // cut (what was still corked may be lost with it), never a clean end.
      expect(received === '' || received.endsWith('\r\n\r\nok')).toBe(true);
    });
  });

  describe('a Range header of thousands of overlapping ranges', () => {
    const overlapping = Array.from({ length: 2500 }, (_, i) => `${i % 10}-${(i % 10) + 5}`).join(',');

    it.each([
      ['2500 overlapping ranges', `bytes=${overlapping}`],
      ['2500 copies of the whole file', `bytes=${Array(2500).fill('0-').join(',')}`],
      ['2500 suffix ranges', `bytes=${Array(2500).fill('-9').join(',')}`],
    ])('%s: one bounded answer, never a multipart of thousands of parts', async (_what, range) => {
      expect(range.length).toBeLessThan(15_000); // under Node's header limit, so the server must answer it
      const fetched = await fetchRaw(server.port, box.put(new FileResponse(FILE)), { headers: { range } });
      expect([200, 206, 416]).toContain(fetched.status);
      expect(fetched.body.length).toBeLessThanOrEqual(64 * 1024);
      expect(String(fetched.headers['content-type'])).not.toMatch(/multipart/);
      if (fetched.status === 206) expect(fetched.headers['content-range']).toMatch(/^bytes \d+-\d+\/65536$/);
    });

    it('the server answers the next request as usual', async () => {
      const fetched = await fetchRaw(server.port, box.put(new FileResponse(FILE)), {
        headers: { range: 'bytes=0-9' },
      });
      expect(fetched.status).toBe(206);
      expect(fetched.body.length).toBe(10);
    });
  });
});
