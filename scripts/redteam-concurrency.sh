#!/usr/bin/env bash
# Red team for issue 13's "lose nothing under concurrency", with the built
# command line (not the test binary): ROUNDS rounds each of
#   merge-merge   two `communique merge` on one catalog at once
#   merge-locales the same on a go-i18n project opened with --locales
#   merge-mixed   the same project, one merge opening it by its root
#                 (--workspace) and one by its catalogs' folder (--locales)
#   merge-save    a merge while the desktop app's save path writes the same
#                 catalog (workspace.Open, SetTranslation, Save; reload and
#                 redo on a conflict: app/cli's test binary, "app-save")
#   export-export two signed exports into one folder
# A loss is a process that reported success (exit 0, or "saved") whose
# change is not on disk, or a manifest.json that does not describe the PDF
# beside it. Prints the losses per scenario; exits 1 if there are any.
#
#   scripts/redteam-concurrency.sh [ROUNDS]      (default 60)
set -euo pipefail
ROUNDS=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
C=$WORK/communique
(cd "$ROOT" && CGO_ENABLED=0 go build -tags headless -o "$C" . && go test -c -o "$WORK/cli.test" ./app/cli)
appsave() { COMMUNIQUE_TEST_CHILD=1 "$WORK/cli.test" app-save "$@"; }

sha1() { printf '%s' "$1" | sha1sum | cut -d' ' -f1; }

# A workspace with N source messages m000…; prints its folder.
workspace() {
  local dir=$WORK/$1 n=$2
  "$C" init "$dir" --langs fr >/dev/null
  : >"$dir/locales/active.en.toml"
  for i in $(seq 0 $((n - 1))); do
    printf '[m%03d]\nother = "Source text %d"\n\n' "$i" "$i" >>"$dir/locales/active.en.toml"
  done
  echo "$dir"
}

# handoff FILE ID N TEXT: a returned translation of message ID (source N).
handoff() {
  printf '[%s]\nhash = "sha1-%s"\nother = "%s"\n' "$2" "$(sha1 "Source text $3")" "$4" >"$1"
}

# ondisk FILE ID TEXT: is TEXT the translation of ID in the TOML catalog?
ondisk() { grep -A3 "^\[$2\]" "$1" | grep -qF "other = \"$3\""; }

lost_mm=0 lost_ml=0 lost_mx=0 lost_ms=0 lost_ee=0 refused=0

# merge-merge
ws=$(workspace mm 2)
for r in $(seq 1 "$ROUNDS"); do
  handoff "$WORK/a.fr.toml" m000 0 "A $r"
  handoff "$WORK/b.fr.toml" m001 1 "B $r"
  mkdir -p "$WORK/ha" "$WORK/hb"
  mv "$WORK/a.fr.toml" "$WORK/ha/translate.fr.toml"; mv "$WORK/b.fr.toml" "$WORK/hb/translate.fr.toml"
  "$C" merge --quiet --workspace "$ws" "$WORK/ha/translate.fr.toml" >"$WORK/oa" 2>&1 & pa=$!
  "$C" merge --quiet --workspace "$ws" "$WORK/hb/translate.fr.toml" >"$WORK/ob" 2>&1 & pb=$!
  ea=0; wait $pa || ea=$?; eb=0; wait $pb || eb=$?
  [ $ea = 0 ] && ! ondisk "$ws/locales/active.fr.toml" m000 "A $r" && lost_mm=$((lost_mm + 1))
  [ $eb = 0 ] && ! ondisk "$ws/locales/active.fr.toml" m001 "B $r" && lost_mm=$((lost_mm + 1))
  [ $ea != 0 ] || [ $eb != 0 ] && refused=$((refused + 1)) && cat "$WORK/oa" "$WORK/ob" >&2
done
echo "merge-merge:   $ROUNDS rounds, $lost_mm lost"

# merge-locales: a go-i18n project (no communique.toml), JSON catalogs.
lp=$WORK/proj
mkdir -p "$lp/lang"
printf '{\n  "m000": "Source text 0",\n  "m001": "Source text 1",\n  "m002": "Source text 2"\n}\n' >"$lp/lang/base.en.json"
printf '{\n  "m002": "Texte 2"\n}\n' >"$lp/lang/base.fr.json"
for r in $(seq 1 "$ROUNDS"); do
  handoff "$WORK/ha/translate.fr.toml" m000 0 "A $r"
  handoff "$WORK/hb/translate.fr.toml" m001 1 "B $r"
  "$C" merge --quiet --locales "$lp/lang" "$WORK/ha/translate.fr.toml" >"$WORK/oa" 2>&1 & pa=$!
  "$C" merge --quiet --locales "$lp/lang" "$WORK/hb/translate.fr.toml" >"$WORK/ob" 2>&1 & pb=$!
  ea=0; wait $pa || ea=$?; eb=0; wait $pb || eb=$?
  [ $ea = 0 ] && ! grep -qF "\"A $r\"" "$lp/lang/base.fr.json" && lost_ml=$((lost_ml + 1))
  [ $eb = 0 ] && ! grep -qF "\"B $r\"" "$lp/lang/base.fr.json" && lost_ml=$((lost_ml + 1))
  [ $ea != 0 ] || [ $eb != 0 ] && refused=$((refused + 1)) && cat "$WORK/oa" "$WORK/ob" >&2
