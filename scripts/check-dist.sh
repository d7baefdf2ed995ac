#!/usr/bin/env bash
# Runs what `make dist` built in DIR (default dist/) and fails on the first
# difference:
#   - the Windows command line under Wine: same --version as Linux, and
#     `export --lang en,ar` of the sample gives byte-identical PDFs;
#   - the Windows app under Wine + Xvfb, the Linux bundle unpacked in an
#     empty folder with a clean HOME under Xvfb: screenshots in DIR/check/;
#   - the macOS binaries are Mach-O for amd64 and arm64 and carry the version;
#   - SHA256SUMS matches, the bundle's .desktop file validates.
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Go ≥ 1.22 needs; a
# throwaway prefix gets a shim built from scripts/wine-bcryptprimitives.c.
# The shim is never shipped: real Windows has the DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$(cd "${1:-dist}" && pwd)
read -r version build < <(scripts/version.sh)
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	WINEPREFIX=$work/wine wineserver -k 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
shots=$dist/check
mkdir -p "$shots"
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }
ok() { echo "check-dist: ok: $*"; }

(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"
ok "SHA256SUMS"

linux=$dist/communique-headless-linux-amd64
want="communique $version (build $build)"
got=$("$linux" --version)
[ "$got" = "$want" ] || fail "Linux --version: $got, want $want"
ok "Linux --version: $got"

# macOS: headers and version; this machine cannot run them.
for arch in amd64 arm64; do
	f=$dist/communique-headless-darwin-$arch
	desc=$(file -b "$f")
	case $arch in amd64) m=x86_64 ;; arm64) m=arm64 ;; esac
	[[ $desc == Mach-O\ 64-bit*"$m"* ]] || fail "$f: $desc"
	grep -qaF "$version" "$f" || fail "$f does not contain version $version"
	ok "darwin/$arch: $desc"
done

"$linux" sample "$work/ws" >/dev/null
"$linux" export --workspace "$work/ws" --lang en,ar --out "$work/linux-pdf" >/dev/null

# A throwaway Wine prefix with the shim in system32, where Go looks for it.
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1 || fail "wineboot could not create a prefix"
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine-bcryptprimitives.c -ladvapi32
winpath() { echo "Z:${1//\//\\}"; }

exe=$dist/communique-headless.exe
got=$(wine "$exe" --version | tr -d '\r')
[ "$got" = "$want" ] || fail "Windows --version under Wine: $got, want $want"
ok "Windows --version under Wine: $got"
wine "$exe" export --workspace "$(winpath "$work/ws")" --lang en,ar --out "$(winpath "$work/wine-pdf")" >/dev/null
n=0
for f in "$work"/linux-pdf/*.pdf; do
	g=$work/wine-pdf/$(basename "$f")
	cmp "$f" "$g" || fail "$(basename "$f") differs between the Linux and Windows builds"
	n=$((n + 1))
done
[ "$n" -ge 2 ] || fail "only $n PDFs exported"
[ "$(ls "$work"/wine-pdf/*.pdf | wc -l)" -eq "$n" ] || fail "Wine wrote other PDFs than Linux"
ok "$n PDFs byte-identical between Linux and Windows (Wine): $(cd "$work/linux-pdf" && ls *.pdf | tr '\n' ' ')"

# screenshot DISPLAY FILE: the whole screen as PNG.
screenshot() { DISPLAY=$1 import -window root "$2"; }

# Starts Xvfb on display $1 and waits for it.
xvfb() {
	Xvfb "$1" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	pids+=($!)
	for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${1#:}" ] && return; sleep 0.1; done
	fail "Xvfb $1 did not start"
}

# The Linux bundle, unpacked in an empty folder, run with an empty HOME.
mkdir -p "$work/bundle" "$work/home"
tar -C "$work/bundle" -xJf "$dist/communique-$version-linux-amd64.tar.xz"
desktop-file-validate "$(find "$work/bundle" -name '*.desktop')" || fail ".desktop file does not validate"
ok ".desktop file validates"
bin=$(find "$work/bundle" -type f -name communique -perm -u+x | head -n1)
[ -n "$bin" ] || fail "no communique binary in the Linux bundle"
xvfb :91
(cd "$work/bundle" && env -i PATH=/usr/bin:/bin HOME="$work/home" DISPLAY=:91 LANG=C.UTF-8 "$bin" >"$work/linux-gui.log" 2>&1) &
pids+=($!)
sleep "${GUI_WAIT:-12}"
kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/linux-gui.log"; fail "the Linux bundle's app exited"; }
screenshot :91 "$shots/linux-bundle.png"
ok "Linux bundle running under Xvfb: $shots/linux-bundle.png"

# The Windows app under Wine + Xvfb, on the sample workspace.
xvfb :92
(DISPLAY=:92 COMMUNIQUE_WORKSPACE="$(winpath "$work/ws")" wine "$dist/communique.exe" >"$work/wine-gui.log" 2>&1) &
pids+=($!)
sleep "${GUI_WAIT_WINE:-40}"
kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/wine-gui.log"; fail "the Windows app exited under Wine"; }
screenshot :92 "$shots/windows-wine.png"
ok "Windows app running under Wine + Xvfb: $shots/windows-wine.png"
echo "check-dist: all checks passed; look at the screenshots in $shots"
