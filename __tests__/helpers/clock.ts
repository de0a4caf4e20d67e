/**
 * `make()` run with the clock (`Date.now()`) at `seconds` since the epoch, then the clock set
 * back: a value signed then carries that timestamp, as Django's tests sign under a patched
 * `time.time`. Only for synchronous code: nothing else runs meanwhile.
 */
export function signedAt<T>(seconds: number, make: () => T): T {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(seconds * 1000);
  try {
    return make();
  } finally {
    clock.mockRestore();
  }
}
