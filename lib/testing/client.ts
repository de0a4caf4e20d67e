/**
 * `Client`: Django's test client for an Express app — requests through the whole app
 * (middleware, routing, error handlers), cookies kept between them, redirects followed on
 * request, and what the view rendered — with no server and no port.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
// light-my-request (Fastify's `inject`, what RequestFactory builds on too) sends a request
// through a request listener and hands back the response; its `payloadAsStream` lets the
// body be read chunk by chunk, so a capped read can stop an endless stream.
import lightMyRequest from 'light-my-request';
import { dontEnforceCsrfChecks } from '../middleware/csrf/state.js';
// tough-cookie is the RFC 6265 cookie jar (request's, jsdom's, got's): domain, path,
// expiry, Secure and deletion handled as a browser does.
import { CookieJar } from 'tough-cookie';
import { encodeClientBody, type ClientData } from './client-body.js';
import { TestResponse, type RedirectHop } from './test-response.js';
import { appendParams } from './request-body.js';
import type { QueryData } from './request-factory.js';
import { recordRenders, withRecording, type RenderedTemplate } from './template-recorder.js';
import { checkTimeout, ClientTimeoutError, DEFAULT_TIMEOUT, timeoutMessage, within } from './client-timeout.js';
import * as auth from './client-auth.js';
import { clientSession, type ClientSession, type ClientSessionOptions } from './client-session.js';
import { recordMessages } from './messages-recorder.js';
import type { SessionUser } from '../auth/session-auth.js';

export type { ClientData } from './client-body.js';

/** What a {@link Client} sends requests to: an Express app, or any Node request listener. */
export type ClientApp = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link Client}: what every request it makes shares. */
export interface ClientOptions {
  /** Headers sent with every request (Django's `Client(**defaults)` / `headers=`). */
  headers?: Record<string, string>;
  /** The host requests go to (the `Host` header, and the cookies' domain). @defaultValue 'testserver' (Django's) */
  host?: string;
  /**
   * The most bytes of one response body read before the request fails (an endless stream
   * otherwise never ends). @defaultValue 10 MiB
   */
  maxBodyBytes?: number;
  /** The most redirects `follow` takes before it fails (Django's is 20). @defaultValue 20 */
  maxRedirects?: number;
  /**
   * Check CSRF as a browser's request is checked (Django's `Client(enforce_csrf_checks=True)`);
   * by default the client's requests pass `csrfViewMiddleware()` and `csrfProtect` without a token.
   * @defaultValue false
   */
  enforceCsrfChecks?: boolean;
  /**
   * Seconds a request may wait for the app's response, and then for the end of its body,
   * before it fails with a {@link ClientTimeoutError} naming the likely cause (a handler
   * mounted without `view()`, a middleware that never calls `next()`); `Infinity` for none.
   * Jest gives a test 5 seconds unless told otherwise (`testTimeout`), so under jest's
   * default a shorter timeout here shows this message instead of jest's. @defaultValue 10
   */
  timeout?: number;
}

/** Options of one {@link Client} request. */
export interface ClientRequestOptions {
  /** Follow redirects (301, 302, 303, 307, 308) to the end: `response.redirectChain` lists them. @defaultValue false */
  follow?: boolean;
  /** Request headers (any casing); they override the client's. */
  headers?: Record<string, string>;
  /**
   * The body's content type. An object is POSTed as `multipart/form-data`, as Django's client
   * posts it (an Express app reads it with multer or busboy), unless this is
   * `application/x-www-form-urlencoded` (what `express.urlencoded()` reads) or
   * `application/json`; with another method it is sent as JSON. An object holding a `File` or
   * `Blob` is always multipart. @defaultValue 'multipart/form-data' for POST, 'application/json' otherwise
   */
  contentType?: string;
  /** Make an HTTPS request (`req.secure`, `req.protocol`; Django's `secure=True`). @defaultValue false */
  secure?: boolean;
}

/**
 * Django's `RedirectCycleError`: `follow` met a redirect loop, or more redirects than
 * {@link ClientOptions.maxRedirects}.
 */
export class RedirectCycleError extends Error {
  /** `'RedirectCycleError'`. */
  override name = 'RedirectCycleError';
  /** The last response received, with its `redirectChain`. */
  readonly lastResponse: TestResponse;

