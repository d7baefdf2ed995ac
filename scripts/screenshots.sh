#!/usr/bin/env bash
# Photographs the real Communiqué window for the README: starts the app under
# Xvfb with the bundled sample, opens each screen with COMMUNIQUE_DEMO, waits
# until the window has settled, and writes small PNGs to docs/screenshots/.
#
# usage: scripts/screenshots.sh [BINARY] [OUTDIR]
# needs: Xvfb, xdotool, ImageMagick (import, compare, convert); openssl to
# make the throwaway signing identity of the export shot (else it is unsigned).
set -euo pipefail

bin=$(realpath "${1:-./communique}")
out=${2:-docs/screenshots}
mkdir -p "$out"
out=$(realpath "$out")
for tool in Xvfb xdotool import compare convert; do
	command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (scripts/deps.sh --screenshots installs it)" >&2; exit 1; }
done

tmp=$(mktemp -d)
xvfb=""
app=""
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null || true
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# A display nobody uses: Xvfb picks a free one and writes its number once it
# accepts connections (stale lock files of other servers make guessing fail).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 600); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { echo "screenshots: Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n 1 "$tmp/display")"

"$bin" sample "$tmp/ws" >/dev/null

ident=""
if command -v openssl >/dev/null; then
	openssl req -utf8 -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-subj "/CN=Sample Spokesperson/O=Communiqué sample" \
		-addext "keyUsage=digitalSignature,nonRepudiation" \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
	openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" \
		-out "$tmp/sample.p12" -passout pass:sample 2>/dev/null
	ident="$tmp/sample.p12"
else
	echo "screenshots: no openssl, the export shot will show unsigned PDFs" >&2
fi

# shoot NAME VAR=VALUE... : run the app with a clean home and the given
# environment, wait until the window stops changing, save NAME.png.
shoot() {
	local name=$1
	shift
	local home="$tmp/home-$name"
	mkdir -p "$home"
	local t0
	t0=$(date +%s%N)
	env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$tmp/cache" \
		COMMUNIQUE_WORKSPACE="$tmp/ws" COMMUNIQUE_FIRST_FRAME=1 LANG="${SHOT_LANG:-C.UTF-8}" "$@" \
		"$bin" >"$tmp/$name.log" 2>&1 &
	app=$!
	if ! timeout 30 xdotool search --sync --onlyvisible --name 'Communiqu' >/dev/null; then
		echo "screenshots: $name: no window appeared" >&2
		cat "$tmp/$name.log" >&2
		exit 1
	fi
	# A busy machine can show the window before its first frame: two black
	# grabs would look settled. Wait for the app to say it painted.
	for _ in $(seq 120); do
		grep -q 'unix_ns=' "$tmp/$name.log" 2>/dev/null && break
		sleep 0.25
	done
	# Settled = two grabs half a second apart differ in (almost) no pixel:
	# the preview has been typeset and the export has finished.
	local prev="$tmp/prev.png" cur="$tmp/cur.png" i
	sleep 1
	import -window root "$prev"
	for i in $(seq 40); do
		sleep 0.5
		import -window root "$cur"
		if [ "$(compare -metric AE "$prev" "$cur" null: 2>&1 || true)" -lt 50 ] 2>/dev/null; then
			break
		fi
		mv "$cur" "$prev"
	done
	# 256 colours keep the PNGs small; the dark theme's text stays crisp.
	convert "$cur" -strip -colors 256 "PNG8:$out/$name.png"
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
	# Cold start: from exec to the first painted frame (the app prints the
	# moment; its CPU time is the figure that does not depend on how busy
	# the machine is).
	local ns cpu
	ns=$(grep -o 'unix_ns=[0-9]*' "$tmp/$name.log" | cut -d= -f2 || true)
	cpu=$(grep -o '[0-9]* ms of CPU' "$tmp/$name.log" || echo "? ms of CPU")
	if [ -n "$ns" ]; then
		printf '%-16s %5s  first frame %4d ms after exec, %s\n' "$name.png" "$(du -h "$out/$name.png" | cut -f1)" $(((ns - t0) / 1000000)) "$cpu"
	else
		printf '%-16s %5s\n' "$name.png" "$(du -h "$out/$name.png" | cut -f1)"
	fi
}

shoot editor COMMUNIQUE_DEMO=editor
# ":edit" puts the caret in the first message that needs work, as Ctrl+Enter.
shoot workbench-ar COMMUNIQUE_DEMO=workbench:ar:needs_review:edit
SHOT_LANG=ar_EG.UTF-8 shoot interface-ar COMMUNIQUE_DEMO=workbench:ckb:missing:edit
shoot preview-ar COMMUNIQUE_DEMO=preview:ar
if [ -n "$ident" ]; then
	shoot export COMMUNIQUE_DEMO=export COMMUNIQUE_DEMO_OUT="$tmp/export" \
		COMMUNIQUE_IDENTITY="$ident" COMMUNIQUE_PASSWORD=sample
