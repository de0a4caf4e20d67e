#!/usr/bin/env bash
# Pack smoke test: build, `npm pack`, install the tarball into a copy of test-pack/ (a user's
# project with Express 4 and 5 from the registry, pinned), check what the tarball holds, then
# use the package from an .mjs file, a .cjs file and .ts/.mts files type-checked by tsc.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tsc="$root/node_modules/typescript/bin/tsc"
work="$(mktemp -d "${TMPDIR:-/tmp}/express-httpresponse-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== pack-smoke: %s\n' "$*"; }

cd "$root"
step "build and pack"
npm run build
npm pack --ignore-scripts --pack-destination "$work" --loglevel warn
tarballs=("$work"/express-httpresponse-*.tgz)
tarball="${tarballs[0]}"
[ -f "$tarball" ] || { echo "npm pack made no tarball" >&2; exit 1; }

step "tarball contents: dist, lib (the sources the maps point at), package.json, README, LICENSE, CHANGELOG only"
tar -tzf "$tarball" > "$work/contents.txt"
unexpected="$(grep -vE '^package/(dist/(cjs|esm)/.+|lib/.+\.ts|package\.json|README\.md|LICENSE|CHANGELOG\.md)$' "$work/contents.txt" || true)"
if [ -n "$unexpected" ]; then
  printf 'unexpected files in the tarball:\n%s\n' "$unexpected" >&2
  exit 1
fi
for required in package/dist/cjs/index.js package/dist/cjs/index.d.ts package/dist/cjs/package.json \
  package/dist/esm/index.js package/dist/esm/index.d.ts package/dist/esm/package.json \
  package/dist/cjs/testing/index.js package/dist/esm/testing/index.js package/dist/esm/index.js.map \
  package/dist/cjs/testing/jest-setup.js package/dist/cjs/testing/jest-setup.d.ts \
  package/dist/esm/testing/jest-setup.js package/dist/esm/testing/jest-setup.d.ts \
  package/dist/cjs/testing/jest-globals.d.ts package/dist/esm/testing/jest-globals.d.ts \
  package/README.md package/LICENSE package/CHANGELOG.md; do
  grep -qx "$required" "$work/contents.txt" || { echo "missing from the tarball: $required" >&2; exit 1; }
done
echo "ok: $(wc -l < "$work/contents.txt") files"

step "install the tarball into a fresh project"
cp -R "$root/test-pack/." "$work/app"
# The ES module project (esm/, "type": "module") type-checks the CJS project's own set-up and test.
cp "$work/app/jest-setup.ts" "$work/app/matchers.test.ts" "$work/app/esm/"
cd "$work/app"
npm install --no-audit --no-fund --prefer-offline "$tarball"

step "ESM one-liner"
node --input-type=module -e "
  const m = await import('express-httpresponse');
  if (new m.JsonResponse({ ok: true }).text !== '{\"ok\":true}') throw new Error('bad JsonResponse');
  console.log('ok: import() gives', Object.keys(m).length, 'exports');
"

for express in express express4; do
  step ".cjs and .mjs on $express"
  EXPRESS="$express" node smoke.cjs
  EXPRESS="$express" node smoke.mjs
done

step "TypeScript: tsc --strict, node16 (CJS .ts and ESM .mts), then run"
node "$tsc" -p tsconfig.json
node out/smoke.js
node out/smoke.mjs

step "TypeScript: bundler and node10 resolution"
node "$tsc" -p tsconfig.bundler.json
node "$tsc" -p tsconfig.node10.json
echo "ok"

step "Jest matchers' types after the one-line set-up: tsc in a CJS project, an ES module project, and with @jest/globals"
node "$tsc" -p tsconfig.jest.json
node "$tsc" -p tsconfig.jest-esm.json
node "$tsc" -p tsconfig.jest-globals.json
echo "ok"

step "... and without the set-up line the same test does not type-check (TS2339)"
if node "$tsc" -p tsconfig.jest-nosetup.json > nosetup.txt; then
  echo "matchers.test.ts type-checked without the set-up line: the check proves nothing" >&2
  exit 1
fi
grep -q "TS2339: Property 'toHaveStatus' does not exist" nosetup.txt || { cat nosetup.txt >&2; exit 1; }
echo "ok: $(grep -c TS2339 nosetup.txt) x TS2339 without it"

step "Jest + ts-jest (type-checking) run the user's tests: setupFilesAfterEnv, @types/jest and @jest/globals"
node node_modules/jest/bin/jest.js --config jest.config.cjs --ci
step "... and without the set-up file ts-jest refuses the same test (TS2339)"
if JEST_NO_SETUP=1 node node_modules/jest/bin/jest.js --config jest.config.cjs --ci > nosetup-jest.txt 2>&1; then
  echo "ts-jest ran matchers.test.ts without the set-up file: the check proves nothing" >&2
  exit 1
fi
grep -q "Property 'toHaveStatus' does not exist on type 'JestMatchers<HttpResponse>'" nosetup-jest.txt || {
  cat nosetup-jest.txt >&2
  exit 1
}
echo "ok"

step "TypeScript: the same files against Express 4's types (@types/express 4.17)"
npm install --no-save --no-audit --no-fund --prefer-offline @types/express@4.17.25
node "$tsc" -p tsconfig.json --noEmit
node "$tsc" -p tsconfig.node10.json
node "$tsc" -p tsconfig.jest.json
node "$tsc" -p tsconfig.jest-globals.json
echo "ok"

step "all good"
