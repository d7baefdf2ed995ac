#!/usr/bin/env bash
# Times whole `communique export` processes against the LibreOffice baseline
# of issue 4 (headless --convert-to pdf of the same text: 1.28 s a document,
# measured on this machine class). Prints a comparison; fails nothing.
#   scripts/bench-export.sh [path/to/communique] [runs]
set -euo pipefail
bin=${1:-./communique}
runs=${2:-10}
[ -x "$bin" ] || { echo "build first: go build -o communique ." >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
lines="$here/app/pdf/testdata/script-lines.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One language: the bundled sample, English.
"$bin" sample "$work/sample" >/dev/null

# All nine languages: the seed statement, each language filled with its test
# line (the sample has real translations for en only in full).
ws="$work/all"
"$bin" init "$ws" --langs fr,de,tr,ru,ku,ar,fa,ckb --org "Global Coalition to Defeat Daesh/ISIS" >/dev/null
"$bin" import --workspace "$ws" --date 2020-04-15 --place "Washington, D.C." "$here/app/statement/testdata/seed-statement.txt" >/dev/null 2>&1
ids=$(grep -o '^\["[^"]*"\]' "$ws/locales/active.en.toml" | tr -d '[]"')
for lang in fr de tr ru ku ar fa ckb; do
	text=$(awk -F'\t' -v l="$lang" '$1==l {print $2; exit}' "$lines")
	f="$work/translate.$lang.toml"
	: >"$f"
	for id in $ids; do
		printf '["%s"]\nother = "%s"\n\n' "$id" "${text//\"/\\\"}" >>"$f"
	done
	"$bin" merge --quiet --workspace "$ws" "$f" >/dev/null
done

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
best() { sort -n | head -1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

one=()
all=()
for _ in $(seq "$runs"); do
	t=$(date +%s%N); "$bin" export --workspace "$work/sample" --lang en --out "$work/out1" >/dev/null; one+=("$(ms "$t")")
	t=$(date +%s%N); "$bin" export --workspace "$ws" --lang all --out "$work/out9" >/dev/null 2>&1; all+=("$(ms "$t")")
done
one_med=$(printf '%s\n' "${one[@]}" | median); one_best=$(printf '%s\n' "${one[@]}" | best)
all_med=$(printf '%s\n' "${all[@]}" | median); all_best=$(printf '%s\n' "${all[@]}" | best)
largest=$(ls -l "$work"/out9/*.pdf "$work"/out1/*.pdf | awk '{print $5}' | sort -n | tail -1)
count=$(ls "$work"/out9/*.pdf | wc -l)

echo "whole process, $runs runs each (median / best):"
printf '  one language (sample, en):   %4d ms / %4d ms   LibreOffice 1280 ms → 1/%d of it (target ≤ 1/50, i.e. ≤ 25.6 ms)\n' \
	"$one_med" "$one_best" $(( 1280 / (one_med > 0 ? one_med : 1) ))
printf '  all %d languages, one run:    %4d ms / %4d ms   target ≤ 150 ms; LibreOffice would take %d ms → 1/%d\n' \
	"$count" "$all_med" "$all_best" $(( 1280 * count )) $(( 1280 * count / (all_med > 0 ? all_med : 1) ))
printf '  largest PDF: %d bytes (target ≤ 80 KB = 81920)\n' "$largest"
