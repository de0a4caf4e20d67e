/**
 * One way to read a status, a header and the body of whatever a test holds: one of this
 * package's responses, a supertest (superagent) response, or a web `Response`.
 */
import { decodeText } from '../http/charset.js';
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';
import type { HttpResponse } from '../http/response.js';
import type { StreamingHttpResponse } from '../http/streaming-response.js';

/** A response as a client sees it: what supertest and superagent return. */
export interface ClientResponse {
  /** The HTTP status code. */
  status: number;
  /** The response headers: names in lower case (Node's `IncomingHttpHeaders`), or a web `Headers` (the test `Client`'s). */
  headers: Record<string, string | string[] | number | undefined> | Headers;
  /** The body as text, when the client decoded it (superagent does for text, JSON and forms). */
  text?: string;
  /** The parsed body; a `Buffer` for bodies superagent buffered as binary. */
  body?: unknown;
}

/** What the matchers accept: one of this package's responses, a {@link ClientResponse} or a web `Response`. */
export type TestedResponse = HttpResponseBase | ClientResponse | globalThis.Response;

function isWebResponse(value: unknown): value is globalThis.Response {
  return typeof globalThis.Response === 'function' && value instanceof globalThis.Response;
}

function isClientResponse(value: unknown): value is ClientResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ClientResponse).status === 'number' &&
    typeof (value as ClientResponse).headers === 'object' &&
    (value as ClientResponse).headers !== null
  );
}

/** Whether `value` is something the matchers can read. */
export function isTestedResponse(value: unknown): value is TestedResponse {
  return isHttpResponse(value) || isWebResponse(value) || isClientResponse(value);
}

/** The status code of `response`, whichever kind it is. */
export function statusOf(response: TestedResponse): number {
  return isHttpResponse(response) ? response.statusCode : response.status;
}

/** The value of header `name` (any casing) of `response`, list values joined with `, `. */
export function headerOf(response: TestedResponse, name: string): string | undefined {
  if (isHttpResponse(response)) return response.get(name);
  if (isWebResponse(response)) return response.headers.get(name) ?? undefined;
  const { headers } = response;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

const CLOSED_BODY = new WeakMap<object, string>();

/** A template response (`SimpleTemplateResponse`, `TemplateResponse`) whose template is not rendered yet. */
interface UnrenderedTemplateResponse extends HttpResponseBase {
  readonly isRendered: false;
  readonly templateName: unknown;
  render(): Promise<unknown>;
}

/** Whether `response` is a template response not rendered yet, as Django's assertContains asks (`render` and `not is_rendered`). */
export function isUnrendered(response: TestedResponse): response is UnrenderedTemplateResponse {
  const candidate = response as unknown as Partial<UnrenderedTemplateResponse>;
  return isHttpResponse(response) && typeof candidate.render === 'function' && candidate.isRendered === false;
}

/**
 * Render a template response the view returned unrendered (from a view called with a
 * `RequestFactory` request, which no `view()` renders), as Django's `assertContains` does.
 *
 * @throws Error saying the matcher rendered it, when rendering fails.
 */
async function renderForTest(response: UnrenderedTemplateResponse): Promise<void> {
  try {
    await response.render();
  } catch (err) {
    // An engine's error may come from another realm (jest's sandbox), where instanceof Error fails.
    const message = (err as { message?: unknown } | null)?.message;
    const reason = (typeof message === 'string' ? message : String(err)).replace(/\.?$/, '.');
    throw new Error(
      `The ${response.constructor.name} for ${JSON.stringify(response.templateName)} was not rendered, so the matcher rendered it, as Django's assertContains does, and rendering failed: ${reason} ` +
        `A request from RequestFactory renders with its app: make it with the app that has the view engine, new RequestFactory({ app }).`,
      { cause: err },
    );
  }
}

/**
 * The body of `response` as text. A template response not rendered yet is rendered first (as
 * Django's `assertContains` renders it). A streaming response is read to its end (as Django's
 * `b''.join(response.streaming_content)`) and then closed; what it held is remembered, so
 * a second matcher on the same response reads the same text.
 */
export async function textOf(response: TestedResponse): Promise<string> {
  if (isHttpResponse(response)) {
    if (isUnrendered(response)) await renderForTest(response);
    const remembered = CLOSED_BODY.get(response);
    if (remembered !== undefined) return remembered;
    if (!response.streaming) return decodeText((response as HttpResponse).content, response.charset);
    let bytes: Buffer;
    try {
      bytes = await (response as StreamingHttpResponse).agetvalue();
    } finally {
      response.close();
    }
    const text = decodeText(bytes, response.charset);
    CLOSED_BODY.set(response, text);
    return text;
  }
  if (isWebResponse(response)) {
    const remembered = CLOSED_BODY.get(response);
    if (remembered !== undefined) return remembered;
    const text = await response.text();
    CLOSED_BODY.set(response, text);
    return text;
  }
  if (typeof response.text === 'string') return response.text;
  if (Buffer.isBuffer(response.body)) return response.body.toString('utf8');
  return '';
}
