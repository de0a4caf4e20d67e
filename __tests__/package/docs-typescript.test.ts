/**
 * docs/typescript.md followed as a new user would, on the Node running the suite: its files are
 * copied out of the page into a new project (with this package built into its node_modules,
 * resolved through the `exports` map as an installed copy is), then its scripts are run —
 * `typecheck` (tsc), `build` (tsc) and `serve` (node dist/app.js) on every Node, and `start`
 * (node src/app.ts, Node's type stripping) where Node has it: 22.18 and later, 24, 26. Each
 * server started is asked for its pages and stopped.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const guide = readFileSync(join(root, 'docs', 'typescript.md'), 'utf8');

/** The files the guide gives: a paragraph that starts with `path`, then its code block. */
const files = new Map(
  [...guide.matchAll(/^`([\w./-]+\.(?:json|ts))`[^\n]*\n(?:[^\n]+\n)*\n```(?:json|ts)\n([^]*?)```/gm)].map(
    ([, path, text]) => [path as string, text as string],
  ),
);
const scripts = (JSON.parse(files.get('package.json') ?? '{}') as { scripts?: Record<string, string> }).scripts ?? {};

// process.features.typescript: 'strip' or 'transform' where Node runs .ts files (22.18+ by default).
const typeStripping = typeof (process.features as { typescript?: unknown }).typescript === 'string';

let scratch: string;
let project: string;

/** `npm run <name>`, as its command line says, with this repository's TypeScript for `tsc`. */
function command(name: string): [string, string[]] {
  const [program, ...args] = (scripts[name] ?? '').split(' ');
  if (program === 'tsc') return [process.execPath, [tsc, ...args]];
  if (program === 'node') return [process.execPath, args];
  throw new Error(`docs/typescript.md's script ${name} runs ${String(program)}, which this test does not know.`);
}

function run(name: string): string {
  const [program, args] = command(name);
  try {
    return execFileSync(program, args, { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${name} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: err });
  }
}

/** Start `npm run <name>` on a free port, ask it for `paths`, stop it; each path's status and text. */
async function serve(name: string, paths: string[]): Promise<Array<[number, string]>> {
  const [program, args] = command(name);
  const child = spawn(program, args, { cwd: project, env: { ...process.env, PORT: '0' }, stdio: 'pipe' });
  const closed = new Promise((done) => child.once('close', done));
  let output = '';
  try {
    const base = await new Promise<string>((found, failed) => {
      const timer = setTimeout(() => failed(new Error(`npm run ${name} did not start in 30 s:\n${output}`)), 30_000);
      const read = (chunk: Buffer): void => {
        output += chunk.toString();
        const url = /Listening on (http:\/\/localhost:\d+\/)/.exec(output)?.[1];
        if (url !== undefined) {
          clearTimeout(timer);
          found(url);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => {
        clearTimeout(timer);
        failed(new Error(`npm run ${name} exited with ${String(code)}:\n${output}`));
      });
    });
    const answers: Array<[number, string]> = [];
    for (const path of paths) {
      const response = await fetch(new URL(path, base));
      answers.push([response.status, await response.text()]);
    }
    return answers;
  } finally {
    child.kill();
    await closed;
  }
}

beforeAll(() => {
  // The package is built into a scratch node_modules inside this repository's, so that its own
  // dependencies resolve from there; the project is outside any node_modules, where Node
  // refuses to strip types, and links the package, Express and the @types it needs.
  const scratchParent = join(root, 'node_modules', '.cache');
  mkdirSync(scratchParent, { recursive: true });
  scratch = mkdtempSync(join(scratchParent, 'docs-typescript-'));
  const pkgDir = join(scratch, 'node_modules', 'express-httpresponse');
  mkdirSync(pkgDir, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(pkgDir, 'dist'), '--no-check'], {
    cwd: root,
    stdio: 'pipe',
  });
  project = mkdtempSync(join(tmpdir(), 'docs-typescript-app-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(pkgDir, join(project, 'node_modules', 'express-httpresponse'), 'dir');
  for (const name of ['express', '@types']) {
    symlinkSync(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (project) rmSync(project, { recursive: true, force: true });
});

describe(`docs/typescript.md on Node ${process.versions.node}`, () => {
  it('gives package.json, tsconfig.json and the two source files, with the scripts it names', () => {
    expect([...files.keys()].sort()).toEqual(['package.json', 'src/app.ts', 'src/greeting.ts', 'tsconfig.json']);
    expect(scripts).toEqual({
      start: 'node src/app.ts',
      typecheck: 'tsc --noEmit',
      build: 'tsc',
      serve: 'node dist/app.js',
    });
  });

  it('type-checks (npm run typecheck)', () => {
    run('typecheck');
  }, 60_000);

  it('builds to JavaScript (npm run build) that Node runs (npm run serve)', async () => {
    run('build');
    expect(readFileSync(join(project, 'dist', 'app.js'), 'utf8')).toMatch(/from ["']\.\/greeting\.js["']/);
    expect(existsSync(join(project, 'dist', 'greeting.js'))).toBe(true);
    const [home, book, missing] = await serve('serve', ['/', '/api/books/1', '/api/books/2']);
    expect(home).toEqual([200, '<h1>Hello, TypeScript!</h1>']);
    expect(book).toEqual([200, '{"id":1,"title":"Dune"}']);
    expect(missing?.[0]).toBe(404);
  }, 90_000);

  (typeStripping ? it : it.skip)(
    typeStripping
      ? 'runs the TypeScript as it is (npm start: node src/app.ts), Node stripping the types'
      : `runs the TypeScript as it is (npm start) — skipped: Node ${process.versions.node} has no type stripping (22.18+, 24 and 26 do)`,
    async () => {
      const [home, book] = await serve('start', ['/', '/api/books/1']);
      expect(home).toEqual([200, '<h1>Hello, TypeScript!</h1>']);
      expect(book).toEqual([200, '{"id":1,"title":"Dune"}']);
    },
    60_000,
  );
});
