/**
 * parse5, loaded in either build of this package. parse5 is an ES module only: the ES build
 * imports it; the CommonJS build loads it with Node's own `require`, which loads an ES module
 * on every Node this package supports. Node's own, not the `require` this module was given:
 * the testing helpers run under jest, whose module registry (its `require`, `module` and
 * `process`) refuses an ES module before Node 24.9; `vm.runInThisContext` reaches Node's
 * `process` outside jest's sandbox, with no jest configuration asked of the user.
 */
import { runInThisContext } from 'node:vm';
import type * as Parse5 from 'parse5' with { 'resolution-mode': 'import' };

/** The parse5 module. */
export type Parse5Module = typeof Parse5;

let loaded: Parse5Module | undefined;
let loading: Promise<Parse5Module> | undefined;

// __filename exists in the CommonJS build only.
if (typeof __filename === 'string') {
  const nodeProcess = runInThisContext('process') as NodeJS.Process;
  const { createRequire } = nodeProcess.getBuiltinModule('node:module');
  loaded = createRequire(__filename)('parse5') as Parse5Module;
} else {
  loading = import('parse5').then((module) => (loaded = module));
}

/** parse5, once loaded: at once in the CommonJS build, after {@link parse5Ready} in the ES build. */
export function parse5(): Parse5Module {
  if (loaded === undefined) {
    throw new Error(
      'parse5 is still loading: await parse5Ready() (from express-httpresponse/testing) before parsing HTML at the top level of a module.',
    );
  }
  return loaded;
}

/** Resolves when parse5 is loaded: `parseHtml` may be called at once after it. */
export async function parse5Ready(): Promise<Parse5Module> {
  return loaded ?? (await (loading as Promise<Parse5Module>));
}
