/**
 * csrfViewMiddleware() against forged requests, over real HTTP on Express 4 and 5: tokens of
 * every wrong length and alphabet, cookies planted from a sibling subdomain, `Origin: null`,
 * a Referer on another port, a method spelled `post`, bodies too large to search, untrusted
 * proxies. Each forged request is refused and the handler never runs.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { HttpResponse, csrfViewMiddleware, getCsrfToken, type CsrfOptions } from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const SECRET = 'lcccccccX2kcccccccY2jcccccccssIC';
const TOKEN = '2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf';
const ATTACKER = 'AttackerAttackerAttackerAttacker';

describe.each(expressVersions)('forged requests on %s', (_label, express: AppFactory) => {
  function site(options: CsrfOptions = {}, setup?: (app: ReturnType<AppFactory>) => void) {
    const app = express();
    const reasons: string[] = [];
    let votes = 0;
    setup?.(app);
    app.use(
      csrfViewMiddleware({
        failureView: (_req, reason) => {
          reasons.push(reason);
          return new HttpResponse('refused', { status: 403 });
        },
        ...options,
      }),
    );
    app.use(express.urlencoded({ extended: false }));
    app.post('/vote', (_req, res) => void (votes++, res.send('voted')));
    return { app, reasons, votes: () => votes };
  }

  const wrongLengths = [0, 1, 16, 31, 33, 48, 63, 65, 96, 128, 4000].map((n) => 'a'.repeat(n));
  const wrongAlphabets = ['-', '_', '+', '/', '=', '.', ' ', '*', '%41', '\t'].map((c) => (c + TOKEN).slice(0, 64));

  it.each(wrongLengths.filter((t) => t !== ''))('refuses a header token of %#th wrong length', async (token) => {
    const { app, reasons, votes } = site();
    expect(
      (await request(app).post('/vote').set('Cookie', `csrftoken=${SECRET}`).set('X-CSRFToken', token)).status,
    ).toBe(403);
    expect(reasons).toEqual(["CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."]);
    expect(votes()).toBe(0);
  });

  it.each([...wrongLengths.filter((t) => t !== ''), ...wrongAlphabets, 'é'.repeat(32), 'ａ'.repeat(32)])(
    'refuses a form token %#: wrong length or alphabet',
    async (token) => {
      const { app, reasons, votes } = site();
      const res = await request(app)
        .post('/vote')
        .set('Cookie', `csrftoken=${SECRET}`)
        .type('form')
        .send(`csrfmiddlewaretoken=${encodeURIComponent(token)}`);
      expect(res.status).toBe(403);
      expect(reasons[0]).toMatch(/^CSRF token from POST has (incorrect length|invalid characters)\.$/);
      expect(votes()).toBe(0);
    },
  );

  it.each(wrongAlphabets.filter((t) => !t.startsWith('\t')))(
    'refuses a header token %# of the wrong alphabet',
    async (token) => {
      const { app, reasons } = site();
      expect(
        (await request(app).post('/vote').set('Cookie', `csrftoken=${SECRET}`).set('X-CSRFToken', token)).status,
      ).toBe(403);
      expect(reasons[0]).toMatch(
        /^CSRF token from the 'X-Csrftoken' HTTP header has (invalid characters|incorrect length)\.$/,
      );
    },
  );

  it.each([
    ...wrongLengths.filter((t) => t !== '' && t.length < 4000),
    ...wrongAlphabets.filter((t) => !/[\s;]/.test(t)),
  ])('refuses a cookie %# of the wrong length or alphabet on POST, and replaces it on GET', async (cookie) => {
    const { app, reasons } = site();
    app.get('/page', (req, res) => void res.send(getCsrfToken(req)));
    const res = await request(app).post('/vote').set('Cookie', `csrftoken=${cookie}`).set('X-CSRFToken', TOKEN);
    expect(res.status).toBe(403);
    expect(reasons[0]).toMatch(/^CSRF cookie has (incorrect length|invalid characters)\.$/);
    const page = await request(app).get('/page').set('Cookie', `csrftoken=${cookie}`);
    expect((page.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^csrftoken=[a-zA-Z0-9]{32};/);
  });

  it('reads a %-encoded cookie as it is, not decoded', async () => {
    const { app, reasons } = site();
    const encoded = [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    expect(
      (await request(app).post('/vote').set('Cookie', `csrftoken=${encoded}`).set('X-CSRFToken', SECRET)).status,
    ).toBe(403);
    expect(reasons).toEqual(['CSRF cookie has incorrect length.']);
  });

  it('refuses two X-CSRFToken headers (joined, they are no token)', async () => {
    const { app, reasons } = site();
    const res = await request(app)
      .post('/vote')
      .set('Cookie', `csrftoken=${SECRET}`)
      .set('X-CSRFToken', [TOKEN, TOKEN] as unknown as string);
    expect(res.status).toBe(403);
    expect(reasons[0]).toMatch(
      /^CSRF token from the 'X-Csrftoken' HTTP header has (incorrect length|invalid characters)\.$/,
    );
  });

  describe('a cookie planted from a sibling subdomain', () => {
    it('is refused by Fetch Metadata when the browser says same-site, Origin or not', async () => {
      const { app, reasons, votes } = site();
      const forged = () =>
        request(app)
          .post('/vote')
          .set('Host', 'www.example.com')
          .set('Cookie', `csrftoken=${ATTACKER}`)
          .set('Sec-Fetch-Site', 'same-site')
          .type('form')
          .send({ csrfmiddlewaretoken: ATTACKER });
      expect((await forged()).status).toBe(403);
      expect((await forged().set('Origin', 'http://evil.example.com')).status).toBe(403);
      expect(reasons).toEqual([
        'Sec-Fetch-Site checking failed - same-site request from an unknown origin does not match any trusted origins.',
        'Sec-Fetch-Site checking failed - same-site request from http://evil.example.com does not match any trusted origins.',
      ]);
      expect(votes()).toBe(0);
    });

    it('is refused on HTTPS without Origin by the Referer check', async () => {
      const { app, reasons, votes } = site({}, (app) => app.set('trust proxy', 'loopback'));
      const res = await request(app)
        .post('/vote')
        .set('Host', 'www.example.com')
        .set('X-Forwarded-Proto', 'https')
        .set('Referer', 'https://evil.example.com/form')
        .set('Cookie', `csrftoken=${SECRET}; csrftoken=${ATTACKER}`)
        .type('form')
        .send({ csrfmiddlewaretoken: ATTACKER });
      expect(res.status).toBe(403);
      expect(reasons).toEqual([
        'Referer checking failed - https://evil.example.com/form does not match any trusted origins.',
      ]);
      expect(votes()).toBe(0);
    });

    it('is refused on HTTPS even from under the cookie domain when the Referer is insecure', async () => {
      const { app, reasons } = site({ cookieDomain: '.example.com' }, (app) => app.set('trust proxy', 'loopback'));
      await request(app)
        .post('/vote')
        .set('Host', 'www.example.com')
        .set('X-Forwarded-Proto', 'https')
        .set('Referer', 'http://evil.example.com/')
        .set('Cookie', `csrftoken=${ATTACKER}`)
        .set('X-CSRFToken', ATTACKER);
      expect(reasons).toEqual(['Referer checking failed - Referer is insecure while host is secure.']);
    });
  });

  it('refuses Origin: null (a sandboxed frame, a data: page)', async () => {
    const { app, reasons, votes } = site();
    expect(
      (
        await request(app)
          .post('/vote')
          .set('Origin', 'null')
          .set('Cookie', `csrftoken=${SECRET}`)
          .set('X-CSRFToken', TOKEN)
      ).status,
    ).toBe(403);
    expect(reasons).toEqual(['Origin checking failed - null does not match any trusted origins.']);
    expect(votes()).toBe(0);
  });

  it('refuses an Origin or a Referer on another port of the same host', async () => {
    const { app, reasons } = site({}, (app) => app.set('trust proxy', 'loopback'));
    const send = () =>
      request(app)
        .post('/vote')
        .set('Host', 'www.example.com')
        .set('Cookie', `csrftoken=${SECRET}`)
        .set('X-CSRFToken', TOKEN);
    expect((await send().set('Origin', 'http://www.example.com:8080')).status).toBe(403);
    expect(
      (await send().set('X-Forwarded-Proto', 'https').set('Referer', 'https://www.example.com:8443/form')).status,
    ).toBe(403);
    expect(reasons).toEqual([
      'Origin checking failed - http://www.example.com:8080 does not match any trusted origins.',
      'Referer checking failed - https://www.example.com:8443/form does not match any trusted origins.',
    ]);
    expect((await send().set('Origin', 'http://www.example.com')).status).toBe(200);
  });

  it('refuses cross-site before looking at the token, unless the origin is trusted or fetchMetadata is off', async () => {
    const { app, reasons } = site({ trustedOrigins: ['https://partner.example.org'] });
    const send = () =>
      request(app)
        .post('/vote')
        .set('Host', 'www.example.com')
        .set('Cookie', `csrftoken=${SECRET}`)
        .set('X-CSRFToken', TOKEN)
        .set('Sec-Fetch-Site', 'cross-site');
    expect((await send().set('Origin', 'https://evil.org')).status).toBe(403);
    expect((await send().set('Origin', 'https://partner.example.org')).status).toBe(200);
    expect(reasons).toEqual([
      'Sec-Fetch-Site checking failed - cross-site request from https://evil.org does not match any trusted origins.',
    ]);
    const { app: off, reasons: offReasons } = site({ fetchMetadata: false });
    await request(off)
      .post('/vote')
      .set('Host', 'www.example.com')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Origin', 'https://evil.org');
    expect(offReasons).toEqual(['Origin checking failed - https://evil.org does not match any trusted origins.']);
  });

  it.each([
    ['http://a.example.com', false],
    ['https://a.example.com', true],
    ['https://a.b.example.com', true],
    ['https://example.com', true],
    ['https://example.com.evil.org', false],
    ['https://evilexample.com', false],
    ['https://a.example.com:8443', false],
  ])('trusts the wildcard https://*.example.com for %s: %s', async (origin, trusted) => {
    const { app } = site({ trustedOrigins: ['https://*.example.com'] });
    const res = await request(app)
      .post('/vote')
      .set('Host', 'www.site.org')
      .set('Origin', origin)
      .set('Cookie', `csrftoken=${SECRET}`)
      .set('X-CSRFToken', TOKEN);
    expect(res.status).toBe(trusted ? 200 : 403);
  });

  it('believes X-Forwarded-Host and -Proto only under trust proxy', async () => {
    const forged = (app: ReturnType<AppFactory>) =>
      request(app)
        .post('/vote')
        .set('Host', 'www.example.com')
        .set('X-Forwarded-Host', 'evil.org')
        .set('X-Forwarded-Proto', 'https')
        .set('Origin', 'https://evil.org')
        .set('Cookie', `csrftoken=${SECRET}`)
        .set('X-CSRFToken', TOKEN);
    expect((await forged(site().app)).status).toBe(403);
    // Trusted (the app says its proxy sets them), Express's req.secure and host are the proxy's.
    expect((await forged(site({}, (app) => app.set('trust proxy', 'loopback')).app)).status).toBe(200);
  });

  it('checks a method a middleware spelled `post`, and Node refuses it on the wire', async () => {
    const { app, reasons, votes } = site({}, (app) =>
      app.use((req, _res, next) => {
        if (req.headers['x-http-method-override'] === 'post') req.method = 'post';
        next();
      }),
    );
    app.all('/any', (_req, res) => void res.send('ran'));
    expect((await request(app).get('/any').set('X-HTTP-Method-Override', 'post')).status).toBe(403);
    expect(reasons).toEqual(['CSRF cookie not set.']);
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () =>
          socket.end('post /vote HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n'),
        );
        let out = '';
        socket.on('data', (c) => (out += c.toString())).on('close', () => resolve(out));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(votes()).toBe(0);
  });

  it('refuses a form too large to search rather than reading it all, and leaves the body to the app', async () => {
    const { app, reasons, votes } = site({ bodyLimit: 100_000 });
    const huge = `filler=${'x'.repeat(2_000_000)}&csrfmiddlewaretoken=${TOKEN}`;
    const res = await request(app).post('/vote').set('Cookie', `csrftoken=${SECRET}`).type('form').send(huge);
    expect(res.status).toBe(403);
    expect(reasons[0]).toMatch(/^CSRF token missing\. The form body is larger than bodyLimit/);
    expect(votes()).toBe(0);
  });

  it('refuses without hanging when the client stops mid-body', async () => {
    const { app, votes } = site();
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /vote HTTP/1.1\r\nHost: x\r\nCookie: csrftoken=${SECRET}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncsrfmiddlewaretoken=`,
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(votes()).toBe(0);
  });
});
