/**
 * Serializing server-sent events as the HTML Living Standard's `text/event-stream` grammar
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream):
 *
 *     event  = *( comment / field ) end-of-line
 *     field  = 1*name-char [ colon [ space ] *any-char ] end-of-line
 *     end-of-line = ( cr lf / cr / lf )
 *
 * Every line is ended with LF alone; a CR, LF or CRLF inside `data` starts a new `data:` line,
 * so the client's `MessageEvent.data` is the text given with its line breaks as LF.
 */
import { describe } from './describe.js';
import { isPlainObject } from './plain-object.js';

/** One server-sent event, as the fields of the event-stream format. */
export interface ServerSentEvent {
  /**
   * The event's data, the client's `MessageEvent.data`: a string is sent as it is (each of its
   * lines a `data:` line), any other value as its JSON. An event without data dispatches nothing
   * on the client (it may still set `id` or `retry`).
   */
  data?: unknown;
  /** The event type (`addEventListener(type)` on the client). @defaultValue `'message'` */
  event?: string;
  /** The event ID, which the client sends back as `Last-Event-ID` when it reconnects. */
  id?: string | number;
  /** The client's reconnection time in milliseconds, a non-negative integer. */
  retry?: number;
}

/** An event of an {@link EventStreamResponse}: its data as a string, or a {@link ServerSentEvent}. */
export type EventStreamItem = string | ServerSentEvent;

/** A comment line: ignored by the client, it keeps the connection and the proxies in between awake. */
export const HEARTBEAT = ':\n';

const EVENT_FIELDS: ReadonlySet<string> = new Set(['data', 'event', 'id', 'retry']);

const LINE_BREAK = /\r\n|\r|\n/;
const HAS_LINE_BREAK = /[\r\n]/;

/** `data:` lines for `text`, one per line of it (CR, LF and CRLF all end a line). */
function dataLines(text: string): string {
  let out = '';
  for (const line of text.split(LINE_BREAK)) out += line === '' ? 'data:\n' : `data: ${line}\n`;
  return out;
}

function dataText(data: unknown): string {
  if (typeof data === 'string') return data;
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (err) {
    throw new TypeError(`EventStreamResponse can't encode the event's data as JSON (got ${describe(data)}).`, {
      cause: err,
    });
  }
  if (json === undefined) {
    throw new TypeError(
      `EventStreamResponse can't encode the event's data as JSON (got ${describe(data)}); pass a string or a JSON value.`,
    );
  }
  return json;
}

function singleLine(field: 'event' | 'id', value: unknown): string {
  const text = typeof value === 'number' && field === 'id' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    throw new TypeError(
      `EventStreamResponse event field ${field} must be a string${field === 'id' ? ' or a number' : ''} (got ${describe(value)}).`,
    );
  }
  if (HAS_LINE_BREAK.test(text)) {
    throw new TypeError(
      `EventStreamResponse event field ${field} can't contain a line break, which would end the field (got ${JSON.stringify(text)}); send multi-line text as data.`,
    );
  }
  if (field === 'id' && text.includes('\0')) {
    throw new TypeError(
      `EventStreamResponse event id can't contain NUL, which makes the client ignore it (got ${JSON.stringify(text)}).`,
    );
  }
  return text;
}

function retryField(value: unknown): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `EventStreamResponse event field retry must be a non-negative integer of milliseconds (got ${describe(value)}).`,
    );
  }
  return `retry: ${String(value)}\n`;
}

/**
 * One event as event-stream text, ended by its blank line.
 *
 * @throws TypeError for an item that is neither a string nor a {@link ServerSentEvent}, an
 *   unknown field, an `event` or `id` with a line break (or an `id` with NUL), data JSON
 *   can't encode; RangeError for a `retry` that is not a non-negative integer.
 */
export function serializeEvent(item: unknown): string {
  if (typeof item === 'string') return `${dataLines(item)}\n`;
  if (!isPlainObject(item)) {
    throw new TypeError(
      `EventStreamResponse events must be strings or { data, event, id, retry } objects (got ${describe(item)}); to send an object as JSON, pass { data: object }.`,
    );
  }
  let out = '';
  for (const key in item) {
    if (!EVENT_FIELDS.has(key)) {
      throw new TypeError(
        `EventStreamResponse events have no field ${JSON.stringify(key)}: the fields are data, event, id and retry (got ${describe(item)}).`,
      );
    }
  }
  const { data, event, id, retry } = item;
  if (id !== undefined) {
    const text = singleLine('id', id);
    out += text === '' ? 'id:\n' : `id: ${text}\n`;
  }
  if (event !== undefined) {
    const text = singleLine('event', event);
    out += text === '' ? 'event:\n' : `event: ${text}\n`;
  }
  if (retry !== undefined) out += retryField(retry);
  if (data !== undefined) out += dataLines(dataText(data));
  if (out === '') {
    throw new TypeError(
      'EventStreamResponse event has none of data, event, id and retry (got {}); give it at least data.',
    );
  }
  return `${out}\n`;
}
