/** What {@link Client} resolves to: the response as the client received it, and what the view rendered. */
import type { RenderedTemplate } from './template-recorder.js';

/** One followed redirect: the `Location` as the app sent it, and the status (Django's `redirect_chain` entry). */
export type RedirectHop = [url: string, status: number];

/** The request a {@link TestResponse} answers. */
export interface ClientRequestInfo {
  /** The method sent. */
  readonly method: string;
  /** The absolute URL requested, e.g. `http://testserver/books/?page=2`. */
  readonly url: string;
  /** The app that answered (what `toRedirectTo(..., { fetchRedirectResponse: true })` fetches from). */
  readonly app: unknown;
}

/** What {@link TestResponse}'s constructor takes. */
export interface TestResponseInit {
  /** The status code. */
  statusCode: number;
  /** The headers received. */
  headers: Headers;
  /** The body, as the chunks read. */
  chunks: Buffer[];
  /** The templates rendered. */
  templates: RenderedTemplate[];
  /** The request answered. */
  request: ClientRequestInfo;
  /** The redirects followed. */
  redirectChain: RedirectHop[];
  /** Each hop's URL, absolute. */
  redirectUrls: string[];
}

function charsetOf(contentType: string | null): string {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
}

/**
 * A response received by {@link Client}: Django's test-client response. Besides the status,
 * headers and body, it knows the templates the view rendered (`templates`, `context`) and,
 * after `follow`, the redirects that led to it (`redirectChain`). The package's matchers read it.
 */
export class TestResponse {
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The response headers (`headers.get('content-type')`; `headers.getSetCookie()` for cookies). */
  readonly headers: Headers;
  /**
   * The templates rendered while the request was served, in order (Django's
   * `response.templates`): through `res.render()`, `app.render()` or a `TemplateResponse`.
   */
  readonly templates: readonly RenderedTemplate[];
  /** The request this answers (the last one, after `follow`). */
  readonly request: ClientRequestInfo;
  /** The redirects followed to get here, `[url, status]` each (empty without `follow`). */
  readonly redirectChain: readonly RedirectHop[];
  /** The URLs of the redirects followed, absolute (superagent's `redirects`, which `toRedirectTo` reads). */
  readonly redirects: readonly string[];
  readonly #chunks: Buffer[];
  #content: Buffer | undefined;

  /** @internal Made by {@link Client}. */
  constructor(init: TestResponseInit) {
    this.statusCode = init.statusCode;
    this.headers = init.headers;
    this.#chunks = init.chunks;
    this.templates = init.templates;
    this.request = init.request;
    this.redirectChain = init.redirectChain;
    this.redirects = init.redirectUrls;
  }

  /** The status code again, under the name supertest (and the matchers) read. */
  get status(): number {
    return this.statusCode;
  }

  /** Header `name` (any casing), or `undefined` (Django's `response[name]` / `response.get(name)`). */
  get(name: string): string | undefined {
    return this.headers.get(name) ?? undefined;
  }

  /** Whether the body came without a `Content-Length` (streamed in chunks, as a `StreamingHttpResponse`'s). */
  get streaming(): boolean {
    return !this.headers.has('content-length');
  }

  /** The body's bytes. */
  get content(): Buffer {
    this.#content ??= Buffer.concat(this.#chunks);
    return this.#content;
  }

  /** The body as the app wrote it, chunk by chunk, read to its end (Django's `streaming_content`). */
  get streamingContent(): readonly Buffer[] {
    return this.#chunks;
  }

  /** The body as text, decoded with the `Content-Type`'s charset (UTF-8 by default). */
  get text(): string {
    return new TextDecoder(charsetOf(this.headers.get('content-type'))).decode(this.content);
  }

  /**
   * The body parsed as JSON (Django's `response.json()`).
   *
   * @throws TypeError when the response's `Content-Type` is not JSON.
   */
  json(): unknown {
    const type = this.headers.get('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(type)) {
      throw new TypeError(`Content-Type header is "${type}", not "application/json" (${this.request.url}).`);
    }
    return JSON.parse(this.text) as unknown;
  }

  /**
   * The context the templates were rendered with, merged (Django's `response.context`: a key
   * is looked up in the first template that had it), or `undefined` when none was rendered.
   */
  get context(): Readonly<Record<string, unknown>> | undefined {
    if (this.templates.length === 0) return undefined;
    const merged: Record<string, unknown> = {};
    for (const template of [...this.templates].reverse()) Object.assign(merged, template.context);
    return merged;
  }
}
