# The database directory is never changed on a guess: a stub with a
# comment is read; an empty, missing, unknown or self-naming stub is an
# error (exit 2) with the repair in the message and nothing deleted, in
# both programs; stubs naming each other are a loop, not a crash. Old
# generations go once no search reads them, a failed or killed rebuild
# leaves nothing behind, and the messages say what a database really is.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
work=$(realpath -s -m "$SCRATCH/work")
mkdir -p "$work"
make_text_articles "$work/in" 200 4
db=$work/db
expect_status 0 "$NEWSDEX_INDEX" --no-entities --shards 2 --db "$db" "$work/in"
stub=$(cat "$db/XAPIANDB")
ids=$(index_ids "$db")
expect_eq "$(wc -l <<<"$ids")" "200" "200 articles"
intact() {
  expect_eq "$(cat "$db/XAPIANDB")" "$stub" "$1: the stub is restored"
  expect_eq "$(index_ids "$db")" "$ids" "$1: every article is still there"
}

# A '#' comment (valid Xapian syntax) is read by both programs.
{ echo "# edited by hand"; cat "$db/XAPIANDB"; } > "$work/stub" && mv "$work/stub" "$db/XAPIANDB"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/in"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged 200, failed 0"
expect_eq "$(index_ids "$db")" "$ids" "a commented stub loses nothing"
printf '%s\n' "$stub" > "$db/XAPIANDB"

