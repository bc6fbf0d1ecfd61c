#!/usr/bin/env bash
# Reliability under concurrency, crashes and interrupts, with the built skillmeat binary and local folder
# sources (no network, no server). Prints a summary table and exits 1 if anything was lost or left
# inconsistent. Figures and the machine they were measured on: docs/RELIABILITY.md.
#
# usage: scripts/reliability.sh [--binary PATH] [--kills N] [--artifacts N] [--seed N]
#   --binary     the skillmeat binary (default .build/debug/skillmeat)
#   --kills      kill -9 tries, half import and half deploy (default 20)
#   --artifacts  commands in the marketplace the kill and interrupt runs work on (default 200)
#   --seed       seed of the random kill moments (default: the time)
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/debug/skillmeat
kills=20
artifacts=200
seed=$(date +%s)
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --artifacts) artifacts=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
[ -x "$binary" ] || { echo "build the binary first (swift build): $binary is missing" >&2; exit 2; }
RANDOM=$seed

work=$(mktemp -d "${TMPDIR:-/tmp}/skillmeat-reliability.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
failed=0
rows=()

sm() { SKILLMEAT_HOME="$home" HOME="$work" "$binary" "$@"; }
# Starts the binary in the background (not through a function, so $! is the binary itself) and, after
# $1 seconds, sends it signal $2; sets $outcome to its exit status (128 + the signal if it died of it).
interrupt() {
  local delay=$1 signal=$2
  shift 2
  SKILLMEAT_HOME="$home" HOME="$work" "$binary" "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$delay"
  kill "-$signal" "$pid" 2>/dev/null || true
  outcome=0
  { wait "$pid"; } 2>/dev/null || outcome=$?
}

# A marketplace folder of $2 commands named $3-<n>.
market() {
  mkdir -p "$1/commands"
  for ((n = 0; n < $2; n++)); do
    printf -- '---\ndescription: Command %s\n---\nDo %s with $ARGUMENTS.\n' "$n" "$n" >"$1/commands/$3-$n.md"
  done
}

# Counts in the collection of $home: manifest entries, lock entries, cache rows, files, imported catalog entries.
counts() {
  local collection=$home/collections/default
  local manifest lock cache files catalog
  manifest=$(grep -c '^\[\[artifacts\]\]' "$collection/collection.toml" || true)
  lock=$(grep -c '^\[lock\.entries\.' "$collection/collection.lock" || true)
  cache=$(sm list --json | grep -c '^    "id": ' || true)
  files=$(find "$collection/commands" -name '*.md' | wc -l)
  catalog=$(sm catalog list --source big --json | grep -c '^      "status": "imported"' || true)
  echo "$manifest $lock $cache $files $catalog"
}

# What an interrupted or killed process left under .staging (scratch folders and install journals).
leftovers() {
  find "$home/collections/default/.staging" -mindepth 1 -maxdepth 1 \( -name 'import-*' -o -name 'install-*' \) 2>/dev/null | wc -l
}

# Deployed files under $1 that no record lists.
unrecorded() {
  local project=$1 count=0 file
  [ -d "$project/.claude/commands" ] || { echo 0; return; }
  for file in "$project"/.claude/commands/*.md; do
    [ -e "$file" ] || continue
    grep -q "path = \"\.claude/commands/$(basename "$file")\"" "$project/.claude/.skillmeat-deployed.toml" 2>/dev/null || count=$((count + 1))
  done
  echo "$count"
}

# One try went wrong: count it in $bad and say how.
fail() { bad=$((bad + 1)); echo "$*" >&2; }

# Whether manifest, lock, cache rows, files and catalog marks of $home all agree (read into globals).
agree() {
  read -r manifest lock cache files catalog <<<"$(counts)"
  [ "$manifest" = "$lock" ] && [ "$lock" = "$cache" ] && [ "$cache" = "$files" ] && [ "$files" = "$catalog" ]
}

row() { rows+=("$(printf '%-44s %6s %6s %8s' "$1" "$2" "$3" "$4")"); [ "$3" = 0 ] || failed=1; }

# A home with the marketplace 'big' of $artifacts commands, everything imported: the template the
# deploy runs copy.
template=$work/template
home=$template
market "$work/big" "$artifacts" c
sm init >/dev/null
sm source add "$work/big" --name big >/dev/null
sm import --source big --all >/dev/null
# An empty home with the same source, for the import runs.
fresh=$work/fresh
home=$fresh
sm init >/dev/null
sm source add "$work/big" --name big >/dev/null

# 1. Eight processes at once, each adding, importing and deploying its own artifacts into one project.
t0=$(date +%s)
home=$work/concurrent
rounds=4
market "$work/small" 32 m
sm init >/dev/null
sm source add "$work/small" --name big >/dev/null
mkdir -p "$work/shared-project"
for ((w = 0; w < 8; w++)); do
  (
    for ((r = 0; r < rounds; r++)); do
      n=$((w * rounds + r))
      printf -- '---\ndescription: Added %s\n---\nAdded %s.\n' "$n" "$n" >"$work/added-$n.md"
      sm add "$work/added-$n.md" --name "a-$n" >/dev/null 2>>"$work/concurrent.err" || echo "add a-$n failed" >>"$work/concurrent.err"
      sm import "big:commands/m-$n.md" >/dev/null 2>>"$work/concurrent.err" || echo "import m-$n failed" >>"$work/concurrent.err"
      sm deploy "a-$n" --project "$work/shared-project" --yes >/dev/null 2>>"$work/concurrent.err" || echo "deploy a-$n failed" >>"$work/concurrent.err"
    done
  ) &
done
wait
expected=$((8 * rounds))
read -r manifest lock cache files catalog <<<"$(counts)"
records=$(grep -c '^\[\[deployed\]\]' "$work/shared-project/.claude/.skillmeat-deployed.toml" || true)
lost=$(((2 * expected - manifest) + (2 * expected - lock) + (2 * expected - cache) + (2 * expected - files) + (expected - catalog) + (expected - records)))
[ "$lost" = 0 ] || cat "$work/concurrent.err" >&2
[ "$lost" = 0 ] || echo "concurrent: manifest $manifest, lock $lock, cache $cache, files $files of $((2 * expected)); catalog $catalog, records $records of $expected" >&2
row "8 concurrent add/import/deploy: lost entries" "$((8 * rounds * 3))" "$lost" "$(($(date +%s) - t0))s"

# 2. kill -9 at a random moment of import --all or deploy of every artifact, then the next command.
t0=$(date +%s)
bad=0
hit=0
for ((try = 0; try < kills; try++)); do
  delay=$(printf '0.%03d' $((RANDOM % 900 + 100)))
  if ((try % 2 == 0)); then
    home=$work/kill-import-$try
    cp -a "$fresh" "$home"
    interrupt "$delay" KILL import --source big --all
    [ "$outcome" != 137 ] || hit=$((hit + 1))
    sm import --source big --all >/dev/null 2>&1 || true
    { agree && [ "$manifest" = "$artifacts" ] && [ "$(leftovers)" = 0 ]; } \
      || fail "import try $try (kill after ${delay}s): manifest $manifest, lock $lock, cache $cache, files $files, catalog $catalog, staging $(leftovers)"
  else
    home=$work/kill-deploy-$try
    cp -a "$template" "$home"
    project=$work/project-$try
    mkdir -p "$project"
    names=$(cd "$work/big/commands" && ls | sed 's/\.md$//')
    # shellcheck disable=SC2086
    interrupt "$delay" KILL deploy $names --project "$project" --yes
    [ "$outcome" != 137 ] || hit=$((hit + 1))
    # status finishes what the killed deploy meant to write; no file may be left without its record.
    synced=$(sm status --project "$project" --json | grep -c '"state": "synced"' || true)
    orphans=$(unrecorded "$project")
    # shellcheck disable=SC2086
    redeploy=0; sm deploy $names --project "$project" --yes >/dev/null 2>&1 || redeploy=$?
    after=$(sm status --project "$project" --json | grep -c '"state": "synced"' || true)
    [ "$orphans" = 0 ] && [ "$redeploy" = 0 ] && [ "$after" = "$artifacts" ] \
      || fail "deploy try $try (kill after ${delay}s): $synced synced after the kill, $orphans unrecorded files, redeploy exit $redeploy, $after synced after it"
  fi
  rm -rf "$home"
done
row "kill -9 of import/deploy ($hit killed mid-run): bad" "$kills" "$bad" "$(($(date +%s) - t0))s"

# 3. SIGINT during import --all: exit 130, what is imported is consistent, no staging left behind.
t0=$(date +%s)
bad=0
stopped=0
interrupts=5
for ((try = 0; try < interrupts; try++)); do
  home=$work/interrupt-$try
  cp -a "$fresh" "$home"
  # A script's background job starts with SIGINT ignored; skillmeat takes it over once it imports.
  interrupt "$(printf '0.%03d' $((RANDOM % 500 + 400)))" INT import --source big --all
  [ "$outcome" != 130 ] || stopped=$((stopped + 1))
  { agree && [ "$(leftovers)" = 0 ] && { [ "$outcome" = 130 ] || [ "$outcome" = 0 ]; }; } \
    || fail "interrupt try $try: exit $outcome, manifest $manifest, lock $lock, cache $cache, files $files, catalog $catalog, staging $(leftovers)"
  rm -rf "$home"
done
row "SIGINT in import --all ($stopped exit 130): left bad" "$interrupts" "$bad" "$(($(date +%s) - t0))s"

# 4. Two deploys into one project at once, through a symbolic link and through its real path.
t0=$(date +%s)
home=$work/linked
cp -a "$template" "$home"
mkdir -p "$work/real-project"
ln -s "$work/real-project" "$work/linked-project"
half=$((artifacts / 2))
first=$(for ((n = 0; n < half; n++)); do echo "c-$n"; done)
second=$(for ((n = half; n < artifacts; n++)); do echo "c-$n"; done)
# shellcheck disable=SC2086
sm deploy $first --project "$work/linked-project" --yes >/dev/null 2>&1 &
# shellcheck disable=SC2086
sm deploy $second --project "$work/real-project" --yes >/dev/null 2>&1 &
wait
records=$(grep -c '^\[\[deployed\]\]' "$work/real-project/.claude/.skillmeat-deployed.toml" || true)
registered=$(grep -c '^path = ' "$home/projects.toml" || true)
row "deploy via symlink + real path at once: lost" "$artifacts" "$((artifacts - records + registered - 1))" "$(($(date +%s) - t0))s"

printf '%-44s %6s %6s %8s\n' "check" "tries" "bad" "time"
printf '%s\n' "${rows[@]}"
echo "seed $seed, $artifacts artifacts, total $(($(date +%s) - started))s"
exit "$failed"
