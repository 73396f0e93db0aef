# --facet-depth bounds the matches facets count: every match when there
# are no more than that (exact), else that many shared among the shards
# (a sample, "facets_exact": false), whatever the number of matches.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
work=$(realpath -s -m "$SCRATCH/work")
db=$work/db
mkdir -p "$work"
make_text_articles "$work/articles" 40 4
expect_status 0 "$NEWSDEX_INDEX" --no-entities --shards 2 --db "$db" "$work/articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 0 article
total=$(jqr '.total')
expect_eq "$total" "40" "every generated article matches"
expect_eq "$(jqr '.facet_docs')" "40" "default depth: every match counted"
expect_eq "$(jqr '.facets_exact')" "true" "default depth: exact"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 0 --facet-depth 40 article
expect_eq "$(jqr '.facets_exact')" "true" "depth equal to the matches: exact"
expect_eq "$(jqr '.facet_docs')" "40" "depth equal to the matches: all counted"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 0 --facet-depth 10 article
expect_eq "$(jqr '.facet_docs')" "10" "depth 10 over 2 shards: 5 matches each"
expect_eq "$(jqr '.facets_exact')" "false" "a sample is not exact"
expect_eq "$(jqr '.total')" "40" "the total is still every match"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 0 --facet-depth 1 article
expect_eq "$(jqr '.facet_docs')" "2" "at least one match a shard"
done_ok
