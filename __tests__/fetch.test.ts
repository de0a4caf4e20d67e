/** Fetch interop: toWebResponse / fromWebResponse, both ways without loss, and over real HTTP. */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import {
  FileResponse,
  HttpResponse,
  JsonResponse,
  StreamingHttpResponse,
  fromWebResponse,
  toWebResponse,
  view,
} from '../lib/index.js';
import { expressVersions } from './helpers/apps.js';

function withCookies<R extends HttpResponse | StreamingHttpResponse>(response: R): R {
  response.setCookie('a', '1', { httpOnly: true });
  response.setCookie('b', '2', { path: '/x', sameSite: 'Lax', maxAge: 60 });
  response.deleteCookie('c');
  return response;
}

describe('toWebResponse()', () => {
  it('keeps status, reason, headers, every cookie and the buffered body', async () => {
    const response = withCookies(new HttpResponse('héllo', { status: 201, reason: 'Made', headers: { 'X-A': '1' } }));
    const expectedCookies = response.cookies.values().map((cookie) => cookie.toString());
    const web = toWebResponse(response);
    expect(web.status).toBe(201);
    expect(web.statusText).toBe('Made');
    expect(web.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(web.headers.get('x-a')).toBe('1');
    expect(web.headers.getSetCookie()).toEqual(expectedCookies);
    expect(web.headers.getSetCookie()).toHaveLength(3);
    expect(Buffer.from(await web.arrayBuffer()).toString('utf8')).toBe('héllo');
  });

  it('streams a streaming body on demand and closes the response at the end', async () => {
    const pulled: number[] = [];
    function* chunks() {
      for (const n of [1, 2, 3]) {
        pulled.push(n);
        yield `chunk${n};`;
      }
    }
    const response = new StreamingHttpResponse(chunks(), 'text/plain');
    const web = toWebResponse(response);
    expect(pulled).toEqual([]);
    expect(await web.text()).toBe('chunk1;chunk2;chunk3;');
    expect(response.closed).toBe(true);
  });

  it('streams an async body and closes the response when the reader cancels', async () => {
    async function* endless() {
      for (let n = 0; ; n++) yield `${n},`;
    }
    const response = new StreamingHttpResponse(endless());
    const reader = toWebResponse(response).body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('0,');
    await reader.cancel();
    expect(response.closed).toBe(true);
  });

  it('streams a FileResponse with its Content-Length, Content-Type and Content-Disposition', async () => {
    const response = new FileResponse(__filename, { asAttachment: true });
    const web = toWebResponse(response);
    expect(web.headers.get('content-disposition')).toBe('attachment; filename="fetch.test.ts"');
    expect(web.headers.get('content-length')).toBe(String(readFileSync(__filename).length));
    expect(await web.text()).toBe(readFileSync(__filename, 'utf8'));
    expect(response.closed).toBe(true);
  });

  it('gives a null body for 204 and 304', () => {
    expect(toWebResponse(new HttpResponse('', { status: 204 })).body).toBeNull();
    expect(toWebResponse(new HttpResponse('', { status: 304 })).body).toBeNull();
  });

  it('refuses a status the Fetch API cannot carry, saying so', () => {
    expect(() => toWebResponse(new HttpResponse('', { status: 101 }))).toThrow(RangeError);
    expect(() => toWebResponse(new HttpResponse('', { status: 101 }))).toThrow(
      'A web Response cannot carry status 101: the Fetch API allows 200 to 599 only.',
    );
  });

  it('signs a pending signed cookie with options.secret', () => {
    const response = new HttpResponse().setSignedCookie('s', 'v');
    expect(() => toWebResponse(response)).toThrow(/has no secret/);
    expect(toWebResponse(response, { secret: 'k' }).headers.getSetCookie()[0]).toMatch(/^s=s%3Av\./);
  });
});

describe('fromWebResponse()', () => {
  function webWithCookies(body: BodyInit | null, init: ResponseInit = {}): Response {
    const headers = new Headers(init.headers);
    headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly');
    headers.append('Set-Cookie', 'b=2; Path=/x; Max-Age=60; SameSite=Lax; Weird-Attr');
    return new Response(body, { ...init, headers });
  }

  it('streams the body by default, keeping status, reason, headers and cookies', async () => {
    const response = fromWebResponse(
      webWithCookies('streamed', {
        status: 202,
        statusText: 'Later',
        headers: { 'Content-Type': 'text/plain', 'X-B': '2' },
      }),
    );
    expect(response).toBeInstanceOf(StreamingHttpResponse);
    expect(response.statusCode).toBe(202);
    expect(response.reasonPhrase).toBe('Later');
    expect(response.get('Content-Type')).toBe('text/plain');
    expect(response.get('X-B')).toBe('2');
    expect(response.cookies.get('b')?.toString()).toBe('b=2; Path=/x; Max-Age=60; SameSite=Lax; Weird-Attr');
    expect(response.cookies.get('b')?.maxAge).toBe(60);
    expect(response.cookies.get('a')?.httpOnly).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of (response as StreamingHttpResponse).streamingContent) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('streamed');
  });

  it('buffers the body with buffer: true', async () => {
    const response = await fromWebResponse(new Response(new Uint8Array([0, 255, 1])), { buffer: true });
    expect(response).toBeInstanceOf(HttpResponse);
    expect([...response.content]).toEqual([0, 255, 1]);
  });

  it('does not invent a Content-Type the web response did not have', () => {
    const response = fromWebResponse(new Response(null, { status: 204 }));
    expect(response.has('Content-Type')).toBe(false);
    expect(response.statusCode).toBe(204);
  });

  it('round-trips: fromWebResponse(toWebResponse(r)) has what r had', async () => {
    const original = withCookies(new JsonResponse({ ok: true }, { status: 203, headers: { Vary: 'Cookie' } }));
    const cookies = original.cookies.values().map((cookie) => cookie.toString());
    const back = await fromWebResponse(toWebResponse(original), { buffer: true });
    expect(back.statusCode).toBe(203);
    expect(back.get('content-type')).toBe('application/json');
    expect(back.get('vary')).toBe('Cookie');
    expect(back.cookies.values().map((cookie) => cookie.toString())).toEqual(cookies);
    expect(back.text).toBe(original.text);
  });

  it('refuses what is not a web Response, and a used body', async () => {
    expect(() => fromWebResponse({} as never)).toThrow(
      'fromWebResponse() needs a web (Fetch API) Response (got an Object).',
    );
    const used = new Response('x');
    await used.text();
    expect(() => fromWebResponse(used)).toThrow(/already read/);
  });
});

