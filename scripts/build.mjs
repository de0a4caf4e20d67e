#!/usr/bin/env node
// Build the dual package: dist/cjs (CommonJS) and dist/esm (ES modules), each with its
// .d.ts files, source maps, and a package.json whose "type" tells Node (and TypeScript)
// the module format of the .js/.d.ts files below it.
//
// Usage: node scripts/build.mjs [outDir] [--no-check]
//   outDir      default: dist
//   --no-check  emit without type-checking (tsc --noCheck), for tests that only need the output
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noCheck = args.includes('--no-check');
const outDir = resolve(root, args.find((arg) => !arg.startsWith('--')) ?? 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const formats = [
  { dir: 'cjs', type: 'commonjs', tsconfig: 'tsconfig.build.json' },
  { dir: 'esm', type: 'module', tsconfig: 'tsconfig.build.esm.json' },
];

rmSync(outDir, { recursive: true, force: true });
for (const { dir, type, tsconfig } of formats) {
  const formatDir = join(outDir, dir);
  try {
    execFileSync(
      process.execPath,
      [tsc, '-p', join(root, tsconfig), '--outDir', formatDir, ...(noCheck ? ['--noCheck'] : [])],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  } catch {
    // tsc has printed the errors.
    console.error(`build: tsc -p ${tsconfig} failed`);
    process.exit(1);
  }
  mkdirSync(formatDir, { recursive: true });
  writeFileSync(join(formatDir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
