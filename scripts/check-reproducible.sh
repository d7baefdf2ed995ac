#!/usr/bin/env bash
# Proves `make dist` reproducible: builds HEAD again in a fresh clone at
# another path, with an empty Go build cache, another umask, time zone and
# locale, later in time, and compares every file with DIR (default dist/,
# built by make dist from the same commit): both binaries of each system,
# the Linux tar.xz, the Windows zip and SHA256SUMS. Without DIR it builds
# the first copy too, in a clone at a third path.
# Takes as long as a first build (Fyne's cgo parts for Linux and Windows):
# 80 minutes on 2 cores shared with other builds (load 20-30), which is
# why make test does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/communique-repro.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
commit=$(git rev-parse HEAD)
start=$(date +%s)

# build NAME: HEAD cloned to $work/NAME/src and built into $work/NAME/dist,
# with whatever umask and TZ the caller set.
build() {
	git clone -q --no-hardlinks . "$work/$1/src"
	git -C "$work/$1/src" checkout -q "$commit"
	GOCACHE=$work/$1/gocache "$work/$1/src/scripts/dist.sh" "$work/$1/dist" >"$work/$1.log" 2>&1 ||
		{ cat "$work/$1.log"; echo "check-reproducible: the $1 build failed" >&2; exit 1; }
}

if [ -n "${1:-}" ]; then
	first=$(cd "$1" && pwd)
else
	(umask 022 && TZ=UTC LC_ALL=C.UTF-8 build first)
	first=$work/first/dist
fi
# Another path (deeper, other name), umask, zone and locale than make dist's.
(umask 077 && TZ=Pacific/Chatham LC_ALL=C build second/elsewhere)
second=$work/second/elsewhere/dist

status=0
for f in "$first"/communique* "$first"/SHA256SUMS; do
	name=$(basename "$f")
	if cmp -s "$f" "$second/$name"; then
		echo "same: $name ($(stat -c %s "$f") bytes, sha256 $(sha256sum "$f" | cut -c1-16)…)"
	else
		echo "DIFFERENT: $name" >&2
		status=1
	fi
done
# Nothing the first build lacks.
for f in "$second"/*; do
	[ -e "$first/$(basename "$f")" ] || { echo "ONLY IN THE SECOND BUILD: $(basename "$f")" >&2; status=1; }
done
echo "check-reproducible: $(($(date +%s) - start)) s"
exit $status