  /** @internal */
  constructor(message: string, lastResponse: TestResponse) {
    super(message);
    this.lastResponse = lastResponse;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MEBIBYTE = 1024 * 1024;

interface Sent {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payload: Buffer | undefined;
  /** Run on the request before the app sees it. */
  prepare?: (req: IncomingMessage) => void;
}

/** The methods `target`'s prototype defines itself, copied onto it, to outlive a later `setPrototypeOf`. */
function keepOwnPrototype(target: object): void {
  const descriptors = Object.getOwnPropertyDescriptors(Object.getPrototypeOf(target) as object);
  const { constructor: _constructor, ...methods } = descriptors as Record<string, PropertyDescriptor>;
  Object.defineProperties(target, methods);
}

/**
 * Django's test `Client` over an Express app: `await client.get('/books/')` sends the request
 * through the app, with no server and no port, and resolves to a {@link TestResponse}.
 * Cookies the app sets are kept for the next requests ({@link Client.cookies}); `follow`
 * follows redirects as Django does (307 and 308 keep the method and body, the others become
 * a GET); templates rendered through `res.render()`, `app.render()` or a `TemplateResponse`
 * are recorded (`response.templates`, `response.context`).
 *
 * @example
 * ```ts
 * const client = new Client(app);
 * await client.post('/login/', { username: 'ada', password: 'secret' });
 * const response = await client.get('/account/', undefined, { follow: true });
 * expect(response).toUseTemplate('account');
 * expect(response.context?.user).toMatchObject({ username: 'ada' });
 * ```
 */
export class Client {
  /** The cookie jar: what the app set, sent back on the next requests (tough-cookie's `CookieJar`). */
  readonly cookies: CookieJar = new CookieJar();
  readonly #app: ClientApp;
  readonly #headers: Record<string, string>;
  readonly #host: string;
  readonly #maxBodyBytes: number;
  readonly #maxRedirects: number;
  readonly #enforceCsrfChecks: boolean;
  readonly #timeout: number;

  /**
   * @param app - the Express app (or any `(req, res)` request listener) to send requests to.
   * @param options - what every request shares; see {@link ClientOptions}.
   * @throws TypeError when `app` is not a function, or an option is out of range.
   */
  constructor(app: ClientApp, options: ClientOptions = {}) {
    if (typeof app !== 'function') {
      throw new TypeError(
        `Client needs an Express app (what express() returns) or a request listener (got ${app === null ? 'null' : typeof app}).`,
      );
    }
    const { headers = {}, host = 'testserver', maxBodyBytes = 10 * MEBIBYTE, maxRedirects = 20 } = options;
    for (const [name, value] of [
      ['maxBodyBytes', maxBodyBytes],
      ['maxRedirects', maxRedirects],
    ] as const) {
      if (!Number.isInteger(value) || value < 0) {
        throw new TypeError(`Client option ${name} must be an integer >= 0 (got ${String(value)}).`);
      }
    }
    this.#app = app;
    this.#headers = headers;
    this.#host = host;
    this.#maxBodyBytes = maxBodyBytes;
    this.#maxRedirects = maxRedirects;
    this.#enforceCsrfChecks = options.enforceCsrfChecks === true;
    this.#timeout = checkTimeout(options.timeout ?? DEFAULT_TIMEOUT);
    recordRenders(app);
  }

  /** Set cookie `name` for the next requests (Django's `client.cookies[name] = value`), on the client's host. */
  setCookie(name: string, value: string, options: { path?: string; secure?: boolean } = {}): void {
    const { path = '/', secure = false } = options;
    this.cookies.setCookieSync(`${name}=${value}; Path=${path}`, `${secure ? 'https' : 'http'}://${this.#host}/`);
  }

  /** The value of cookie `name` the client would send to `path`, or `undefined`. */
  getCookie(name: string, path = '/'): string | undefined {
    return this.cookies.getCookiesSync(`https://${this.#host}${path}`).find((cookie) => cookie.key === name)?.value;
  }

  /** Django's `client.login(**credentials)`: signs in through `authenticationMiddleware()`'s `authenticate`; `false` for bad credentials. */
  login(credentials: Record<string, unknown>, options?: auth.ClientAuthOptions): Promise<boolean> {
    return auth.login(this.#probe, credentials, options);
  }

  /** Django's `client.force_login(user)`: signs `user` in for the next requests, with no credentials. */
  forceLogin(user: SessionUser, options?: auth.ForceLoginOptions): Promise<void> {
    return auth.forceLogin(this.#probe, user, options);
  }

  /** Django's `client.logout()`: flushes the session through the app, then forgets every cookie. */
  async logout(options?: auth.ClientAuthOptions): Promise<void> {
    await auth.logout(this.#probe, options);
    this.cookies.removeAllCookiesSync();
  }

  /**
   * Django's `client.session`: the session of the client's session cookie, read from the app's
   * own store (through a request to `/` that `sessionMiddleware()` answers); without a cookie, a
   * new one, saved so that the client has its cookie. Change it, then `await session.save()`:
   * the next requests see the change. See {@link Client.getSession} for another path.
   */
  get session(): Promise<ClientSession> {
    return this.getSession();
  }

  /** {@link Client.session} through a request to `options.path`. */
  getSession(options?: ClientSessionOptions): Promise<ClientSession> {
    return clientSession(this.#probe, (name, value) => this.#keepSessionCookie(name, value), options);
  }

  #keepSessionCookie(name: string, value: string | null): void {
    if (value !== null) this.setCookie(name, value);
    else this.cookies.setCookieSync(`${name}=; Max-Age=0; Path=/`, `http://${this.#host}/`);
  }

  readonly #probe: auth.ProbeSender = (path, prepare) =>
    this.#send(
      {
        method: 'GET',
        url: new URL(path, `http://${this.#host}`),
        headers: { ...this.#headers },
        payload: undefined,
        prepare,
      },
      [],
      [],
    );

  /** GET `path`, with `query` added to its query string. */
  get(path: string, query?: QueryData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('GET', path, { query, opts });
  }

  /** HEAD `path`, with `query` added to its query string. */
  head(path: string, query?: QueryData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('HEAD', path, { query, opts });
  }

  /** POST `data` to `path`: an object as `multipart/form-data`, as Django's client (or a form, or JSON; see {@link ClientRequestOptions.contentType}). */
  post(path: string, data?: ClientData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('POST', path, { data, opts });
  }

  /** PUT `data` to `path`. */
  put(path: string, data?: ClientData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('PUT', path, { data, opts });
  }

  /** PATCH `data` to `path`. */
  patch(path: string, data?: ClientData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('PATCH', path, { data, opts });
  }

  /** DELETE `path`, with an optional body `data`. */
  delete(path: string, data?: ClientData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('DELETE', path, { data, opts });
  }

  /** OPTIONS `path`, with an optional body `data`. */
  options(path: string, data?: ClientData, opts?: ClientRequestOptions): Promise<TestResponse> {
    return this.request('OPTIONS', path, { data, opts });
  }

  /**
   * A request with any method (Django's `generic()`).
   *
   * @throws TypeError for a path that does not start with `/`.
   * @throws RangeError for a body longer than {@link ClientOptions.maxBodyBytes}.
   * @throws RedirectCycleError when `follow` meets a loop or too many redirects.
   * @throws ClientTimeoutError when the app does not answer, or its body does not end, within {@link ClientOptions.timeout}.
   */
  async request(
    method: string,
    path: string,
    init: {
      query?: QueryData | undefined;
      data?: ClientData | undefined;
      opts?: ClientRequestOptions | undefined;
    } = {},
  ): Promise<TestResponse> {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`Client needs a path that starts with '/' (got ${JSON.stringify(path)}).`);
    }
    const opts = init.opts ?? {};
    const url = new URL(path, `${opts.secure === true ? 'https' : 'http'}://${this.#host}`);
    appendParams(url.searchParams, init.query ?? {});
    const headers: Record<string, string> = {};
    for (const source of [this.#headers, opts.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) headers[name.toLowerCase()] = String(value);
    }
    const { payload, contentType } = await encodeClientBody(
      init.data,
      opts.contentType ?? headers['content-type'],
      method.toUpperCase(),
    );
    if (contentType !== undefined) headers['content-type'] = contentType;
    const sent: Sent = { method: method.toUpperCase(), url, headers, payload };
    const response = await this.#send(sent, [], []);
    return opts.follow === true ? this.#follow(sent, response) : response;
  }

  /** Django's `_handle_redirects`: follow until a response is not a redirect. */
  async #follow(first: Sent, firstResponse: TestResponse): Promise<TestResponse> {
    const chain: RedirectHop[] = [];
    const urls: string[] = [];
    let sent = first;
    let response = firstResponse;
    while (REDIRECTS.has(response.statusCode) && response.headers.has('location')) {
      const location = response.headers.get('location') ?? '';
      chain.push([location, response.statusCode]);
      const target = new URL(location, sent.url);
      urls.push(target.href);
      const keepsMethod = response.statusCode === 307 || response.statusCode === 308;
      const headers = { ...sent.headers };
      if (!keepsMethod) {
        delete headers['content-type'];
        delete headers['content-length'];
      }
      sent =
        keepsMethod && sent.method !== 'GET' && sent.method !== 'HEAD'
          ? { ...sent, url: target, headers }
          : { method: keepsMethod ? sent.method : 'GET', url: target, headers, payload: undefined };
      response = await this.#send(sent, chain, urls);
      const last = chain.at(-1);
      if (last !== undefined && chain.slice(0, -1).some(([u, s]) => u === last[0] && s === last[1])) {
        throw new RedirectCycleError(
          `Redirect loop detected: ${chain.map(([u, s]) => `${s} ${u}`).join(' -> ')}.`,
          response,
        );
      }
      if (chain.length > this.#maxRedirects) {
        throw new RedirectCycleError(
          `Too many redirects: more than ${this.#maxRedirects} (${chain.map(([u]) => u).join(' -> ')}). If that many are expected, raise new Client(app, { maxRedirects }).`,
          response,
        );
      }
    }
    return response;
  }

  /** One request through the app; its cookies stored, its body read up to the cap. */
  async #send(sent: Sent, chain: RedirectHop[], urls: string[]): Promise<TestResponse> {
    const { url } = sent;
    const headers: Record<string, string> = { host: url.host, ...sent.headers };
    const cookie = this.cookies.getCookieStringSync(url.href);
    if (cookie !== '') headers.cookie = cookie;
    const templates: RenderedTemplate[] = [];
    const secure = url.protocol === 'https:';
    const app = this.#app;
    let served: ServerResponse | undefined;
    let servedRequest: IncomingMessage | undefined;
    const request = `${sent.method} ${url.pathname}${url.search}`;
    const giveUp = (): void => void served?.destroy();
    const injecting = lightMyRequest(
      (req, res) => {
        served = res;
        servedRequest = req;
        // Express reads req.connection (protocol, secure); light-my-request's getter for it warns.
        Object.defineProperty(req, 'connection', { configurable: true, get: () => req.socket });
        if (secure) (req.socket as { encrypted?: boolean }).encrypted = true;
        // Express's init middleware swaps req's and res's prototypes for the app's (Node's
        // types underneath), which would drop light-my-request's own write/end/writeHead
        // (and so the body): they are kept as the objects' own properties instead. Given an
        // Express app itself, light-my-request would instead re-parent Express's prototypes
        // for every app of that Express copy, supertest's servers included.
        keepOwnPrototype(req);
        keepOwnPrototype(res);
        // Marked on the request object, in this process: nothing the request carries can do it.
        if (!this.#enforceCsrfChecks) dontEnforceCsrfChecks(req);
        sent.prepare?.(req);
        // The templates rendered while this request is served are recorded into its own list.
        withRecording(templates, () => app(req, res));
      },
      {
        method: sent.method as 'GET',
        url: url.pathname + url.search,
        headers,
        payloadAsStream: true,
        ...(sent.payload === undefined ? {} : { payload: sent.payload }),
      },
    );
    const timeout = this.#timeout;
    const injected = await within(
      injecting,
      timeout,
      () => new ClientTimeoutError(timeoutMessage(request, timeout, 'head'), 'head'),
      giveUp,
    );
    const chunks = await within(
      this.#read(injected.stream(), injected.raw.res, sent),
      timeout,
      () => new ClientTimeoutError(timeoutMessage(request, timeout, 'body', injected.statusCode), 'body'),
      giveUp,
    );
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(injected.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(item));
    }
    for (const setCookie of responseHeaders.getSetCookie()) {
      this.cookies.setCookieSync(setCookie, url.href, { ignoreError: true });
    }
    const response = new TestResponse({
      statusCode: injected.statusCode,
      headers: responseHeaders,
      chunks,
      templates,
      request: { method: sent.method, url: url.href, app },
      redirectChain: [...chain],
      redirectUrls: [...urls],
    });
    if (servedRequest) recordMessages(response, servedRequest);
    return response;
  }

  /** The body's chunks, read to the end; past `maxBodyBytes`, the response is destroyed and the read fails. */
  async #read(stream: Readable, res: ServerResponse, sent: Sent): Promise<Buffer[]> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > this.#maxBodyBytes) {
        stream.destroy();
        // Closing the response is what a vanished client does: the app's stream stops.
        res.destroy();
        throw new RangeError(
          `Client read more than ${this.#maxBodyBytes} bytes of the body of ${sent.method} ${sent.url.pathname}${sent.url.search} without reaching its end (got ${length} bytes so far). For a longer body, raise new Client(app, { maxBodyBytes }).`,
        );
      }
      chunks.push(chunk);
    }
    return chunks;
  }
}
