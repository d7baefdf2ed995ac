#!/usr/bin/env bash
# Installs the system packages Communiqué needs to build and test, only when
# they are missing. Debian/Ubuntu: apt-get (with sudo when not root). Other
# systems: lists what is missing and fails.
#   scripts/deps.sh                what `make run` and `make test` need
#   scripts/deps.sh --screenshots  also what `make screenshots` needs
#   scripts/deps.sh --dist         also what `make dist` needs (cross compilers, packagers)
#   scripts/deps.sh --check-dist   also what `make check-dist` needs (Wine, Xvfb, screenshots)
set -euo pipefail

# Fyne's cgo build needs the X11/GL headers; the tests use poppler-utils and
# qpdf (and openssl for signatures) as outside oracles for PDFs, Xvfb for the real window.
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev xvfb poppler-utils qpdf openssl mupdf-tools)
# nodejs runs the pdf.js, MuPDF.js and PDFium readers (scripts/readers); unicode-data
# has Unicode's bidi conformance files.
pkgs+=(nodejs unicode-data)
# Noto fonts for the scripts the bundled ones lack (Hebrew, Devanagari, CJK…), which
# the PDF tests typeset; unicode-cldr-core is what scripts/exemplars.py and cldr_locale.py read.
pkgs+=(fonts-noto-core fonts-noto-cjk unicode-cldr-core)
# xdotool types into the real window in the end-to-end tests; xmodmap gives
# each non-ASCII character a key first.
pkgs+=(xdotool x11-xserver-utils)
pkgs+=(time) # /usr/bin/time: peak memory in the bench scripts (make bench-status)
# translate-toolkit (tmx2po, xliff2po, po2xliff) judges the TMX and XLIFF we write.
pkgs+=(translate-toolkit)
# make runs the README's commands; git gives the version; Go fetches modules over TLS.
pkgs+=(make git ca-certificates)
# Fonts the typesetter's line-breaking tests set Chinese and Hebrew in (Droid Sans
# Fallback is a TrueType CJK face; fonts-noto-core has Noto Sans Hebrew).
pkgs+=(fonts-droid-fallback fonts-noto-core)
pkgs+=(python3) # scripts/compare-typst (make compare-typst) reads TOML and pdftotext's word boxes
case "${1:-}" in
--screenshots) pkgs+=(imagemagick xdotool) ;;
--dist) pkgs+=(gcc-mingw-w64-x86-64 desktop-file-utils xz-utils zip) ;;
--check-dist) pkgs+=(gcc-mingw-w64-x86-64 wine wine64 xz-utils unzip file imagemagick xdotool) ;;
esac

# The commands each package provides, for systems without dpkg: what to
# look for on PATH before saying what to install.
declare -A provides=(
	[gcc]=gcc [pkg-config]=pkg-config [xvfb]=Xvfb [poppler-utils]="pdfsig pdftotext pdftoppm" [qpdf]=qpdf
	[openssl]=openssl [make]=make [git]=git [imagemagick]=convert [xdotool]=xdotool
	[gcc-mingw-w64-x86-64]=x86_64-w64-mingw32-gcc [desktop-file-utils]=desktop-file-validate [xz-utils]=xz
	[zip]=zip [unzip]=unzip [wine]=wine [file]=file
	[mupdf-tools]=mutool [nodejs]="node npm" [x11-xserver-utils]=xmodmap [time]=/usr/bin/time [translate-toolkit]=po2xliff
)

# Go is not installed here: Debian 12 ships 1.19, and go.mod needs 1.26.
need_go() {
	local want v
	want=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$(dirname "$0")/../go.mod")
	if ! command -v go >/dev/null 2>&1; then
		v=none
	else
		v=$(go env GOVERSION 2>/dev/null || go version | awk '{print $3}')
		v=${v#go}
		# Go 1.21 and later fetch the toolchain go.mod asks for by themselves.
		if printf '%s\n%s\n' 1.21 "${v%%[-+ ]*}" | sort -V -C; then
			return 0
		fi
	fi
	cat >&2 <<-MSG
	deps: Go $want or later is needed (found: $v). Either
	  - download it from https://go.dev/dl/ and unpack it:
	      curl -LO https://go.dev/dl/go$want.linux-amd64.tar.gz
	      sudo rm -rf /usr/local/go && sudo tar -C /usr/local -xzf go$want.linux-amd64.tar.gz
	      export PATH=/usr/local/go/bin:\$PATH
	  - or install any Go from 1.21 on (Ubuntu: golang-go; Debian 12: bookworm-backports' golang-go),
	    which downloads go$want itself the first time it builds (GOTOOLCHAIN=auto).
	MSG
	return 1
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	missing=()
	for p in "${pkgs[@]}"; do
		for c in ${provides[$p]:-}; do
			command -v "$c" >/dev/null 2>&1 || { missing+=("$p ($c)"); break; }
		done
	done
	need_go || exit 1
	[ ${#missing[@]} -eq 0 ] && exit 0
	{
		echo "deps: not a Debian-like system, so nothing was installed. Missing:"
		printf '  %s\n' "${missing[@]}"
		case "$(uname -s)" in
		Darwin) echo "deps: on macOS: xcode-select --install (gcc, make, git), then brew install pkg-config poppler qpdf openssl; Xvfb comes with XQuartz." ;;
		MINGW* | MSYS* | CYGWIN*) echo "deps: on Windows: MSYS2 with pacman -S make git mingw-w64-x86_64-gcc mingw-w64-x86_64-pkgconf mingw-w64-x86_64-poppler mingw-w64-x86_64-qpdf openssl." ;;
		*) echo "deps: on Fedora: dnf install gcc make git pkgconf-pkg-config mesa-libGL-devel libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel xorg-x11-server-Xvfb poppler-utils qpdf openssl." ;;
		esac
		echo "deps: machines that cannot install the test tools can set COMMUNIQUE_ALLOW_MISSING_JUDGES=1 so tests needing them skip (see README)."
	} >&2
	# With that variable set, the build goes on and the go tool and the
	# tests name whatever is still missing.
	[ "${COMMUNIQUE_ALLOW_MISSING_JUDGES:-}" = 1 ] && exit 0
	exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	need_go
	exit
fi

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		# Without a terminal, sudo must fail rather than wait for a password.
		sudo="sudo"
		[ -t 0 ] || sudo="sudo -n"
	else
		echo "deps: not root and no sudo: install these packages first: ${missing[*]}" >&2
		exit 1
	fi
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
need_go
