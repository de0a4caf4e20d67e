/**
 * What `npm pack` ships: every source map (the .js maps and the .d.ts maps) points at sources
 * that are in the tarball, and package.json says where the repository, its home page and its
 * issues are. The package is built (minus type-checking, which `npm run build` does) and packed
 * in a scratch copy, so the worktree's dist/ is left alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const scratchParent = join(root, 'node_modules', '.cache');

describe('the packed tarball', () => {
  let scratch: string;
  let unpacked: string;
  let files: string[];

  beforeAll(() => {
    mkdirSync(scratchParent, { recursive: true });
    scratch = mkdtempSync(join(scratchParent, 'pack-'));
    for (const entry of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'lib', 'tsconfig.json']) {
      cpSync(join(root, entry), join(scratch, entry), { recursive: true });
    }
    for (const config of readdirSync(root).filter((name) => /^tsconfig\.build.*\.json$/.test(name))) {
      cpSync(join(root, config), join(scratch, config));
    }
    cpSync(join(root, 'scripts', 'build.mjs'), join(scratch, 'scripts', 'build.mjs'));
    // The build resolves typescript from the package's own node_modules.
    cpSync(join(root, 'node_modules', 'typescript'), join(scratch, 'node_modules', 'typescript'), {
      recursive: true,
    });
    cpSync(join(root, 'node_modules', '@types'), join(scratch, 'node_modules', '@types'), { recursive: true });
    execFileSync(process.execPath, [join(scratch, 'scripts', 'build.mjs'), '--no-check'], {
      cwd: scratch,
      stdio: 'pipe',
    });
    const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], {
      cwd: scratch,
      encoding: 'utf8',
    }).trim();
    unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', join(scratch, name), '-C', unpacked]);
    files = execFileSync('tar', ['-tzf', join(scratch, name)], { encoding: 'utf8' })
      .trim()
      .split('\n');
  }, 180_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has source maps, for the .js and the .d.ts files', () => {
    expect(files).toContain('package/dist/esm/index.js.map');
    expect(files).toContain('package/dist/cjs/index.d.ts.map');
  });

  it('holds every source every map points at', () => {
    const maps = files.filter((file) => file.endsWith('.map'));
    const missing: string[] = [];
    for (const file of maps) {
      const path = join(unpacked, file);
      const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; sourceRoot?: string };
      for (const source of map.sources) {
        const target = resolve(dirname(path), map.sourceRoot ?? '', source);
        if (!existsSync(target)) missing.push(`${file} → ${relative(unpacked, target)}`);
      }
    }
    expect(maps.length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('ships the TypeScript sources only, not the tests', () => {
    expect(files).toContain('package/lib/index.ts');
    expect(files.filter((file) => file.startsWith('package/') && !/^package\/(dist|lib)\//.test(file)).sort()).toEqual([
      'package/CHANGELOG.md',
      'package/LICENSE',
      'package/README.md',
      'package/package.json',
    ]);
    expect(files.some((file) => file.includes('__tests__'))).toBe(false);
  });

  it('says where the repository, its home page and its issues are', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg['repository']).toEqual({
      type: 'git',
      url: 'git+https://github.com/express-httpresponse/express-httpresponse.git',
    });
    expect(pkg['homepage']).toBe('https://github.com/express-httpresponse/express-httpresponse#readme');
    expect(pkg['bugs']).toEqual({ url: 'https://github.com/express-httpresponse/express-httpresponse/issues' });
    const readme = readFileSync(join(unpacked, 'package', 'README.md'), 'utf8');
    expect(readme).toContain('git clone https://github.com/express-httpresponse/express-httpresponse.git');
  });
});
