# A killed index run never leaves an index that cannot be searched, never
# loses what it committed, and the next run completes the work: the result
# equals a clean run. SIGINT and SIGTERM commit and exit 130/143. A killed
# --rebuild leaves the live index as it was, and the next --rebuild
# completes and switches.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
in=$(realpath -s -m "$SCRATCH/in")
make_text_articles "$in" 5000 20 60
total=5000
index() { local db=$1; shift; "$NEWSDEX_INDEX" --no-entities --batch-size 100 --db "$db" "$@"; }

# Reference: one clean run.
expect_status 0 index "$SCRATCH/A" "$in"
expect_contains "$SCRATCH/err" "added $total, updated 0, deleted 0, unchanged 0, failed 0"
ids_a=$(index_ids "$SCRATCH/A")
expect_eq "$(wc -l <<<"$ids_a")" "$total" "reference id count"
expect_eq "$(doc_count "$SCRATCH/A")" "$total" "reference article count"

# The database answers a search: exit 0 (found) or 1 (not yet), never 2.
expect_searchable() {
  local db=$1 what=$2 rc=0
  "$NEWSDEX_SEARCH" --db "$db" --json --limit 5 zebracorn >"$SCRATCH/s.out" 2>"$SCRATCH/s.err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "$what: search exited $rc: $(cat "$SCRATCH/s.err")"
  rc=0
  "$NEWSDEX_SEARCH" --db "$db" --stats --json >"$SCRATCH/s.out" 2>"$SCRATCH/s.err" || rc=$?
  [[ $rc == 0 ]] || fail "$what: --stats exited $rc: $(cat "$SCRATCH/s.err")"
  checks=$((checks + 1))
}

# Every id in DB is a reference id (nothing half-written, no strays), and
# there are no duplicates.
expect_subset_of_reference() {
  local db=$1 what=$2 ids
  ids=$(index_ids "$db")
  [[ -z $ids ]] && return 0
  local extra
  extra=$(LC_ALL=C comm -23 <(printf '%s\n' "$ids") <(printf '%s\n' "$ids_a") | head -5)
  [[ -z $extra ]] || fail "$what: ids not in the reference: $extra"
  expect_eq "$(doc_count "$db")" "$(wc -l <<<"$ids")" "$what: article count equals distinct ids"
}

# Starts an index run into DB in the background; sets $pid.
start_index() {
  local db=$1; shift
  # A simple command, so that $! is newsdex-index itself, not a subshell.
  "$NEWSDEX_INDEX" --no-entities --batch-size 100 --db "$db" "$@" >"$SCRATCH/bg.out" 2>"$SCRATCH/bg.err" &
  pid=$!
}

running() { kill -0 "$pid" 2>/dev/null; }
count_at_least() { (($(doc_count "$1") >= $2)); }
# Waits until DB holds N committed articles or the run has ended.
wait_for_count() { wait_until 120 eval "count_at_least '$1' $2 || ! running" || fail "no progress to $2 articles in $1"; }

# Kill -9 at several points of the same database: after growing past
# thresholds, and after short delays from the start.
B=$SCRATCH/B
kills=0
for threshold in 300 1200 2500 3800 delay:0.05 delay:0.3; do
  start_index "$B" "$in"
  if [[ $threshold == delay:* ]]; then
    sleep "${threshold#delay:}"
    before=0
  else
    wait_for_count "$B" "$threshold"
    before=$(doc_count "$B")
  fi
  if running; then kills=$((kills + 1)); fi
  kill -KILL "$pid" 2>/dev/null || true
  rc=0; wait "$pid" 2>/dev/null || rc=$?
  [[ $rc == 137 || $rc == 0 ]] || fail "run killed at $threshold exited $rc: $(cat "$SCRATCH/bg.err")"
  if [[ -e $B/XAPIANDB ]]; then
    expect_searchable "$B" "after kill -9 at $threshold"
    after=$(doc_count "$B")
    ((after >= before)) || fail "kill -9 at $threshold lost committed articles: $before before, $after after"
    expect_subset_of_reference "$B" "after kill -9 at $threshold"
  fi
done
# At least the threshold kills must have hit a running indexer, else this
# test tested nothing.
((kills >= 3)) || fail "only $kills of the kills hit a running indexer; make the corpus bigger"

expect_status 0 index "$B" "$in"
expect_contains "$SCRATCH/err" "deleted 0"
expect_contains "$SCRATCH/err" "failed 0"
expect_eq "$(index_ids "$B")" "$ids_a" "ids after kills and a completing run equal the clean run"
expect_eq "$(doc_count "$B")" "$total" "article count after kills"
expect_status 0 index "$B" "$in"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged $total, failed 0"

