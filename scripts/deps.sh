#!/usr/bin/env bash
# Installs the system packages Communiqué needs to build and test, only when
# they are missing. Debian/Ubuntu: apt-get (with sudo when not root). Other
# systems: says what to install and stops.
set -euo pipefail

# Fyne's cgo build needs the X11/GL headers; the tests use poppler-utils and
# qpdf (and openssl for signatures) as outside oracles for PDFs, Xvfb for the real window.
# nodejs runs the pdf.js and MuPDF.js readers (scripts/readers); unicode-data
# has Unicode's bidi conformance files.
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev xvfb poppler-utils qpdf openssl mupdf-tools nodejs unicode-data)
# xdotool types into the real window in the end-to-end tests; xmodmap gives
# each non-ASCII character a key first.
pkgs+=(xdotool x11-xserver-utils)
pkgs+=(time) # /usr/bin/time: peak memory in the bench scripts (make bench-status)
# translate-toolkit (tmx2po, xliff2po, po2xliff) judges the TMX and XLIFF we write.
pkgs+=(translate-toolkit)
if [ "${1:-}" = "--screenshots" ]; then
	pkgs+=(imagemagick xdotool)
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	case "$(uname -s)" in
	Darwin) echo "deps: on macOS install Xcode's command line tools (xcode-select --install) and, for the tests, 'brew install poppler qpdf'." ;;
	MINGW* | MSYS* | CYGWIN*) echo "deps: on Windows install MSYS2 with mingw-w64-x86_64-gcc, and poppler and qpdf for the tests." ;;
	*) echo "deps: not a Debian-like system; install the equivalents of: ${pkgs[*]}" ;;
	esac
	# Go and a C compiler are enough to build; carry on and let the build say what is missing.
	exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "deps: not root and no sudo: install these packages first: ${missing[*]}" >&2
		exit 1
	fi
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