else
	shoot export COMMUNIQUE_DEMO=export COMMUNIQUE_DEMO_OUT="$tmp/export"
fi
SHOT_LANG=fr_FR.UTF-8 shoot settings-fr COMMUNIQUE_DEMO=settings
# The Verify screen on the signed export, in the Arabic interface: one
# coloured line says what the verdict means.
signed=$(ls "$tmp"/export/*.en.pdf 2>/dev/null | head -n 1 || true)
if [ -n "$signed" ]; then
	SHOT_LANG=ar_EG.UTF-8 shoot verify-ar COMMUNIQUE_DEMO="verify:$signed"
fi
# An existing go-i18n project (a Hugo-style i18n/ folder), opened as it is:
# its messages with description, variables and plural forms.
mkdir -p "$tmp/site/i18n"
cat >"$tmp/site/i18n/en.toml" <<'TOML'
[readingTime]
description = "Under each article title"
one = "{{ .Count }} minute to read"
other = "{{ .Count }} minutes to read"

[greeting]
description = "Top of the home page"
other = "Hello {{ .Name }}, welcome to {{ .Site }}"

[home]
other = "Home"
TOML
cat >"$tmp/site/i18n/fr.toml" <<'TOML'
[readingTime]
one = "{{ .Count }} minute de lecture"
other = "{{ .Count }} minutes de lecture"

[home]
other = "Accueil"
TOML
shoot project COMMUNIQUE_WORKSPACE="$tmp/site" COMMUNIQUE_DEMO=workbench:fr
# Translation memory and glossary beside the workbench: a second statement
# that rewords the sample's title and first paragraph and repeats its third,
# a glossary with the sample's recurring terms; the caret in the first part
# that needs work shows its matches (score, origin, changed words) and terms.
"$bin" sample "$tmp/mem" >/dev/null
cat >"$tmp/mem/glossary.toml" <<'TOML'
[[term]]
source = "Daesh"
note = "Never 'Islamic State'."
[term.approved]
ar = "داعش"
fr = "Daech"
[term.forbidden]
ar = ["تنظيم الدولة", "الدولة الإسلامية"]

[[term]]
source = "Global Coalition"
[term.approved]
ar = "التحالف الدولي"
fr = "Coalition mondiale"

[[term]]
source = "Operation Inherent Resolve"
[term.approved]
ar = "عملية العزم الصلب"
fr = "opération Inherent Resolve"
TOML
cat >"$tmp/second.txt" <<'TXT'
Statement by the Political Directors of the Global Coalition to Defeat Daesh/ISIS Small Group in Rome

The Political Directors of the Global Coalition to Defeat Daesh/ISIS Small Group met today in Rome to reaffirm our shared commitment to continue the fight against Daesh/ISIS and maintain unity of purpose and cohesiveness in Iraq and Syria.

The Political Directors agreed that Operation Inherent Resolve’s training role, temporarily suspended due to the pandemic, will resume as conditions permit.
TXT
"$bin" import --workspace "$tmp/mem" --id coalition-rome --place Rome --date 2020-06-03 "$tmp/second.txt" >/dev/null
shoot memory-fr COMMUNIQUE_WORKSPACE="$tmp/mem" COMMUNIQUE_DEMO=workbench:fr:edit
SHOT_LANG=ar_EG.UTF-8 shoot memory-ar COMMUNIQUE_WORKSPACE="$tmp/mem" COMMUNIQUE_DEMO=workbench:ar:edit
# The file chooser and the menu bar, drawn by the app itself: translated,
# mirrored in Arabic, folder names in any script set by the typesetting
# engine.
mkdir -p "$tmp/folders/بيانات الوزارة" "$tmp/folders/Archives 2025" "$tmp/folders/تقارير Q3 2024"
"$bin" sample "$tmp/folders/Communiqués" >/dev/null
SHOT_LANG=fr_FR.UTF-8 shoot chooser-fr COMMUNIQUE_WORKSPACE="$tmp/folders/Communiqués" COMMUNIQUE_DEMO=open-folder
SHOT_LANG=ar_EG.UTF-8 shoot chooser-ar COMMUNIQUE_WORKSPACE="$tmp/folders/Communiqués" COMMUNIQUE_DEMO=open-folder
SHOT_LANG=fr_FR.UTF-8 shoot menu-fr COMMUNIQUE_DEMO=menu
SHOT_LANG=ar_EG.UTF-8 shoot menu-ar COMMUNIQUE_DEMO=menu
echo "screenshots: written to $out"
