#!/bin/sh
# Compare Communiqué's catalog engine with goi18n on 30 languages × 5,000
# messages: goi18n merge (parse everything, write active + translate files)
# against our load + status of the same files. Prints wall and CPU time of
# both, the ratios, and peak memory (max RSS).
#
#   i18n/catalog/bench/compare.sh [runs]
#
# Needs: go, /usr/bin/time (Debian package "time"). Builds goi18n v2.7.0 and
# the catalog test binary into a temporary directory.
set -eu
runs=${1:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x /usr/bin/time ] || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }

echo "building goi18n v2.7.0 and the catalog test binary…"
(cd "$tmp" && GOBIN="$tmp" GOFLAGS= go install github.com/nicksnyder/go-i18n/v2/goi18n@v2.7.0)
(cd "$here" && go test -c -o "$tmp/catalog.test" .)

"$tmp/catalog.test" -test.run '^TestBenchGenerate$' -benchdata "$tmp/data" >/dev/null
echo "data: $(ls "$tmp/data" | wc -l) files, $(du -sh "$tmp/data" | cut -f1)"

# best (minimum) of $runs runs: the machine may be shared
best() { sort -n | head -1; }
measure() { # label command… → prints "wall cpu rss_kb"
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1
	awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$tmp/t"
}
: >"$tmp/g"
: >"$tmp/o"
: >"$tmp/s"
i=0
while [ $i -lt "$runs" ]; do
	rm -rf "$tmp/out" && mkdir "$tmp/out"
	measure "$tmp/goi18n" merge -sourceLanguage en -outdir "$tmp/out" "$tmp/data"/*.toml >>"$tmp/g"
	measure "$tmp/catalog.test" -test.run '^TestBenchLoadStatus$' -benchdata "$tmp/data" >>"$tmp/o"
	measure "$tmp/catalog.test" -test.run '^TestBenchLoadStatus$' -benchdata "$tmp/data" -benchserial >>"$tmp/s"
	i=$((i + 1))
done
col() { cut -d' ' -f"$1" "$2" | best; }
gw=$(col 1 "$tmp/g"); gc=$(col 2 "$tmp/g"); gm=$(col 3 "$tmp/g")
ow=$(col 1 "$tmp/o"); oc=$(col 2 "$tmp/o"); om=$(col 3 "$tmp/o")
sw=$(col 1 "$tmp/s"); sc=$(col 2 "$tmp/s"); sm=$(col 3 "$tmp/s")
echo "best of $runs runs, $(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "goi18n merge:                 wall ${gw}s  cpu ${gc}s  max RSS $((gm / 1024)) MiB"
echo "load+status (all cores):         wall ${ow}s  cpu ${oc}s  max RSS $((om / 1024)) MiB"
echo "load+status (one goroutine):     wall ${sw}s  cpu ${sc}s  max RSS $((sm / 1024)) MiB"
awk -v gw="$gw" -v gc="$gc" -v ow="$ow" -v oc="$oc" -v sw="$sw" -v sc="$sc" 'BEGIN {
	printf "ratio goi18n/ours: wall %.1fx (serial %.1fx), cpu %.1fx (serial %.1fx); target >= 10x\n", gw / ow, gw / sw, gc / oc, gc / sc }'
echo "peak memory target: < 120 MiB"
