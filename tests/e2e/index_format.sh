# An index written in another index format (schema::kFormat) is never
# searched or extended with the wrong analysis: the searcher and the
# indexer exit 2 with one line that says to rebuild, the index is left as
# it was, and --rebuild makes it current.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
command -v xapian-metadata >/dev/null || { echo "SKIP: needs xapian-metadata (xapian-tools)" >&2; exit 77; }
work=$(realpath -s -m "$SCRATCH/work")
db=$work/db
mkdir -p "$work"
make_text_articles "$work/articles" 30 3
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/articles"
ids=$(index_ids "$db")
expect_eq "$(wc -l <<<"$ids")" "30" "30 articles indexed"
shards=("$db"/gen-*/shard-*)
for s in "${shards[@]}"; do
  expect_eq "$(xapian-metadata get "$s" newsdex:format)" "11" "format recorded in $s"
done

# Make it look like an index from before index formats were recorded.
for s in "${shards[@]}"; do xapian-metadata set "$s" newsdex:format ""; done
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" article
expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "one line of error: $(head -c 2000 "$SCRATCH/err")"
expect_contains "$SCRATCH/err" "index format 1"
expect_contains "$SCRATCH/err" "--rebuild"
# --json counts facets over each shard opened on its own: the same refusal.
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --json article
expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "one line of error: $(head -c 2000 "$SCRATCH/err")"
expect_contains "$SCRATCH/err" "index format 1"
expect_status 2 "$NEWSDEX_INDEX" --no-entities --db "$db" "$work/articles"
expect_eq "$(grep -cv '^$' "$SCRATCH/err")" "1" "one line of error: $(head -c 2000 "$SCRATCH/err")"
expect_contains "$SCRATCH/err" "index format 1"
for s in "${shards[@]}"; do
  expect_eq "$(xapian-metadata get "$s" newsdex:format)" "" "the refused run left $s as it was"
done

expect_status 0 "$NEWSDEX_INDEX" --no-entities --rebuild --db "$db" "$work/articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 100 article
expect_eq "$(index_ids "$db")" "$ids" "after --rebuild the same 30 articles are searchable"
done_ok
