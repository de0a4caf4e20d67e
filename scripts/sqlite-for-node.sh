#!/usr/bin/env bash
# Put into node_modules/better-sqlite3 (the example app's driver) a binary built for the Node
# in NODE_DIR (from scripts/install-node.sh), against that Node's own headers; each build is
# kept beside that Node, so switching back and forth builds once per version.
#   scripts/sqlite-for-node.sh "$(scripts/install-node.sh 24.22.3)"
set -euo pipefail
cd "$(dirname "$0")/.."
node_dir="${1:?usage: scripts/sqlite-for-node.sh NODE_DIR}"
binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node
version="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
cached="$node_dir/better-sqlite3-$version.node"
if [ ! -f "$cached" ]; then
  PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm rebuild better-sqlite3 --foreground-scripts=false >&2
  cp --remove-destination "$binary" "$cached"
fi
# A new file, never a write through: node_modules may be hard-linked to another checkout.
cp --remove-destination "$cached" "$binary"
PATH="$node_dir/bin:$PATH" node -e "require('better-sqlite3')(':memory:').close()"
