#!/bin/sh
# The whole `communique status --json` process against `goi18n merge` on the
# same 30 languages × 5,000 messages: what a user runs, start to exit.
# Prints wall and CPU time (user + system) of both, the ratios, and peak
# memory (max RSS). On a shared machine wall time follows the load; CPU
# time does not, so both ratios are printed.
#
#   i18n/catalog/bench/status.sh [runs] [communique binary]
#
# Needs: go, /usr/bin/time (Debian package "time"). Without a binary it
# builds the headless one (CGO_ENABLED=0 -tags headless, the same
# commands as the desktop build).
set -eu
runs=${1:-5}
bin=${2:-}
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x /usr/bin/time ] || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }

echo "building goi18n v2.7.0, the catalog test binary (data generator) and communique…"
(cd "$tmp" && GOBIN="$tmp" GOFLAGS= go install github.com/nicksnyder/go-i18n/v2/goi18n@v2.7.0)
(cd "$root" && go test -c -o "$tmp/catalog.test" ./i18n/catalog)
if [ -z "$bin" ]; then
	(cd "$root" && CGO_ENABLED=0 go build -tags headless -o "$tmp/communique" .)
	bin="$tmp/communique"
fi

# The data as a go-i18n project keeps it (active.<lang>.toml), opened as it
# is: no communique.toml.
"$tmp/catalog.test" -test.run '^TestBenchGenerate$' -benchdata "$tmp/data" >/dev/null
echo "data: $(ls "$tmp/data" | wc -l) files, $(du -sh "$tmp/data" | cut -f1)"
"$bin" status --json --locales "$tmp/data" >"$tmp/status.json"
grep -q '"needs_review": 500' "$tmp/status.json" || { echo "status --json did not report the data" >&2; exit 1; }

best() { sort -n | head -1; }
measure() { # command… → appends "wall cpu rss_kb"
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1
	awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$tmp/t"
}
: >"$tmp/g"
: >"$tmp/c"
i=0
while [ $i -lt "$runs" ]; do
	rm -rf "$tmp/out" && mkdir "$tmp/out"
	measure "$tmp/goi18n" merge -sourceLanguage en -outdir "$tmp/out" "$tmp/data"/*.toml >>"$tmp/g"
	measure "$bin" status --json --locales "$tmp/data" >>"$tmp/c"
	i=$((i + 1))
done
col() { cut -d' ' -f"$1" "$2" | best; }
gw=$(col 1 "$tmp/g"); gc=$(col 2 "$tmp/g"); gm=$(col 3 "$tmp/g")
cw=$(col 1 "$tmp/c"); cc=$(col 2 "$tmp/c"); cm=$(col 3 "$tmp/c")
echo "best of $runs runs, $(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "goi18n merge:                wall ${gw}s  cpu ${gc}s  max RSS $((gm / 1024)) MiB"
echo "communique status --json:    wall ${cw}s  cpu ${cc}s  max RSS $((cm / 1024)) MiB"
awk -v gw="$gw" -v gc="$gc" -v cw="$cw" -v cc="$cc" -v cm="$cm" 'BEGIN {
	printf "ratio communique/goi18n: wall %.3f, cpu %.3f (target <= 0.10); peak RSS %d MiB (target <= 120)\n", cw / gw, cc / gc, cm / 1024 }'
