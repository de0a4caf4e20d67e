/**
 * The public face of the HTML parser's loading, typed without parse5's own types: they need
 * `moduleResolution` node16 or later, and a project on `node10` would fail to type-check ours.
 */
import { parse5Ready as loadParse5 } from './load-parse5.js';

/**
 * Resolves when the HTML parser (parse5) is loaded. In the CommonJS build it is at once; an ES
 * module that calls `parseHtml` or an HTML matcher at its top level awaits this first.
 */
export async function parse5Ready(): Promise<void> {
  await loadParse5();
}
