/**
 * `RequestFactory`: Django's `RequestFactory` for Express — requests to call a view with,
 * no server, no port.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
// light-my-request (Fastify's `inject`) builds a real `http.IncomingMessage`-compatible
// request — a Readable with headers, rawHeaders, a socket, a body — and a real
// `http.ServerResponse`, so Express's own `req`/`res` methods and this package's writers run
// on them unchanged; node-mocks-http's hand-made objects are neither streams nor Node's types.
import lightMyRequest from 'light-my-request';
import { sign } from 'cookie-signature';
import { appendParams, encodeBody, parseBody, type RequestData } from './request-body.js';

export type { RequestData } from './request-body.js';

/** A request made by {@link RequestFactory}: an Express `Request` whose `res` is always set. */
export type FactoryRequest<P = Request['params']> = Request<P> & {
  /** A matching Express `Response` (not sent anywhere), for views that take `res`. */
  res: Response;
};

/** Options of {@link RequestFactory}: what every request it makes shares. */
export interface RequestFactoryOptions {
  /**
   * The Express app the requests belong to: its settings (`query parser`, `trust proxy`,
   * view engine for `render()`) and its `app.request`/`app.response` extensions apply, and
   * `req.app` is this app. @defaultValue a new `express()` app of the project's Express
   */
  app?: Express;
  /** Headers sent with every request (Django's `RequestFactory(**defaults)`). */
  headers?: Record<string, string>;
  /**
   * The cookie-parser secret: `req.secret`, and what {@link RequestOptions.signedCookies}
   * are signed with, so `res.cookie(..., { signed: true })` and `setSignedCookie()` work.
   */
  secret?: string;
  /** The `Host` header. @defaultValue 'testserver' (Django's) */
  host?: string;
}

/**
 * Options of one request.
 *
 * @typeParam P - the route parameters' type, inferred from `params`.
 */
export interface RequestOptions<P = Record<string, string>> {
  /** Route parameters: `req.params` (typed by them: `{ params: { id: '7' } }` gives `req.params.id: string`). */
  params?: P;
  /** Cookies: sent in the `Cookie` header and parsed into `req.cookies`, as cookie-parser does. */
  cookies?: Record<string, string>;
  /** Signed cookies: signed with the factory's `secret`, sent, and verified into `req.signedCookies`. */
  signedCookies?: Record<string, string>;
  /** Request headers (any casing); they override the factory's. */
  headers?: Record<string, string>;
  /**
   * The body's content type. An object is POSTed as `multipart/form-data`, as Django's
   * `RequestFactory` posts it, unless this is `application/x-www-form-urlencoded` or
   * `application/json`; with another method it is sent as JSON. It also decides `req.body`, as
   * Express's parsers would leave it: multipart fields as multer leaves them,
   * `application/json` parsed (`express.json()`), a form parsed with the app's query parser
   * (`express.urlencoded()`), `text/*` a string in its charset (`express.text()`), anything
   * else a `Buffer` (`express.raw()`). @defaultValue 'multipart/form-data' for an object
   * POSTed, 'application/json' for an object with another method, 'text/plain; charset=utf-8'
   * for a string, 'application/octet-stream' for bytes
   */
  contentType?: string;
  /** Make an HTTPS request: `req.secure` and `req.protocol` say so (Django's `secure=True`). */
  secure?: boolean;
}

/** A query: values are strings (or lists of them, sent as repeated parameters). */
export type QueryData = Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>;

interface Layers {
  request: object;
  response: object;
}

/**
 * `app.request` (or `app.response`) flattened onto `base`: Express's methods on top of
 * light-my-request's request (or response), instead of on top of Node's, whose internals
 * expect a real socket.
 */
function expressPrototype(appPrototype: object, nodePrototype: object, base: object): object {
  const layers: object[] = [];
  for (
    let proto: object | null = appPrototype;
    proto && proto !== nodePrototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    layers.unshift(proto);
  }
  const flattened = Object.create(base) as object;
  for (const layer of layers) Object.defineProperties(flattened, Object.getOwnPropertyDescriptors(layer));
  return flattened;
}

