/** How long a {@link Client} request may wait for the app, and the error that names why it did not answer. */

/** The default {@link ClientOptions.timeout}, in seconds. */
export const DEFAULT_TIMEOUT = 10;

// A test that waits longer than an hour is a unit mistake: milliseconds given for seconds.
const MAX_TIMEOUT = 3600;

/**
 * A {@link Client} request got no answer in time: no response at all (`stage` `'head'`), or a
 * body that did not end (`'body'`).
 */
export class ClientTimeoutError extends Error {
  /** `'ClientTimeoutError'`. */
  override readonly name: string = 'ClientTimeoutError';
  /** What was missing when the time ran out: the response, or the end of its body. */
  readonly stage: 'head' | 'body';

  /** @internal */
  constructor(message: string, stage: 'head' | 'body') {
    super(message);
    this.stage = stage;
  }
}

/**
 * `timeout` checked: seconds above 0, `Infinity` for none.
 *
 * @throws TypeError for anything else; RangeError above an hour (milliseconds, say), naming the seconds.
 */
export function checkTimeout(timeout: unknown): number {
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    throw new TypeError(
      `Client option timeout must be a number of seconds above 0, or Infinity for none (got ${String(timeout)}).`,
    );
  }
  if (timeout > MAX_TIMEOUT && timeout !== Infinity) {
    throw new RangeError(
      `Client option timeout is in seconds, at most ${MAX_TIMEOUT} (got ${timeout}): for ${timeout} milliseconds write { timeout: ${timeout / 1000} }.`,
    );
  }
  return timeout;
}

/** The message of a request that got no response, or whose body did not end, within `seconds`. */
export function timeoutMessage(request: string, seconds: number, stage: 'head' | 'body', status?: number): string {
  const within = `within ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const raise = `If the view is that slow, raise new Client(app, { timeout }) (seconds).`;
  if (stage === 'body') {
    return `${request} answered ${status ?? ''} but its body did not end ${within}: the Client reads a body to its end, so a stream that never ends (an event stream, say) holds it. ${raise}`;
  }
  return (
    `${request} got no response ${within}. The likely causes: ` +
    `a handler mounted without view() — an async function that returns a response nobody sends: mount it as app.get(path, view(handler)); ` +
    `a middleware that never calls next() nor ends the response. ${raise}`
  );
}

/**
 * `work`, or a rejection with `error()` when it has not settled within `seconds`; then
 * `giveUp()` runs (to close what the app still holds).
 */
export async function within<T>(work: Promise<T>, seconds: number, error: () => Error, giveUp: () => void): Promise<T> {
  if (seconds === Infinity) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      giveUp();
      reject(error());
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
