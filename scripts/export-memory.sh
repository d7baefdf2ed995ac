#!/usr/bin/env bash
# Measures the peak resident memory of one `communique export` of a very
# long statement, against issue 15's baseline (1.7 MB a page: 9.2 GB for
# 5,556 pages) and target (≤ 100 KB a page, ≤ 500 MB peak at 5,000 pages).
# Prints the figures; fails nothing.
#   PAGES=5000 LANG_=en scripts/export-memory.sh [path/to/communique]
set -euo pipefail
bin=${1:-./communique}
[ -x "$bin" ] || { echo "$bin: build first (make build or make headless)" >&2; exit 2; }
pages=${PAGES:-5000}
lang=${LANG_:-en}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The seed statement's paragraphs, repeated: about ten of them fill a page.
src="$here/app/statement/testdata/seed-statement.txt"
{
	head -1 "$src"
	echo
	body=$(tail -n +3 "$src")
	for _ in $(seq $((pages * 10 / $(grep -c . <<<"$body") + 1))); do
		printf '%s\n\n' "$body"
	done
} >"$work/long.txt"
ws="$work/ws"
"$bin" init "$ws" --langs ar >/dev/null
"$bin" import --workspace "$ws" --keep-all --date 2020-04-15 --place "Washington, D.C." "$work/long.txt" >/dev/null 2>&1

/usr/bin/time -f '%M %e %U %S' -o "$work/time" "$bin" export --quiet --workspace "$ws" --lang "$lang" --out "$work/out" >"$work/stdout"
read -r kb secs user sys <"$work/time"
got=$(grep -o '([0-9]* pages' "$work/stdout" | tr -dc 0-9)
awk -v kb="$kb" -v p="$got" -v s="$secs" -v u="$user" -v y="$sys" 'BEGIN {
	printf "%d pages in %.1f s (%.1f s CPU), peak RSS %.0f MB: %.0f KB a page\n", p, s, u + y, kb/1024, kb/p
	printf "baseline 1.7 MB a page: %.2fx of it; target 100 KB a page: %.1fx of it; target peak 500 MB: %.2fx of it\n",
		kb/p/1741, kb/p/100, kb/1024/500
}'