describe.each(expressVersions)('Fetch interop over HTTP on %s', (_label, createApp) => {
  it('a view returning toWebResponse(r) sends what returning r sends', async () => {
    const make = () => withCookies(new HttpResponse('same', { status: 201, headers: { 'X-A': '1' } }));
    const app = createApp();
    app.get(
      '/direct',
      view(() => make()),
    );
    app.get(
      '/web',
      view(() => toWebResponse(make())),
    );
    const [direct, web] = [await request(app).get('/direct'), await request(app).get('/web')];
    expect(web.status).toBe(direct.status);
    expect(web.text).toBe(direct.text);
    expect(web.headers['x-a']).toBe('1');
    expect(web.headers['content-type']).toBe(direct.headers['content-type']);
    expect(web.headers['set-cookie']).toHaveLength(3);
    expect((web.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0])).toEqual(
      (direct.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]),
    );
  });

  it('a view returning fromWebResponse(web) sends the web response, streamed, with every cookie', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => {
        const headers = new Headers({ 'Content-Type': 'text/plain' });
        headers.append('Set-Cookie', 'a=1; Path=/');
        headers.append('Set-Cookie', 'b=2; Path=/');
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('one,'));
            controller.enqueue(new TextEncoder().encode('two'));
            controller.close();
          },
        });
        return fromWebResponse(new Response(body, { status: 200, headers }));
      }),
    );
    const res = await request(app).get('/');
    expect(res.text).toBe('one,two');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});
