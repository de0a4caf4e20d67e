/**
 * The types of `path()` are checked by the TypeScript compiler itself: a file that must
 * compile (`req.params` inferred from the route string, with no annotation) and a file that
 * must not, failing exactly on the lines it marks and with the codes it names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const fixtures = join(__dirname, '..', 'fixtures', 'url-types');

const mustFail = join(fixtures, 'does-not-compile.ts');
const mustFailText = readFileSync(join(fixtures, 'does-not-compile.ts.txt'), 'utf8');

/** Both fixtures in one program (the slow part is loading Express's and Node's types): the diagnostics of each. */
function compileFixtures(): Map<string, ts.Diagnostic[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const options = { ...config.options, noEmit: true, types: ['node'] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (name === mustFail ? mustFailText : readFile(name));
  host.fileExists = (name) => name === mustFail || fileExists(name);
  const compiles = join(fixtures, 'compiles.ts');
  const program = ts.createProgram({ rootNames: [compiles, mustFail], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return new Map([compiles, mustFail].map((file) => [file, diagnostics.filter((d) => d.file?.fileName === file)]));
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
  return `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 160)}`;
}

describe('path() types', () => {
  let diagnostics: Map<string, ts.Diagnostic[]>;
  beforeAll(() => {
    diagnostics = compileFixtures();
  }, 120_000);

  it('compiles a URLconf whose views read req.params typed from the route', () => {
    expect(diagnostics.get(join(fixtures, 'compiles.ts'))!.map(describeDiagnostic)).toEqual([]);
  });

  it('refuses wrong params, unknown params, unknown converters and non-views, on exactly the marked lines', () => {
    const expected = mustFailText
      .split('\n')
      .map((line, i) => [i + 1, /\/\/ (TS\d+)$/.exec(line)?.[1]] as const)
      .filter(([, code]) => code !== undefined)
      .map(([line, code]) => `${line}: ${code}`);
    expect(expected.length).toBe(5);
    expect(diagnostics.get(mustFail)!.map((d) => describeDiagnostic(d).replace(/^(\d+: TS\d+) .*$/, '$1'))).toEqual(
      expected,
    );
  });
});
