# A database that cannot be written (disk full, read-only): the indexer
# reports the error in one line, exits 2, and the index stays as it was at
# the last commit - a search returns exactly the articles committed before.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
work=$(realpath -s -m "$SCRATCH/work")
db=$work/db
mkdir -p "$work"
make_text_articles "$work/first" 30 3
make_text_articles "$work/second" 3000 10 200
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/first"
ids=$(index_ids "$db")
expect_eq "$(wc -l <<<"$ids")" "30" "the first run committed 30 articles"

# 1. Disk full: no file may grow past the largest file the database holds
# now plus a little. SIGXFSZ is ignored so write() fails with EFBIG, as on
# a full disk.
largest=$(find "$db" -type f -printf '%s\n' | sort -n | tail -1)
blocks=$(( (largest + 65536) / 1024 + 1 ))
expect_status 2 bash -c 'trap "" XFSZ; ulimit -f "$1"; shift; exec "$@"' _ "$blocks" \
  "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/second"
expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "one line of error: $(head -c 2000 "$SCRATCH/err")"
expect_contains "$SCRATCH/err" "newsdex-index: "
expect_contains "$SCRATCH/err" "$db"
expect_eq "$(index_ids "$db")" "$ids" "after a disk-full run the index holds exactly the committed articles"
# The database still works: a later run with room completes.
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/first"
expect_contains "$SCRATCH/err" "unchanged 30"

# 2. Read-only database: as nobody (root writes anything) on a database
# it cannot write.
as_user=()
if [[ $(id -u) == 0 ]]; then
  if ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1 ||
     ! setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -x "$NEWSDEX_INDEX"; then
    echo "SKIP (part 2): running as root without setpriv, user nobody, or a build nobody can run" >&2
    done_ok
    exit 0
  fi
  as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
fi
chmod -R a-w "$db"
trap 'chmod -R u+w "$db" 2>/dev/null || true' EXIT
expect_status 2 "${as_user[@]}" "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/second"
expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "one line of error: $(head -c 2000 "$SCRATCH/err")"
expect_contains "$SCRATCH/err" "$db"
expect_contains "$SCRATCH/err" "ermission denied"
expect_eq "$(index_ids "$db")" "$ids" "a read-only database is unchanged"
done_ok