# SIGINT and SIGTERM: the run stops, commits, prints its summary and says
# so, and exits 128 + the signal; the next run completes.
for sig in INT:130:2 TERM:143:15; do
  IFS=: read -r name code num <<<"$sig"
  C=$SCRATCH/C-$name
  start_index "$C" "$in" --summary-json "$SCRATCH/C-$name.json"
  wait_for_count "$C" 1000
  running || fail "the run finished before SIG$name could be sent; make the corpus bigger"
  kill -"$name" "$pid"
  rc=0; wait "$pid" 2>/dev/null || rc=$?
  expect_eq "$rc" "$code" "exit status after SIG$name"
  expect_contains "$SCRATCH/bg.err" "newsdex-index: added "
  expect_contains "$SCRATCH/bg.err" "stopped by signal $num"
  expect_eq "$(jq -r '.stopped' "$SCRATCH/C-$name.json")" "true" "summary JSON says stopped after SIG$name"
  expect_eq "$(jq -r '.exit_code' "$SCRATCH/C-$name.json")" "$code" "summary JSON exit code after SIG$name"
  # What the summary says was added is what was committed.
  added=$(sed -n 's/^newsdex-index: added \([0-9]*\),.*/\1/p' "$SCRATCH/bg.err")
  expect_eq "$(doc_count "$C")" "$added" "SIG$name: everything the summary counts is committed"
  expect_searchable "$C" "after SIG$name"
  expect_status 0 index "$C" "$in"
  expect_contains "$SCRATCH/err" "added $((total - added)), updated 0, deleted 0, unchanged $added, failed 0"
  expect_eq "$(index_ids "$C")" "$ids_a" "ids after SIG$name and a re-run"
done

# --rebuild killed mid-way: the live index still answers with the old
# content; the next --rebuild completes and switches.
extra=$(realpath -s -m "$SCRATCH/extra")
mkdir -p "$extra"
printf 'Zebracorn quokkafish\n\nOnly the rebuilt index knows the quokkafish.\n' > "$extra/quokka.txt"
live_gen=$(cat "$B/XAPIANDB")
# The stub names the live generation's shards: "auto gen-N/shard-K" lines.
gen_of_stub() { sed -n '1s|^auto gen-\([0-9]*\)/.*|\1|p' "$1"; }
next=$(( $(gen_of_stub "$B/XAPIANDB") + 1 ))
# Articles committed so far in all shards of generation directory $1.
gen_count() {
  local n=0 d
  for d in "$1"/shard-*; do [[ -d $d ]] && n=$((n + $(doc_count "$d"))); done
  echo "$n"
}
gen_count_at_least() { (($(gen_count "$1") >= $2)); }
start_index "$B" --rebuild "$in" "$extra"
wait_until 120 eval "gen_count_at_least '$B/gen-$next' 1500 || ! running" || fail "rebuild made no progress"
running || fail "the rebuild finished before it could be killed; make the corpus bigger"
# While the rebuild runs, searches see the old index.
expect_status 0 "$NEWSDEX_SEARCH" --db "$B" --json --duplicates show --limit 1 zebracorn
expect_eq "$(jqr '.total')" "$total" "old content during the rebuild"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
expect_eq "$(cat "$B/XAPIANDB")" "$live_gen" "a killed rebuild does not switch"
expect_searchable "$B" "after the killed rebuild"
expect_eq "$(index_ids "$B")" "$ids_a" "old content after the killed rebuild"
expect_status 1 "$NEWSDEX_SEARCH" --db "$B" quokkafish

expect_status 0 index "$B" --rebuild "$in" "$extra"
expect_contains "$SCRATCH/err" "added $((total + 1)), updated 0, deleted 0, unchanged 0, failed 0"
expect_eq "$(gen_of_stub "$B/XAPIANDB")" "$next" "the rebuild switched"
expect_eq "$(index_ids "$B")" "$(LC_ALL=C sort <<<"$ids_a"$'\n'"$extra/quokka.txt")" "ids after the rebuild"
expect_status 0 "$NEWSDEX_SEARCH" --db "$B" --json quokkafish
expect_eq "$(jqr '.results[0].id')" "$extra/quokka.txt" "new content after the rebuild"
# The rebuilt index is incremental from here on.
expect_status 0 index "$B" "$in" "$extra"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged $((total + 1)), failed 0"
done_ok
