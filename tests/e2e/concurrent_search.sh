# Searches keep working while newsdex-index writes: during a run that
# commits after every article, and one that commits every 50, no search
# (nor --stats, nor a --dry-run) ever fails, and during --rebuild and
# --compact every search sees the whole index, never an empty or
# half-built one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
in=$(realpath -s -m "$SCRATCH/in")
make_text_articles "$in" 3000 20 50
mkdir -p "$SCRATCH/more"
total=3000
db=$SCRATCH/db
max_iterations=5000
: >"$SCRATCH/failed-phases"

# search_loop WHAT [EXPECT_TOTAL]: searches $db over and over, in a few
# shapes, until the background run $pid ends (at most $max_iterations
# searches). Any exit 2 is recorded with its stderr in $SCRATCH/errors;
# with EXPECT_TOTAL, so is any search that does not find exactly that many
# articles. A phase with failures is listed in $SCRATCH/failed-phases, and
# the test fails at the end, after every phase has run. Sets $searches to
# the number of searches made while the run was still going.
search_loop() {
  local what=$1 want=${2:-} i rc shape
  searches=0
  : >"$SCRATCH/errors"
  for ((i = 0; i < max_iterations; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    case $((i % 10 == 9 ? 4 : i % 5 % 4)) in
      0) shape=(--json --duplicates show --limit 10 zebracorn) ;;
      1) shape=(--json --duplicates show --limit 2000 'zebracorn harbour') ;;  # reads many documents
      2) shape=(--json --limit 20 --sort date '"zebracorn report"') ;;
      3) shape=(--stats --json) ;;
      4) shape=(--dry-run) ;;
    esac
    rc=0
    if ((i % 10 == 9)); then
      # A dry run reads the index and the file states while they change.
      "$NEWSDEX_INDEX" --db "$db" --dry-run --no-entities "$in" >"$SCRATCH/loop.out" 2>"$SCRATCH/loop.err" || rc=$?
      ((rc != 1)) || rc=2  # nothing in this corpus fails to read
    else
      "$NEWSDEX_SEARCH" --db "$db" "${shape[@]}" >"$SCRATCH/loop.out" 2>"$SCRATCH/loop.err" || rc=$?
    fi
    searches=$((searches + 1))
    if [[ $rc == 2 ]]; then
      echo "$what: search #$i (${shape[*]}) exited 2: $(cat "$SCRATCH/loop.err")" >>"$SCRATCH/errors"
    elif [[ $rc != 0 && $rc != 1 ]]; then
      echo "$what: search #$i (${shape[*]}) exited $rc: $(cat "$SCRATCH/loop.err")" >>"$SCRATCH/errors"
    elif [[ -n $want ]] && ((i % 10 != 9 && i % 5 % 4 != 2)); then
      local got
      local kind=$((i % 5 % 4))
      if ((kind == 3)); then got=$(jq -r '.articles' "$SCRATCH/loop.out"); else got=$(jq -r '.total' "$SCRATCH/loop.out"); fi
      if [[ $got != "$want" ]]; then
        echo "$what: search #$i (${shape[*]}) saw $got articles, expected $want" >>"$SCRATCH/errors"
      fi
    fi
  done
  if [[ -s $SCRATCH/errors ]]; then
    echo "$what: $(wc -l <"$SCRATCH/errors") of $searches searches failed" | tee -a "$SCRATCH/failed-phases"
    head -5 "$SCRATCH/errors" | cut -c1-400
  else
    echo "$what: $searches searches while it ran, none failed"
  fi
}

start_index() {
  # A simple command, so that $! is newsdex-index itself.
  "$NEWSDEX_INDEX" --no-entities --db "$db" "$@" >"$SCRATCH/bg.out" 2>"$SCRATCH/bg.err" &
  pid=$!
}

finish_index() {
  local rc=0
  wait "$pid" || rc=$?
  expect_eq "$rc" "0" "$1 exit status ($(tail -3 "$SCRATCH/bg.err"))"
}

# 1. Runs committing after every article: the revision a search reads is
# discarded under it all the time. 300 searches (a tenth of them dry runs)
# run while such runs follow each other, each rewriting every record of a
# feed. Wait for the database to exist, so that "no database yet" (a
# correct exit 2) is not counted.
make_jsonl_articles "$SCRATCH/more/feed.jsonl" 1 2000
: >"$SCRATCH/writers.err"
rm -f "$SCRATCH/stop"
(
  round=0
  until [[ -e $SCRATCH/stop ]]; do
    round=$((round + 1))
    sed -i "s/Zebracorn feed record \([0-9]*\)[^\"]*\"/Zebracorn feed record \1 round $round\"/" "$SCRATCH/more/feed.jsonl"
    "$NEWSDEX_INDEX" --no-entities --db "$db" --batch-size 1 "$in" "$SCRATCH/more" >/dev/null 2>>"$SCRATCH/writers.err" ||
      echo "writer round $round exited non-zero" >>"$SCRATCH/writers.err"
  done
) &
pid=$!
wait_until 60 test -e "$db/XAPIANDB" || fail "the index run did not create $db"
saved_max=$max_iterations
max_iterations=300
search_loop "index runs with --batch-size 1"
max_iterations=$saved_max
touch "$SCRATCH/stop"
wait "$pid"
((searches == 300)) || fail "the writers stopped after $searches searches"
expect_not_contains "$SCRATCH/writers.err" "exited non-zero"
expect_eq "$(doc_count "$db")" "$((total + 2000))" "articles after the runs"
rm -rf "$db"
start_index --batch-size 50 "$in"
wait_until 60 test -e "$db/XAPIANDB" || fail "the index run did not create $db"
search_loop "an index run with --batch-size 50"
finish_index "the index run"
expect_eq "$(doc_count "$db")" "$total" "articles after the run"

# 2. An incremental run that rewrites everything (every file changed).
sed -i 's/^Article /Updated article /' "$in"/d*/art*.txt
start_index --batch-size 50 "$in"
search_loop "an updating run with --batch-size 50" "$total"
finish_index "the updating run"
expect_contains "$SCRATCH/bg.err" "added 0, updated $total, deleted 0, unchanged 0, failed 0"

# 3. --rebuild: the live index is whole until the switch, and whole after.
start_index --batch-size 50 --rebuild "$in"
search_loop "--rebuild" "$total"
finish_index "--rebuild"
expect_contains "$SCRATCH/bg.err" "added $total, updated 0, deleted 0, unchanged 0, failed 0"

# 4. --compact, twice (each switches the generation once).
for n in 1 2; do
  gen_before=$(cat "$db/XAPIANDB")
  start_index --compact
  search_loop "--compact #$n" "$total"
  finish_index "--compact #$n"
  [[ $(cat "$db/XAPIANDB") != "$gen_before" ]] || fail "--compact did not switch the generation"
done
expect_eq "$(index_ids "$db" | wc -l)" "$total" "all articles after rebuild and compaction"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json '"updated article 17 about zebracorn"'
expect_eq "$(jqr '.results[0].id')" "$in/d17/art00017.txt" "content after rebuild and compaction"
[[ ! -s $SCRATCH/failed-phases ]] || fail "searches failed while the index was written:
$(cat "$SCRATCH/failed-phases")"
checks=$((checks + 1))
done_ok
