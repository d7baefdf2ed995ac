#!/usr/bin/env bash
# Prints the release version and build number, "VERSION BUILD", from the git
# tags: vX.Y.Z on HEAD gives "X.Y.Z 1"; N commits after it gives "X.Y.Z N+1"
# (Fyne wants builds from 1). Without a tag or without git (a source
# archive), FyneApp.toml's Version and Build. A tag that disagrees with FyneApp.toml is an error: the
# window's About box reads FyneApp.toml, the command line and the Windows
# resource read this, and all three must say the same.
set -euo pipefail
cd "$(dirname "$0")/.."

toml=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n1)
tomlbuild=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' FyneApp.toml | head -n1)
if [ -z "$toml" ]; then
	echo "version: FyneApp.toml has no Version" >&2
	exit 1
fi

desc=""
# Only this project's own repository counts, not one it was unpacked into.
if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$PWD" ]; then
	desc=$(git describe --tags --long --match 'v[0-9]*.[0-9]*.[0-9]*' 2>/dev/null || true)
fi
if [ -z "$desc" ]; then
	echo "$toml ${tomlbuild:-1}"
	exit 0
fi
# vX.Y.Z-N-gHASH
build=${desc%-g*}
build=${build##*-}
tag=${desc%-*-g*}
tag=${tag#v}
if [ "$tag" != "$toml" ]; then
	echo "version: git tag v$tag but FyneApp.toml says Version = \"$toml\"; make them agree" >&2
	exit 1
fi
echo "$tag $((build + 1))"
