# Input that cannot be read is a failure, not a deletion: when an indexed
# directory is missing (an unmounted share, a typo) or a subdirectory
# cannot be read (permissions, I/O error), the run exits 1 and its
# articles stay in the index. Only files that are really gone are deleted.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
work=$(realpath -s -m "$SCRATCH/work")
in=$work/in
db=$work/db
mkdir -p "$work"
make_text_articles "$in" 40 2
index() { "$NEWSDEX_INDEX" --no-entities --db "$db" "$@"; }
expect_status 0 index "$in"
expect_contains "$SCRATCH/err" "added 40,"
ids=$(index_ids "$db")

# 1. The indexed directory is missing: exit 1 naming it, nothing deleted
# (neither planned by --dry-run nor done).
mv "$in" "$work/elsewhere"
expect_status 1 index --dry-run "$in"
expect_contains "$SCRATCH/err" "$in: no such file or directory"
expect_eq "$(grep -c '^delete ' "$SCRATCH/out" || true)" "0" "--dry-run plans no deletions for a missing directory"
expect_status 1 index "$in"
expect_contains "$SCRATCH/err" "$in: no such file or directory"
expect_contains "$SCRATCH/err" "deleted 0,"
expect_eq "$(index_ids "$db")" "$ids" "a missing directory deletes nothing"
mv "$work/elsewhere" "$in"
expect_status 0 index "$in"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged 40, failed 0"

# 2. A subdirectory that cannot be read. root reads anything, so as root
# the indexer runs as nobody (via setpriv) on a copy it owns.
as_user=()
if [[ $(id -u) == 0 ]]; then
  if ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
    echo "SKIP (part 2): running as root without setpriv or user nobody" >&2
    done_ok
    exit 0
  fi
  chown -R nobody "$work"
  as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  # nobody must reach the copy: a build under /root (mode 700) is out of
  # its reach whatever the copy's owner.
  if ! "${as_user[@]}" test -w "$work"; then
    echo "SKIP (part 2): user nobody cannot reach $work (a parent directory is closed to it)" >&2
    done_ok
    exit 0
  fi
fi
chmod 000 "$in/d1"
trap 'chmod 755 "$in/d1" 2>/dev/null || true' EXIT
expect_status 1 "${as_user[@]}" "$NEWSDEX_INDEX" --no-entities --db "$db" --dry-run "$in"
expect_contains "$SCRATCH/err" "$in/d1: cannot read directory"
expect_eq "$(grep -c '^delete ' "$SCRATCH/out" || true)" "0" "--dry-run plans no deletions for an unreadable directory"
expect_status 1 "${as_user[@]}" "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_contains "$SCRATCH/err" "$in/d1: cannot read directory"
expect_contains "$SCRATCH/err" "deleted 0,"
expect_eq "$(index_ids "$db")" "$ids" "an unreadable directory deletes nothing"
chmod 755 "$in/d1"
# A file that really went away is still deleted.
rm "$in/d0/art00002.txt"
expect_status 0 "${as_user[@]}" "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 1, unchanged 39, failed 0"
done_ok
