/**
 * Keeps a failing cache store from failing or holding up requests: every call is given a
 * deadline, a failure is reported once per outage, and for a second after a failure the
 * store is not asked at all (a Redis client that is reconnecting queues commands instead of
 * failing them, so each call would wait out its deadline).
 */

/** How long the store is left alone after it failed, in milliseconds. */
export const RETRY_AFTER_MS = 1000;

/** What a guarded call gave: its value, or that the store failed. */
export type Guarded<T> = { ok: true; value: T } | { ok: false };

const FAILED: Guarded<never> = Object.freeze({ ok: false });

/** What the deadline resolves to: no store answers this. */
const TIMED_OUT = Symbol('timed out');

/** One store's health, as the calls through it saw it. */
export class StoreGuard {
  #failedAt = Number.NEGATIVE_INFINITY;
  #reported = false;

  /**
   * @param timeout - seconds a call may take.
   * @param report - told of the first failure of each outage.
   */
  constructor(
    private readonly timeout: number,
    private readonly report: (err: unknown) => void,
  ) {}

  /** Whether the store failed less than {@link RETRY_AFTER_MS} ago: then skip it. */
  get resting(): boolean {
    return Date.now() - this.#failedAt < RETRY_AFTER_MS;
  }

  /** Record that the store answered (a hit, a stored page): a later failure is a new outage. */
  recovered(): void {
    this.#reported = false;
  }

  /** Record a failure: reported only if it starts an outage. */
  fail(err: unknown): void {
    this.#failedAt = Date.now();
    if (this.#reported) return;
    this.#reported = true;
    try {
      this.report(err);
    } catch {
      // A reporter that throws must not turn a cache failure into a failed request.
    }
  }

  /** Run `op` within the deadline; a rejection or a timeout is a failure (recorded here). */
  async run<T>(what: string, op: () => Promise<T>): Promise<Guarded<T>> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.timeout * 1000);
      timer.unref();
    });
    try {
      const value = await Promise.race([op(), deadline]);
      if (value === TIMED_OUT) {
        this.fail(new Error(`the cache store did not answer a ${what} within ${this.timeout} s (storeTimeout)`));
        return FAILED;
      }
      return { ok: true, value };
    } catch (err) {
      this.fail(err);
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }
}
