/**
 * A value made once per process and shared by every copy of this package loaded in it — its
 * ESM and CommonJS builds and the testing entry point, which would otherwise each have their
 * own module state: kept on `globalThis` under `Symbol.for('express-httpresponse.' + name)`.
 * Only code in the process can reach it: no header, cookie or body can.
 */
export function processWide<T>(name: string, make: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`express-httpresponse.${name}`);
  return (holder[key] ??= make()) as T;
}
