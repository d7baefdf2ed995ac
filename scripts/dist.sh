#!/usr/bin/env bash
# Builds the release files into DIR (default dist/): the Linux bundle and
# static command line, the Windows app and command line, the macOS command
# lines, and SHA256SUMS. The macOS .app needs a Mac: .github/workflows/release.yml.
#
# Reproducible: -trimpath, no build IDs, archive entries sorted, owned by
# root and dated SOURCE_DATE_EPOCH (default: the last commit's time), so two
# runs from the same commit, in any folder, give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

read -r version build < <(scripts/version.sh)
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C
GO=${GO:-go}
# The version goes into the command line (--version) and, through fyne
# package, into the app's metadata and the Windows version resource.
ldflags="-s -w -buildid= -X communique/app/cli.Version=$version -X communique/app/cli.Build=$build"
# fyne package takes its -ldflags from GOFLAGS, where a space separates
# flags: one -ldflags= per linker flag, which it joins for go build.
fyneflags="-buildvcs=false -ldflags=-buildid= -ldflags=-X=communique/app/cli.Version=$version -ldflags=-X=communique/app/cli.Build=$build"
echo "dist: Communiqué $version (build $build) into $out"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# The packager (pinned in tools/fyne/go.mod) is built once for this
# machine, before CC and GOOS point at Windows for the app it packages.
echo "dist: fyne packager"
"$GO" build -modfile="$root/tools/fyne/go.mod" -o "$stage/fyne" fyne.io/tools/cmd/fyne
fyne=("$stage/fyne")
rm -f "$out"/communique-* "$out"/SHA256SUMS

# headless GOOS GOARCH NAME: the command line alone, without cgo.
headless() {
	echo "dist: $3"
	CGO_ENABLED=0 GOOS=$1 GOARCH=$2 "$GO" build -trimpath -buildvcs=false -tags headless -ldflags "$ldflags" -o "$out/$3" .
}

# fyne_package OS: the desktop app through fyne package (icon, metadata,
# Windows resources), from a copy of the tree so the files it writes
# beside the source never touch the checkout.
fyne_package() {
	# The folder is named after the module: fyne names the binary after it.
	local src=$stage/$1/communique
	mkdir -p "$src"
	tar -C "$root" --exclude=./dist --exclude=./.git --exclude=./node_modules --exclude='./communique*' -cf - . | tar -C "$src" -xf -
	(
		cd "$src"
		# -release adds -s -w and -trimpath.
		GOFLAGS=$fyneflags "${fyne[@]}" package -os "$1" -release \
			--app-version "$version" --app-build "$build" -icon assets/icon.png
	)
}

