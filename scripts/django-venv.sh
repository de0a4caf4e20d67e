#!/usr/bin/env bash
# Django 5.2 LTS in a virtualenv at .venv-django/ (or $DJANGO_VENV), for the interop tests and
# the strangler example: made once, then reused. It installs from the machine's local package
# mirror (pip's configured index), never retrying an index it cannot reach. Prints the venv's
# python on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${DJANGO_VENV:-$PWD/.venv-django}"
python="$venv/bin/python"
want='Django>=5.2,<5.3'
extras=(redis 'psycopg[binary]' argon2-cffi bcrypt)

if [ -x "$python" ] && "$python" -c 'import django, redis, psycopg, argon2, bcrypt; assert django.VERSION[:2] == (5, 2)' 2>/dev/null; then
  echo "$python"
  exit 0
fi

base=$(command -v python3)
"$base" -m venv --clear "$venv" >&2
# The local mirror, when pip is configured with one: its file:// indexes become the only ones,
# so pip does not wait on an index this machine cannot reach.
index_args=()
mirrors=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'$/\1/p")
if [ -n "$mirrors" ]; then
  read -r -a all_urls <<<"$mirrors"
  urls=()
  for url in "${all_urls[@]}"; do
    # A file:// index that is not on this machine is left out (pip would only warn about it).
    case "$url" in file://*) [ -d "${url#file://}" ] || continue ;; esac
    urls+=("$url")
  done
  if [ "${#urls[@]}" -gt 0 ]; then
    index_args+=(--index-url "${urls[0]}")
    for url in "${urls[@]:1}"; do index_args+=(--extra-index-url "$url"); done
  fi
fi
"$python" -m pip install --quiet --disable-pip-version-check "${index_args[@]}" "$want" "${extras[@]}" 2>&1 | grep -v "^WARNING: Location" >&2 || true
"$python" -c "import django" >/dev/null || { echo "Django 5.2 did not install into $venv" >&2; exit 1; }
"$python" -c 'import django; assert django.VERSION[:2] == (5, 2), django.VERSION' >&2
echo "$python"
