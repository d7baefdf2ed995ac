#!/usr/bin/env bash
# Proves `make dist` reproducible: builds HEAD again in a fresh clone at
# another path with an empty Go build cache, and compares every file with
# DIR (default dist/, built by make dist from the same commit).
# Takes as long as a first build (Fyne's cgo parts for Linux and Windows).
set -euo pipefail
cd "$(dirname "$0")/.."
first=$(cd "${1:-dist}" && pwd)
work=$(mktemp -d /tmp/communique-repro.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

git clone -q --no-hardlinks . "$work/elsewhere/src"
git -C "$work/elsewhere/src" checkout -q "$(git rev-parse HEAD)"
GOCACHE=$work/gocache "$work/elsewhere/src/scripts/dist.sh" "$work/dist" >"$work/dist.log" 2>&1 ||
	{ cat "$work/dist.log"; exit 1; }

status=0
for f in "$first"/communique* "$first"/SHA256SUMS; do
	name=$(basename "$f")
	if cmp -s "$f" "$work/dist/$name"; then
		echo "same: $name ($(stat -c %s "$f") bytes, sha256 $(sha256sum "$f" | cut -c1-16)…)"
	else
		echo "DIFFERENT: $name" >&2
		status=1
	fi
done
exit $status
