// A minimal TypeScript require hook for the bench server: `node -r ./bench/ts-register.js`.
// ts-node would do, but it loads Node's `domain` module (through `repl`), and once `domain`
// is loaded every EventEmitter and every emit() pays for it: the server would measure slower
// than a compiled app. This hook only transpiles (TypeScript's transpileModule, no type
// check) and maps the `./x.js` import specifiers of the sources to their `./x.ts` files.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.endsWith('.js') && (request.startsWith('./') || request.startsWith('../')) && parent?.filename) {
    const candidate = path.resolve(path.dirname(parent.filename), `${request.slice(0, -3)}.ts`);
    if (fs.existsSync(candidate)) return candidate;
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
