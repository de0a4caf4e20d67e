/**
 * The body of an {@link EventStreamResponse}: the events serialized one chunk each, with a
 * comment opening the stream when the first event is not ready at once, and heartbeat
 * comments while the source is idle. Single pass; `return()` stops the source and every timer.
 */
import { HEARTBEAT, serializeEvent } from './event-stream-format.js';
import { describe } from './describe.js';

/** What an {@link EventStreamResponse} reads its events from. */
export type EventSourceLike = Iterable<unknown> | AsyncIterable<unknown>;

const IDLE = Symbol('idle');
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const ignore = (): void => {};

/** The events of a sync iterable, serialized as they are pulled: no timers, never idle. */
function syncEvents(source: Iterable<unknown>): Iterable<string> {
  return {
    [Symbol.iterator]: () => {
      const iterator = source[Symbol.iterator]();
      return {
        next: (): IteratorResult<string> => {
          const result = iterator.next();
          return result.done ? DONE : { done: false, value: serializeEvent(result.value) };
        },
        return: (): IteratorResult<string> => {
          iterator.return?.();
          return DONE;
        },
      };
    },
  };
}

/**
 * The events of an async iterable. The first pull waits one turn of the event loop for the
 * first event (so a source that fails at once still gets a clean error response) and else
 * sends a comment, so the client has the headers (EventSource's `open`) without waiting for
 * an event. Then, with `heartbeatMs`, each pull that waits that long for the next event
 * sends a comment instead and keeps waiting for the same event on the next pull.
 */
function asyncEvents(source: AsyncIterable<unknown>, heartbeatMs: number | undefined): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => {
      const iterator = source[Symbol.asyncIterator]();
      let pending: Promise<IteratorResult<unknown>> | undefined;
      let opened = false;
      let stopped = false;
      let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
      let wake: ((value: typeof IDLE) => void) | undefined;
      const clear = (): void => {
        if (timer !== undefined) {
          if (opened) clearTimeout(timer as NodeJS.Timeout);
          else clearImmediate(timer as NodeJS.Immediate);
        }
        timer = undefined;
        wake = undefined;
      };
      const idle = (): Promise<typeof IDLE> | undefined => {
        if (opened && heartbeatMs === undefined) return undefined;
        return new Promise((resolve) => {
          wake = resolve;
          const fire = (): void => {
            timer = undefined;
            resolve(IDLE);
          };
          timer = opened ? setTimeout(fire, heartbeatMs) : setImmediate(fire);
        });
      };
      return {
        next: async (): Promise<IteratorResult<string>> => {
          if (stopped) return DONE;
          if (pending === undefined) {
            pending = Promise.resolve(iterator.next());
            // The wait may lose a race and the client leave before the event comes: a
            // rejection then must not be unhandled. Awaiting `pending` still throws it.
            pending.catch(ignore);
          }
          const wait = idle();
          const result = wait === undefined ? await pending : await Promise.race([pending, wait]);
          clear();
          opened = true;
          if (stopped) return DONE;
          if (result === IDLE) return { done: false, value: HEARTBEAT };
          pending = undefined;
          if (result.done) {
            stopped = true;
            return DONE;
          }
          return { done: false, value: serializeEvent(result.value) };
        },
        return: async (): Promise<IteratorResult<string>> => {
          stopped = true;
          const waiting = wake;
          clear();
          waiting?.(IDLE);
          pending = undefined;
          // An async generator that is running queues the return() until it next yields.
          await iterator.return?.();
          return DONE;
        },
      };
    },
  };
}

/**
 * Open `events` as event-stream text: a sync iterable stays sync, anything async iterable
 * (an async generator, a Node object-mode `Readable`, a web `ReadableStream`) becomes async.
 *
 * @throws TypeError when `events` is not iterable.
 */
export function eventStreamBody(
  events: unknown,
  heartbeatMs: number | undefined,
): Iterable<string> | AsyncIterable<string> {
  if (typeof events === 'object' && events !== null) {
    if (typeof (events as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      return asyncEvents(events as AsyncIterable<unknown>, heartbeatMs);
    }
    if (typeof (events as Iterable<unknown>)[Symbol.iterator] === 'function') {
      return syncEvents(events as Iterable<unknown>);
    }
  }
  throw new TypeError(
    `EventStreamResponse events must be an iterable or an async iterable (an async generator, say) of strings or { data, event, id, retry } objects (got ${describe(events)}).`,
  );
}
