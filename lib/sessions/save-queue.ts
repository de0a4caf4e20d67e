/**
 * Concurrent requests on one session, in one process: their saves of a key run one at a time,
 * and each save knows whether another was saved since its own data was read (then it merges
 * its changes into what is stored now, rather than overwrite them: see `Session.save`).
 * Django saves the whole dict it read, so of two concurrent requests the later save wins.
 */
import type { SessionStore } from './store.js';

interface KeyState {
  /** How many saves of this key this process has completed. */
  version: number;
  /** The last save queued: the next one waits for it. */
  tail: Promise<unknown>;
  /** When the state was last used, for pruning (ms since the epoch). */
  usedAt: number;
}

/** Keep a key's state this long after its last use; older ones are dropped on the next prune. */
const KEEP_MS = 5 * 60_000;
/** Prune when a store has this many keys' states. */
const PRUNE_AT = 10_000;

const states = new WeakMap<SessionStore, Map<string, KeyState>>();

function stateOf(store: SessionStore, key: string): KeyState {
  let byKey = states.get(store);
  if (byKey === undefined) states.set(store, (byKey = new Map<string, KeyState>()));
  let state = byKey.get(key);
  if (state === undefined) {
    if (byKey.size >= PRUNE_AT) prune(byKey);
    byKey.set(key, (state = { version: 0, tail: Promise.resolve(), usedAt: Date.now() }));
  }
  state.usedAt = Date.now();
  return state;
}

function prune(byKey: Map<string, KeyState>): void {
  const before = Date.now() - KEEP_MS;
  for (const [key, state] of byKey) if (state.usedAt < before) byKey.delete(key);
}

/** How many saves of `key` through `store` this process completed: read it before reading the session. */
export function savedVersion(store: SessionStore, key: string): number {
  return stateOf(store, key).version;
}

/**
 * Run `save` after every save of `key` queued before it; `save` is told whether another save
 * completed since `readVersion` (its data is then stale). Resolves with `save`'s result and the
 * version after it.
 */
export function queueSave<T>(
  store: SessionStore,
  key: string,
  readVersion: number,
  save: (stale: boolean) => Promise<T>,
): Promise<{ result: T; version: number }> {
  const state = stateOf(store, key);
  const run = state.tail.then(async () => {
    const result = await save(state.version !== readVersion);
    state.version++;
    state.usedAt = Date.now();
    return { result, version: state.version };
  });
  state.tail = run.catch(() => undefined);
  return run;
}