done
[ -e "$lp/lang/communique.toml" ] && echo "merge-locales wrote a communique.toml" && lost_ml=$((lost_ml + 1))
echo "merge-locales: $ROUNDS rounds, $lost_ml lost"

# merge-mixed
for r in $(seq 1 "$ROUNDS"); do
  handoff "$WORK/ha/translate.fr.toml" m000 0 "C $r"
  handoff "$WORK/hb/translate.fr.toml" m001 1 "D $r"
  "$C" merge --quiet --workspace "$lp" "$WORK/ha/translate.fr.toml" >"$WORK/oa" 2>&1 & pa=$!
  "$C" merge --quiet --locales "$lp/lang" "$WORK/hb/translate.fr.toml" >"$WORK/ob" 2>&1 & pb=$!
  ea=0; wait $pa || ea=$?; eb=0; wait $pb || eb=$?
  [ $ea = 0 ] && ! grep -qF "\"C $r\"" "$lp/lang/base.fr.json" && lost_mx=$((lost_mx + 1))
  [ $eb = 0 ] && ! grep -qF "\"D $r\"" "$lp/lang/base.fr.json" && lost_mx=$((lost_mx + 1))
  [ $ea != 0 ] || [ $eb != 0 ] && refused=$((refused + 1)) && cat "$WORK/oa" "$WORK/ob" >&2
done
echo "merge-mixed:   $ROUNDS rounds, $lost_mx lost"

# merge-save: the app's save opens the workspace before the merge starts
# and saves while it runs; on a conflict it reports "conflict" (the app
# asks the user), which is no loss as long as it did not say "saved".
ws=$(workspace ms 2)
for r in $(seq 1 "$ROUNDS"); do
  handoff "$WORK/ha/translate.fr.toml" m000 0 "A $r"
  appsave "$ws" fr m001 "S $r" >"$WORK/os" 2>&1 & ps=$!
  "$C" merge --quiet --workspace "$ws" "$WORK/ha/translate.fr.toml" >"$WORK/oa" 2>&1 & pa=$!
  ea=0; wait $pa || ea=$?; es=0; wait $ps || es=$?
  [ $ea = 0 ] && ! ondisk "$ws/locales/active.fr.toml" m000 "A $r" && lost_ms=$((lost_ms + 1))
  grep -q '^saved' "$WORK/os" && ! ondisk "$ws/locales/active.fr.toml" m001 "S $r" && lost_ms=$((lost_ms + 1))
  [ $ea != 0 ] && refused=$((refused + 1)) && cat "$WORK/oa" >&2
  [ $es != 0 ] && echo "app save failed: $(cat "$WORK/os")" >&2 && lost_ms=$((lost_ms + 1))
done
echo "merge-save:    $ROUNDS rounds, $lost_ms lost"

# export-export: two signed exports of the sample into one folder.
"$C" sample "$WORK/sample" >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj "/CN=Red Team/O=Communique" >/dev/null 2>&1
cat "$WORK/key.pem" "$WORK/cert.pem" >"$WORK/id.pem"
for r in $(seq 1 "$ROUNDS"); do
  out=$WORK/out$r
  "$C" export --workspace "$WORK/sample" --lang en --out "$out" --sign "$WORK/id.pem" --role "A" --quiet >"$WORK/oa" 2>&1 & pa=$!
  "$C" export --workspace "$WORK/sample" --lang en --out "$out" --sign "$WORK/id.pem" --role "B" --quiet >"$WORK/ob" 2>&1 & pb=$!
  ea=0; wait $pa || ea=$?; eb=0; wait $pb || eb=$?
  [ $ea != 0 ] || [ $eb != 0 ] && refused=$((refused + 1)) && cat "$WORK/oa" "$WORK/ob" >&2
  ok=$(cd "$out" && python3 -c '
import hashlib, json
m = json.load(open("manifest.json"))
bad = [f["file"] for f in m["files"] if hashlib.sha256(open(f["file"], "rb").read()).hexdigest() != f["sha256"]]
print("bad" if bad else "ok")' 2>&1 || echo bad)
  [ "$ok" != ok ] && lost_ee=$((lost_ee + 1)) && echo "round $r: $ok" >&2
  rm -rf "$out"
done
echo "export-export: $ROUNDS rounds, $lost_ee inconsistent manifests"
echo "commands that exited non-zero (refusals, not losses): $refused"
[ $((lost_mm + lost_ml + lost_mx + lost_ms + lost_ee)) = 0 ]
