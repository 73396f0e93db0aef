# One writer at a time: while an index run holds DB/newsdex.lock, a second
# newsdex-index on the same database (index, --rebuild, --compact) exits 75
# at once with a message saying it is locked; with --wait it waits, then
# succeeds. A writer killed with -9 leaves no stale lock behind.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
in=$(realpath -s -m "$SCRATCH/in")
small=$(realpath -s -m "$SCRATCH/small")
make_text_articles "$in" 3000 20 40
make_text_articles "$small" 300 3 40   # same names, other directory: other ids
db=$SCRATCH/db

# Starts the long first writer in the background (a simple command, so $!
# is newsdex-index itself) and waits until it holds the lock and has
# committed something.
start_first() {
  "$NEWSDEX_INDEX" --no-entities --batch-size 50 --db "$db" "$in" >"$SCRATCH/first.out" 2>"$SCRATCH/first.err" &
  first=$!
  wait_until 60 eval '[[ -e $db/newsdex.lock ]] && (($(doc_count "$db") > 0)) || ! kill -0 $first 2>/dev/null' ||
    fail "the first writer made no progress"
  kill -0 "$first" 2>/dev/null || fail "the first writer finished before the test could start; make the corpus bigger"
}
# Running, not merely unreaped: an exited child stays visible to kill -0
# (state Z in /proc) until the shell waits for it.
first_running() { [[ -r /proc/$first/stat ]] && [[ $(awk '{print $3}' "/proc/$first/stat" 2>/dev/null) != Z ]]; }

# 1. A second writer exits 75 promptly, whatever it was asked to do.
rm -rf "$db"
start_first
for mode in index rebuild compact; do
  case $mode in
    index) args=("$small") ;;
    rebuild) args=(--rebuild "$small") ;;
    compact) args=(--compact) ;;
  esac
  first_running || fail "the first writer finished too early to test '$mode'; make the corpus bigger"
  began=$SECONDS
  expect_status 75 timeout 30 "$NEWSDEX_INDEX" --no-entities --db "$db" "${args[@]}"
  (( SECONDS - began < 10 )) || fail "a locked-out '$mode' took $((SECONDS - began)) s to give up"
  expect_contains "$SCRATCH/err" "locked"
  expect_contains "$SCRATCH/err" "$db"
  expect_eq "$(wc -l <"$SCRATCH/err")" "1" "one line of diagnostics for a locked-out '$mode'"
done
rc=0; wait "$first" || rc=$?
expect_eq "$rc" "0" "the first writer is not disturbed ($(tail -1 "$SCRATCH/first.err"))"
expect_eq "$(index_ids "$db" | wc -l)" "3000" "only the first writer's articles"
expect_eq "$(head -1 "$db/XAPIANDB")" "auto gen-1/shard-0" "the locked-out rebuild and compact switched nothing"

# 2. With --wait the second writer waits for the first, then does its work.
rm -rf "$db"
start_first
"$NEWSDEX_INDEX" --no-entities --wait --db "$db" --summary-json "$SCRATCH/second.json" "$small" \
  >"$SCRATCH/second.out" 2>"$SCRATCH/second.err" &
second=$!
# The second cannot finish while the first holds the lock. (Check the
# second first: if it is gone while the first is still running, it did not
# wait.)
while first_running; do
  # (The first may still be exiting after it released the lock - a
  # sanitizer build checks for leaks at exit - so only a second writer that
  # ended before the first printed its summary failed to wait.)
  if ! kill -0 "$second" 2>/dev/null && first_running && ! grep -q "^newsdex-index: added" "$SCRATCH/first.err"; then
    rc=0; wait "$second" || rc=$?
    fail "the --wait writer ended (exit $rc) while the first still ran: $(cat "$SCRATCH/second.err")"
  fi
  sleep 0.02
done
rc=0; wait "$first" || rc=$?
expect_eq "$rc" "0" "the first writer ($(tail -1 "$SCRATCH/first.err"))"
rc=0; timeout 60 tail --pid="$second" -f /dev/null || fail "the --wait writer did not finish after the first"
wait "$second" || rc=$?
expect_eq "$rc" "0" "the --wait writer ($(tail -1 "$SCRATCH/second.err"))"
expect_contains "$SCRATCH/second.err" "added 300, updated 0, deleted 0, unchanged 0, failed 0"
expect_eq "$(index_ids "$db" | wc -l)" "3300" "both writers' articles"
# The second committed last: its run is the database's last run.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --stats --json
expect_eq "$(jqr '.last_run.added')" "300" "the --wait writer's run is the last run"

# 3. A writer killed with -9 leaves the lock file but not the lock.
rm -rf "$db"
start_first
kill -KILL "$first"
wait "$first" 2>/dev/null || true
[[ -e $db/newsdex.lock ]] || fail "test setup: no lock file"
expect_status 0 timeout 120 "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_eq "$(index_ids "$db" | wc -l)" "3000" "the run after a killed writer completes"
done_ok