# spdx FILE: the SPDX ids of the licences FILE's wording matches, joined
# with AND (yaml's file holds MIT and Apache-2.0 parts), or "unknown".
spdx() {
	# The OFL's wording includes the MIT licence's first sentence.
	grep -q 'SIL OPEN FONT LICENSE' "$1" && { echo OFL-1.1; return; }
	local ids=()
	grep -q 'Apache License' "$1" && grep -q 'Version 2.0' "$1" && ids+=(Apache-2.0)
	grep -q 'Mozilla Public License' "$1" && ids+=(MPL-2.0)
	grep -q 'Permission is hereby granted, free of charge' "$1" && ids+=(MIT)
	if grep -q 'Redistribution and use in source and binary forms' "$1"; then
		if grep -qi 'Neither the name\|names of its contributors' "$1"; then ids+=(BSD-3-Clause); else ids+=(BSD-2-Clause); fi
	fi
	grep -q "provided 'as-is'" "$1" && ids+=(Zlib)
	grep -q 'Permission to use, copy, modify, and/or distribute' "$1" && ids+=(ISC)
	local IFS=' '
	if [ ${#ids[@]} = 0 ]; then echo unknown; else echo "${ids[*]}" | sed 's/ / AND /g'; fi
}

# licences GOOS DEST: the licence files of Go and of every module linked
# into the app for GOOS, as DEST/<module path>/<file>, and DEST/NOTICES.csv
# listing each (module, version, SPDX id, file), as go-licenses would. A
# licence no rule recognises stops the build: someone must read it.
licences() {
	mkdir -p "$2/go"
	cp "$("$GO" env GOROOT)/LICENSE" "$2/go/LICENSE"
	local notices=$2/NOTICES.csv
	echo "module,version,licence,file" >"$notices"
	echo "go,$("$GO" env GOVERSION),$(spdx "$2/go/LICENSE"),go/LICENSE" >>"$notices"
	CGO_ENABLED=1 GOOS=$1 "$GO" list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{.Dir}}{{end}}{{end}}' . | sort -u |
		while read -r mod ver dir; do
			local found=0 f base id
			for f in "$dir"/*; do
				base=$(basename "$f")
				case $(echo "$base" | tr '[:upper:]' '[:lower:]') in
				notice*) mkdir -p "$2/$mod" && cp "$f" "$2/$mod/" && echo "$mod,$ver,notice,$mod/$base" >>"$notices" ;;
				licen[cs]e* | copying* | unlicense*)
					id=$(spdx "$f")
					[ "$id" != unknown ] || { echo "dist: $mod's $base is no licence this script knows; read it and add a rule to spdx" >&2; return 1; }
					mkdir -p "$2/$mod" && cp "$f" "$2/$mod/" && found=1
					echo "$mod,$ver,$id,$mod/$base" >>"$notices"
					;;
				esac
			done
			[ $found = 1 ] || { echo "dist: no licence file in $mod" >&2; return 1; }
		done
}

# normalize DIR: the metadata an archive records, made the same whatever
# the umask, clock and owner of the run: folders and executables 0755,
# other files 0644, every mtime SOURCE_DATE_EPOCH.
normalize() {
	find "$1" -type d -exec chmod 0755 {} +
	find "$1" -type f -perm /u+x -exec chmod 0755 {} +
	find "$1" -type f ! -perm /u+x -exec chmod 0644 {} +
	find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

repack_tar() { # DIR ARCHIVE: deterministic tar.xz of DIR's contents
	normalize "$1"
	tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		--format=gnu -cf - . | xz -T1 -6 >"$2"
}

linux_bundle() {
	echo "dist: Linux bundle (fyne package)"
	fyne_package linux
	local tree=$stage/linux-tree
	mkdir -p "$tree"
	tar -C "$tree" -xJf "$stage"/linux/communique/*.tar.xz
	local desktop
	desktop=$(find "$tree" -name '*.desktop')
	desktop-file-validate "$desktop"
	# Everything under the one folder fyne's archive holds (communique/).
	local top=$tree/communique
	cp LICENSE "$top/LICENSE"
	cp README.md "$top/README.md"
	mkdir -p "$top/fonts" && cp assets/fonts/OFL.txt "$top/fonts/OFL.txt"
	licences linux "$top/licences"
	repack_tar "$tree" "$out/communique-$version-linux-amd64.tar.xz"
}

windows_zip() {
	echo "dist: Windows app (fyne package, mingw-w64)"
	CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOARCH=amd64 fyne_package windows
	local zipdir=$stage/windows-zip tree=$stage/windows-zip/communique-$version
	mkdir -p "$tree/fonts"
	# fyne names the exe after the app's display name (Communiqué.exe).
	cp "$stage"/windows/communique/*.exe "$tree/communique.exe"
	cp "$out/communique-headless.exe" "$tree/"
	cp LICENSE "$tree/LICENSE.txt"
	cp README.md "$tree/README.md"
	cp assets/fonts/OFL.txt "$tree/fonts/OFL.txt"
	licences windows "$tree/licences"
	normalize "$zipdir"
	# zip records local times (TZ=UTC above) and the Unix modes; -X drops
	# the owner and the extra timestamps.
	(cd "$zipdir" && find . -mindepth 1 | sort | sed 's|^\./||' | zip -X -q -9 -@ "$out/communique-$version-windows-amd64.zip")
	cp "$tree/communique.exe" "$out/communique.exe"
}

headless linux amd64 communique-headless-linux-amd64
headless windows amd64 communique-headless.exe
headless darwin amd64 communique-headless-darwin-amd64
headless darwin arm64 communique-headless-darwin-arm64
linux_bundle
windows_zip

(cd "$out" && sha256sum communique-* communique.exe | LC_ALL=C sort -k2 >SHA256SUMS)
echo "dist: done"
ls -l "$out"
