import type { IncomingHttpHeaders } from 'node:http';
import type { ResponseInit } from './response-base.js';
import { eventStreamBody, type EventSourceLike } from './event-stream-source.js';
import { describe } from './describe.js';
import { optionNames } from './init-validation.js';
import { StreamingHttpResponse } from './streaming-response.js';

export type { EventStreamItem, ServerSentEvent } from './event-stream-format.js';
export type { EventSourceLike } from './event-stream-source.js';

/** The options of an {@link EventStreamResponse}: a response's, less the content type, plus `heartbeatMs`. */
export interface EventStreamInit extends Omit<ResponseInit, 'contentType' | 'charset'> {
  /**
   * Milliseconds the events may be idle before a `:` comment line is sent, which keeps the
   * connection (and the proxies on the way) from timing out; 0 or none sends no heartbeat.
   * Only an async source is ever idle. @defaultValue none
   */
  heartbeatMs?: number;
  /**
   * The same as {@link EventStreamInit.heartbeatMs}, milliseconds, under the name the API first
   * had; kept for code written with it. Give one of the two. @defaultValue none
   */
  heartbeat?: number;
  /** An event stream is always UTF-8; `'utf-8'` is accepted, any other charset refused. @defaultValue `'utf-8'` */
  charset?: string;
}

const CONTENT_TYPE = 'text/event-stream; charset=utf-8';

function heartbeatOf(value: unknown): number | undefined {
  if (value === undefined || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new RangeError(
      `EventStreamResponse option heartbeatMs must be a number of milliseconds from 0 to 2147483647 (got ${describe(value)}).`,
    );
  }
  return value;
}

/**
 * Server-Sent Events (`text/event-stream`), for a browser's `EventSource`: each event of
 * `events` is written and flushed as it comes, even behind the `compression` middleware.
 *
 * `events` is a sync or async iterable (an async generator, say) of strings (the data) or
 * `{ data, event, id, retry }` objects; data that is not a string is sent as JSON, and each
 * line of it is its own `data:` line. The response is sent with `Cache-Control: no-cache`
 * and `X-Accel-Buffering: no` (nginx would hold the events back). When the first event is
 * not ready at once, a `:` comment opens the stream so the client gets the headers; with
 * `heartbeatMs`, another is sent whenever the events are idle that many milliseconds.
 *
 * When the client leaves, the source is released: an async generator's `finally` runs when
 * it next yields or awaits nothing; pass `requestSignal(req)` to what it awaits to stop it at once.
 *
 * @example
 * ```ts
 * app.get('/events/orders', view((req) => {
 *   const signal = requestSignal(req);
 *   return new EventStreamResponse(
 *     (async function* () {
 *       for await (const [order] of on(orders, 'created', { signal })) {
 *         yield { event: 'order', id: order.id, data: order };
 *       }
 *     })(),
 *     { heartbeatMs: 15_000 },
 *   );
 * }));
 * ```
 */
export class EventStreamResponse extends StreamingHttpResponse {
  static override readonly optionNames: ReadonlySet<string> = optionNames<EventStreamInit>()([
    'status',
    'reason',
    'charset',
    'headers',
    'heartbeatMs',
    'heartbeat',
  ]);

  /**
   * @param events - the events, strings or {@link ServerSentEvent}s.
   * @param init - the options: `status`, `reason`, `headers`, `heartbeatMs`.
   * @throws TypeError when `events` is not iterable or the options are not options (a
   *   `contentType`, a charset other than UTF-8, both `heartbeat` and `heartbeatMs`);
   *   RangeError for a bad `heartbeatMs`. A bad
   *   event throws when it is sent (before the headers, a clean error response; after, a cut).
   */
  constructor(events: EventSourceLike, init?: EventStreamInit) {
    if (init !== undefined && (typeof init !== 'object' || init === null || Array.isArray(init))) {
      throw new TypeError(
        `EventStreamResponse options must be an object such as { heartbeatMs: 15000 } (got ${describe(init)}).`,
      );
    }
    if (init?.heartbeat !== undefined && init.heartbeatMs !== undefined) {
      throw new TypeError(
        `EventStreamResponse takes heartbeatMs or its older name heartbeat, not both (got ${describe(init.heartbeat)} and ${describe(init.heartbeatMs)}): write { heartbeatMs: ${describe(init.heartbeatMs)} }.`,
      );
    }
    const { heartbeatMs: givenMs, heartbeat, charset, ...responseInit } = init ?? {};
    const heartbeatMs = givenMs ?? heartbeat;
    if ('contentType' in responseInit) {
      throw new TypeError(
        `EventStreamResponse has no option contentType: an event stream is always ${CONTENT_TYPE} (got ${describe(responseInit.contentType)}).`,
      );
    }
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      throw new TypeError(
        `EventStreamResponse charset must be utf-8: the event-stream format is always UTF-8 (got ${describe(charset)}).`,
      );
    }
    const body = eventStreamBody(events, heartbeatOf(heartbeatMs));
    super(body, { ...responseInit, contentType: CONTENT_TYPE });
    if (!this.has('Cache-Control')) this.set('Cache-Control', 'no-cache');
    if (!this.has('X-Accel-Buffering')) this.set('X-Accel-Buffering', 'no');
  }
}

/**
 * The `Last-Event-ID` a reconnecting `EventSource` sends: the `id` of the last event it got,
 * so the view can resume after it. `undefined` on a first connection (or an empty ID).
 *
 * @example
 * ```ts
 * const after = lastEventId(req); // '41' → send events 42 and on
 * ```
 */
export function lastEventId(req: { readonly headers: IncomingHttpHeaders }): string | undefined {
  const value = req.headers['last-event-id'];
  const id = Array.isArray(value) ? value[value.length - 1] : value;
  return id === undefined || id === '' ? undefined : id;
}