/**
 * Django's `RequestFactory`: requests to call a view with directly — no server, no port. A
 * request has Express's whole `req` API (`req.get()`, `req.query`, `req.params`, `req.is()`,
 * `req.cookies`, `req.signedCookies`, `req.secret`, `req.body`, ...) and a matching `req.res`;
 * a view called with it returns its response object, ready for the matchers.
 *
 * Express is the project's own (a peer dependency), 4 or 5; pass `{ app }` to make requests
 * of a particular app (its settings apply, `req.app` is it).
 *
 * @example
 * ```ts
 * const rf = new RequestFactory();
 * const req = rf.get('/books/7', { format: 'json' }, { params: { id: '7' } });
 * const response = await bookDetail(req, req.res);
 * expect(response).toHaveStatus(200);
 * ```
 */
export class RequestFactory {
  readonly #app: Express;
  readonly #headers: Record<string, string>;
  readonly #secret: string | undefined;
  readonly #host: string;

  /** @param options - what every request shares; see {@link RequestFactoryOptions}. */
  constructor(options: RequestFactoryOptions = {}) {
    const { app = express(), headers = {}, secret, host = 'testserver' } = options;
    if (typeof app !== 'function' || typeof (app as Partial<Layers>).request !== 'object') {
      throw new TypeError('RequestFactory option app must be an Express app (what express() returns).');
    }
    if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
      throw new TypeError('RequestFactory option secret must be a non-empty string.');
    }
    this.#app = app;
    this.#headers = headers;
    this.#secret = secret;
    this.#host = host;
  }

  /** The app the requests belong to (`req.app`). */
  get app(): Express {
    return this.#app;
  }

  /** A GET request for `path`, with `query` added to its query string. */
  get<P extends object = Request['params']>(
    path: string,
    query?: QueryData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('GET', path, query, undefined, opts);
  }

  /** A HEAD request for `path`, with `query` added to its query string. */
  head<P extends object = Request['params']>(
    path: string,
    query?: QueryData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('HEAD', path, query, undefined, opts);
  }

  /** A POST request for `path` with body `data` (an object as `multipart/form-data`, as Django's; see {@link RequestOptions.contentType}). */
  post<P extends object = Request['params']>(
    path: string,
    data?: RequestData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('POST', path, undefined, data, opts);
  }

  /** A PUT request for `path` with body `data`. */
  put<P extends object = Request['params']>(
    path: string,
    data?: RequestData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('PUT', path, undefined, data, opts);
  }

  /** A PATCH request for `path` with body `data`. */
  patch<P extends object = Request['params']>(
    path: string,
    data?: RequestData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('PATCH', path, undefined, data, opts);
  }

  /** A DELETE request for `path`, with an optional body `data`. */
  delete<P extends object = Request['params']>(
    path: string,
    data?: RequestData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('DELETE', path, undefined, data, opts);
  }

  /** An OPTIONS request for `path`, with an optional body `data`. */
  options<P extends object = Request['params']>(
    path: string,
    data?: RequestData,
    opts?: RequestOptions<P>,
  ): FactoryRequest<P> {
    return this.request<P>('OPTIONS', path, undefined, data, opts);
  }

  /**
   * A request with any method (Django's `generic()`).
   *
   * @throws TypeError for a path that does not start with `/`, or signed cookies without a secret.
   * @throws SyntaxError for data that is not JSON under an `application/json` content type.
   */
  request<P extends object = Request['params']>(
    method: string,
    path: string,
    query?: QueryData,
    data?: RequestData,
    opts: RequestOptions<P> = {},
  ): FactoryRequest<P> {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`RequestFactory needs a path that starts with '/' (got ${JSON.stringify(path)}).`);
    }
    const url = new URL(path, 'http://testserver');
    appendParams(url.searchParams, query ?? {});
    const headers: Record<string, string> = { host: this.#host };
    for (const source of [this.#headers, opts.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) headers[name.toLowerCase()] = String(value);
    }
    const { payload, contentType } = encodeBody(
      data,
      opts.contentType ?? headers['content-type'],
      method.toUpperCase(),
    );
    if (contentType !== undefined && (opts.contentType !== undefined || headers['content-type'] === undefined)) {
      headers['content-type'] = contentType;
    }
    const body =
      payload === undefined
        ? undefined
        : parseBody(
            payload,
            headers['content-type'] ?? '',
            this.#app.get('query parser fn') as ((text: string) => unknown) | undefined,
          );

    const cookies = { ...opts.cookies };
    const signedCookies = { ...opts.signedCookies };
    const sent: Record<string, string> = { ...cookies };
    if (Object.keys(signedCookies).length > 0) {
      const secret = this.#secret;
      if (secret === undefined) {
        throw new TypeError('RequestFactory needs a secret to sign cookies: new RequestFactory({ secret }).');
      }
      // cookie-parser's format: 's:' + cookie-signature's signature.
      for (const [name, value] of Object.entries(signedCookies)) sent[name] = `s:${sign(value, secret)}`;
    }

    let made: [IncomingMessage, ServerResponse] | undefined;
    // With a callback, light-my-request builds the request and calls the dispatch function
    // synchronously (without one, it starts on the next tick); the callback runs when a
    // view writes `res` to its end, and nothing waits for it.
    lightMyRequest(
      (req, res) => {
        made = [req, res];
      },
      {
        method: method.toUpperCase() as 'GET',
        url: url.pathname + url.search,
        headers,
        ...(Object.keys(sent).length > 0 ? { cookies: sent } : {}),
        ...(payload === undefined ? {} : { payload }),
      },
      () => {},
    );
    if (made === undefined) throw new Error('light-my-request did not make a request synchronously.');
    const [req, res] = made;
    return this.#expressify<P>(req, res, {
      url,
      cookies,
      signedCookies,
      body,
      secure: opts.secure === true,
      params: opts.params,
    });
  }

  /** What Express's init middleware (and cookie-parser) would do to `req` and `res`. */
  #expressify<P>(
    req: IncomingMessage,
    res: ServerResponse,
    extra: {
      url: URL;
      cookies: Record<string, string>;
      signedCookies: Record<string, string>;
      body: unknown;
      secure: boolean;
      params: P | undefined;
    },
  ): FactoryRequest<P> {
    const app = this.#app as unknown as Layers & Express;
    const reqProto = expressPrototype(app.request, IncomingMessage.prototype, Object.getPrototypeOf(req) as object);
    const resProto = expressPrototype(app.response, ServerResponse.prototype, Object.getPrototypeOf(res) as object);
    Object.setPrototypeOf(req, reqProto);
    Object.setPrototypeOf(res, resProto);
    const request = req as unknown as FactoryRequest<P> & Record<string, unknown>;
    const response = res as unknown as Response;
    request.res = response;
    (res as unknown as { req: unknown }).req = request;
    response.locals = Object.create(null) as Record<string, unknown>;
    // Express reads req.connection (protocol, secure); light-my-request's getter for it warns.
    Object.defineProperty(request, 'connection', { configurable: true, get: () => req.socket });
    if (extra.secure) (req.socket as { encrypted?: boolean }).encrypted = true;
    request.originalUrl = req.url ?? '/';
    request.baseUrl = '';
    request.params = extra.params ?? ({} as P);
    // Express 5 parses the query in a getter; Express 4 in its `query` middleware, with the
    // app's compiled `query parser fn`.
    if (typeof Object.getOwnPropertyDescriptor(reqProto, 'query')?.get !== 'function') {
      const parse = app.get('query parser fn') as ((query: string) => unknown) | undefined;
      request.query = (parse ? parse(extra.url.search.slice(1)) : {}) as Request['query'];
    }
    request.cookies = extra.cookies;
    request.signedCookies = extra.signedCookies;
    if (this.#secret !== undefined) request.secret = this.#secret;
    if (extra.body !== undefined) request.body = extra.body;
    return request;
  }
}