# An empty stub, a missing stub, an unknown line, two generations: exit 2
# from both programs, the repair named, nothing deleted.
for kind in empty missing unknown two-generations; do
  case $kind in
    empty) : > "$db/XAPIANDB" ;;
    missing) rm "$db/XAPIANDB" ;;
    unknown) printf 'frobnicate gen-1/shard-0\n' > "$db/XAPIANDB" ;;
    two-generations) printf 'auto gen-1/shard-0\nauto gen-7/shard-1\n' > "$db/XAPIANDB" ;;
  esac
  expect_status 2 "$NEWSDEX_INDEX" --db "$db" "$work/in"
  expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "$kind stub: one line of error"
  expect_contains "$SCRATCH/err" "nothing was changed"
  expect_contains "$SCRATCH/err" "printf 'auto gen-1/shard-0\\nauto gen-1/shard-1\\n' > '$db/XAPIANDB'"
  [[ -d $db/gen-1/shard-0 && -d $db/gen-1/shard-1 ]] || fail "$kind stub: the generation was removed"
  expect_status 2 "$NEWSDEX_SEARCH" --db "$db" zebracorn
  expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "$kind stub: the searcher says so in one line"
  expect_status 2 "$NEWSDEX_INDEX" --db "$db" --compact
  expect_status 2 "$NEWSDEX_INDEX" --db "$db" --rebuild "$work/in"
  [[ -d $db/gen-1/shard-0 && ! -d $db/gen-2 ]] || fail "$kind stub: --compact or --rebuild changed the database"
  # The repair the message gives works.
  eval "$(sed -n "s/.*name its shards: \(printf .*XAPIANDB'\).*/\1/p;T;q" "$SCRATCH/err")"
  intact "$kind stub"
done

# Loops: a stub naming itself, two naming each other, a database whose
# XAPIANDB names the database. A one-line error, never a crash.
printf 'auto %s\n' "$work/self.stub" > "$work/self.stub"
printf 'auto b.stub\n' > "$work/a.stub"
printf 'auto %s/a.stub\n' "$work" > "$work/b.stub"
for s in "$work/self.stub" "$work/a.stub"; do
  expect_status 2 "$NEWSDEX_SEARCH" --db "$s" zebracorn
  expect_contains "$SCRATCH/err" "name each other in a loop"
done
cp -a "$db" "$work/loopdb"
printf 'auto ../loopdb\n' > "$work/loopdb/XAPIANDB"
expect_status 2 "$NEWSDEX_SEARCH" --db "$work/loopdb" zebracorn
expect_contains "$SCRATCH/err" "name each other in a loop"
expect_status 2 "$NEWSDEX_INDEX" --db "$work/loopdb" "$work/in"
expect_contains "$SCRATCH/err" "is not one newsdex-index wrote"
[[ -d $work/loopdb/gen-1/shard-0 ]] || fail "the looping database lost its generation"
# A stub that reaches one shard twice searches it once.
printf 'auto %s\nauto %s/gen-1/shard-0\nauto %s/gen-1/shard-1\n' "$db" "$db" "$db" > "$work/twice.stub"
expect_status 0 "$NEWSDEX_SEARCH" --db "$work/twice.stub" --json --limit 1 zebracorn
expect_eq "$(jqr .total)" "200" "each shard searched once"

# A database path that is not UTF-8, in an error and in --summary-json:
# one line, exit 2, valid JSON (never an abort).
: > "$work/"$'\xff'"-file"
expect_status 2 "$NEWSDEX_INDEX" --db "$work/"$'\xff'"-file" --summary-json "$work/s.json" "$work/in"
expect_contains "$SCRATCH/err" "is a file, not a database directory"
jq -e '.exit_code == 2' "$work/s.json" >/dev/null || fail "--summary-json is not valid JSON: $(cat "$work/s.json")"

# --compact or --stats of a database that is not there create none.
expect_status 2 "$NEWSDEX_INDEX" --db "$work/typo.db" --compact
expect_contains "$SCRATCH/err" "no database at '$work/typo.db'"
[[ ! -e $work/typo.db ]] || fail "--compact created a database"
# A directory of other files is not made a database.
mkdir -p "$work/papers" && printf 'x' > "$work/papers/notes.odt"
expect_status 2 "$NEWSDEX_INDEX" --db "$work/papers" "$work/in"
expect_contains "$SCRATCH/err" "holds no newsdex database"
[[ ! -e $work/papers/gen-1 ]] || fail "a database was written into a directory of other files"

# A plain Xapian database is neither "format 1" nor something to rebuild:
# a copy of a shard without newsdex's format key (xapian-tools).
xapian_plain=$work/plain
cp -a "$db/gen-1/shard-0" "$xapian_plain"
xapian-metadata set "$xapian_plain" newsdex:format ""
expect_eq "$(xapian-metadata get "$xapian_plain" newsdex:format)" "" "setup: no format key"
expect_status 2 "$NEWSDEX_SEARCH" --db "$xapian_plain" zebracorn
expect_contains "$SCRATCH/err" "is a Xapian database that newsdex-index did not write"
expect_not_contains "$SCRATCH/err" "format 1"
expect_status 2 "$NEWSDEX_INDEX" --db "$xapian_plain" "$work/in"
expect_contains "$SCRATCH/err" "did not write"
expect_status 2 "$NEWSDEX_INDEX" --db "$xapian_plain" --rebuild "$work/in"
expect_contains "$SCRATCH/err" "plain Xapian database"

# Generations: --compact removes the one it replaced once no search reads
# it; one a search holds is kept, and the next run removes it.
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --compact
expect_contains "$SCRATCH/err" "removed the old index generation $db/gen-1"
[[ ! -e $db/gen-1 && -d $db/gen-2 ]] || fail "gen-1 not removed after --compact: $(ls "$db")"
# A compacted shard is written in 32 KiB blocks (a new one in Xapian's
# 8 KiB), and still holds every article.
for shard in "$db"/gen-2/shard-*; do
  xapian-check "$shard" >"$SCRATCH/check" 2>&1 || fail "xapian-check $shard: $(tail -3 "$SCRATCH/check")"
  expect_contains "$SCRATCH/check" "blocksize=32K"
  expect_not_contains "$SCRATCH/check" "blocksize=8K"
done
expect_eq "$(index_ids "$db")" "$ids" "every article after --compact"
if command -v flock >/dev/null; then
  # A search in progress holds its generation's readers.lock shared.
  # (One process holds it: killing it releases the lock.)
  ( exec 9<"$db/gen-2/readers.lock"; flock -s 9; exec sleep 30 ) &
  holder=$!
  wait_until 5 bash -c "! flock -n -x '$db/gen-2/readers.lock' true" || fail "setup: the shared lock was not taken"
  expect_status 0 "$NEWSDEX_INDEX" --db "$db" --compact
  expect_contains "$SCRATCH/err" "kept the old index generation $db/gen-2: a search is still reading it"
  [[ -d $db/gen-2 && -d $db/gen-3 ]] || fail "a generation in use was removed"
  kill "$holder"; wait "$holder" 2>/dev/null || true
  expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/in"
  expect_contains "$SCRATCH/err" "removed the old index generation $db/gen-2"
  [[ ! -e $db/gen-2 ]] || fail "the next run did not remove the old generation"
fi
live=$(sed -n '1s|^auto \(gen-[0-9]*\)/.*|\1|p' "$db/XAPIANDB")

# A rebuild that fails (a full disk: SIGXFSZ ignored, so writes fail with
# EFBIG) removes its half-built generation; the next run and --compact work.
largest=$(find "$db" -type f -printf '%s\n' | sort -n | tail -1)
expect_status 2 bash -c 'trap "" XFSZ; ulimit -f "$1"; shift; exec "$@"' _ $(( largest / 1024 / 4 + 1 )) \
  "$NEWSDEX_INDEX" --db "$db" --rebuild "$work/in"
expect_contains "$SCRATCH/err" "removed the unfinished index generation"
expect_eq "$(ls -d "$db"/gen-* | xargs -n1 basename | tr '\n' ' ')" "$live " "only the live generation is left"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/in"
expect_contains "$SCRATCH/err" "unchanged 200"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" --compact
expect_eq "$(index_ids "$db")" "$ids" "every article after the failed rebuild and a compaction"
# A killed rebuild's leftover is removed by the next run.
live=$(sed -n '1s|^auto \(gen-[0-9]*\)/.*|\1|p' "$db/XAPIANDB")
n=${live#gen-}
mkdir -p "$db/gen-$((n + 1))/shard-0" && printf 'half-built' > "$db/gen-$((n + 1))/shard-0/junk"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$work/in"
expect_contains "$SCRATCH/err" "removed the old index generation $db/gen-$((n + 1))"
[[ ! -e $db/gen-$((n + 1)) ]] || fail "the leftover generation is still there"
expect_eq "$(index_ids "$db")" "$ids" "every article at the end"

# An unreadable state database is an I/O error (exit 2), not "another
# writer" (75). As nobody, when running as root.
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
   setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -x "$NEWSDEX_INDEX"; then
  cp -a "$db" "$work/ro"
  chown -R nobody "$work/ro"
  chmod 000 "$work/ro/$live/state"
  expect_status 2 setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$NEWSDEX_INDEX" --db "$work/ro" "$work/in"
  expect_contains "$SCRATCH/err" "Permission denied"
  expect_not_contains "$SCRATCH/err" "another newsdex-index"
fi
done_ok
