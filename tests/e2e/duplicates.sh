# Near-duplicate articles (exact copies, a corrected figure, a changed
# paragraph, the same body under another title) form one group across
# shards; a distinct story on the same topic does not. Searches show one
# article per group with the number collapsed into it, --duplicates show
# lists them all, --duplicates-of lists a group; totals say what they
# count. Incremental runs keep the groups right when a member changes,
# leaves, is deleted (the group's key article included) or is added.
source "$(dirname "$0")/lib.sh"
bodies=$NEWSDEX_SOURCE_DIR/tests/corpora/duplicates
in=$(realpath -s -m "$SCRATCH/in")
db=$SCRATCH/db
mkdir -p "$in"

# record ID TITLE BODYFILE: one JSON Lines record.
record() { jq -nc --arg id "$1" --arg title "$2" --rawfile body "$3" \
  '{id: $id, title: $title, date: "1987-03-05T10:00:00Z", body: $body}'; }
write_feed() {
  : >"$in/feed.jsonl"
  for r in "$@"; do echo "$r" >>"$in/feed.jsonl"; done
}
index() { "$NEWSDEX_INDEX" --no-entities --shards 2 --db "$db" "$in"; }

# group_of ID: "KEY SIZE" of the article ID as the search reports it.
group_of() {
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates show --limit 100 Bundesbank OR cocoa
  jq -r --arg id "$1" '.results[] | select(.id == $id) | "\(.group) \(.group_size)"' "$SCRATCH/out"
}
check_groups() {  # check_groups "ID=KEY SIZE"...
  for want in "$@"; do
    expect_eq "$(group_of "${want%%=*}")" "${want#*=}" "group of ${want%%=*}"
  done
}

story=$(record wire-1 "Bundesbank leaves credit policies unchanged" "$bodies/story.txt")
copy=$(record wire-2 "German central bank keeps rates steady" "$bodies/story.txt")
copy2=$(record wire-6 "Bundesbank policy unchanged (repeat)" "$bodies/story.txt")
corrected=$(record wire-3 "Bundesbank leaves credit policies unchanged (corrected)" "$bodies/corrected.txt")
edited=$(record wire-4 "Bundesbank leaves policies unchanged, reserves discussed" "$bodies/new-paragraph.txt")
topic=$(record wire-5 "Poehl says Bundesbank will not loosen policy" "$bodies/same-topic.txt")
cocoa=$(record wire-7 "Cocoa falls in London" "$bodies/other.txt")
write_feed "$story" "$copy" "$corrected" "$edited" "$topic" "$copy2" "$cocoa"
expect_status 0 index

# Exact copies, the corrected figure and the changed paragraph are one
# group, keyed by its smallest id, across the two shards; the distinct
# story on the same topic and the cocoa report are alone.
check_groups "wire-1=wire-1 5" "wire-2=wire-1 5" "wire-3=wire-1 5" "wire-4=wire-1 5" "wire-6=wire-1 5" \
  "wire-5=null 1" "wire-7=null 1"
expect_eq "$(jqr '.total') $(jqr '.total_counts') $(jqr '.articles')" "7 articles 7" "show: every article counted"

# Collapsed (the default): one result per group, with its collapsed count;
# the total counts groups, "articles" the articles, facets count articles.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json Bundesbank
expect_eq "$(jqr '.duplicates') $(jqr '.total') $(jqr '.total_counts') $(jqr '.articles')" \
  "collapse 2 groups 6" "collapsed totals"
expect_eq "$(jqr '[.results[] | "\(.group) \(.group_size) \(.duplicates)"] | sort | join(",")')" \
  "null 1 0,wire-1 5 4" "one result per group, 4 more like the first"
expect_eq "$(jqr '.facets_count') $(jqr '.facet_docs')" "articles 6" "facets count articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color never --facets Bundesbank
expect_contains "$SCRATCH/out" "+ 4 more like this, group of 5 near-duplicates (--duplicates-of wire-1)"
expect_contains "$SCRATCH/out" "2 matches, showing 1-2 (6 articles: near-duplicates shown once)"
expect_contains "$SCRATCH/out" "Entities in all 6 matching articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --color never --duplicates show Bundesbank
expect_contains "$SCRATCH/out" "one of 5 near-duplicates (--duplicates-of wire-1)"
expect_contains "$SCRATCH/out" "6 matches, showing 1-6"
expect_not_contains "$SCRATCH/out" "more like this"

# --duplicates-of lists a group from any of its members, with a query too.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates-of wire-4
expect_eq "$(jqr '[.results[].id] | sort | join(" ")')" "wire-1 wire-2 wire-3 wire-4 wire-6" "the group of wire-4"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates-of wire-4 corrected
expect_eq "$(jqr '[.results[].id] | join(" ")')" "wire-3" "the group of wire-4, titles with 'corrected'"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates-of wire-5
expect_eq "$(jqr '[.results[].id] | join(" ")')" "wire-5" "an article without near-duplicates is its own group"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --duplicates-of no-such-id
expect_contains "$SCRATCH/err" "no article with id 'no-such-id'"
expect_status 2 "$NEWSDEX_SEARCH" --db "$db" --duplicates sometimes Bundesbank
expect_contains "$SCRATCH/err" "--duplicates must be collapse or show"

# Nightly run 1: the edited copy is corrected again (still near), and the
# group's key article wire-1 is deleted: the rest is keyed by wire-2.
edited2=$(record wire-4 "Bundesbank leaves policies unchanged, reserves discussed" <(sed 's/for months/for weeks/' "$bodies/new-paragraph.txt"))
write_feed "$copy" "$corrected" "$edited2" "$topic" "$copy2" "$cocoa"
expect_status 0 index
expect_contains "$SCRATCH/err" "added 0, updated 1, deleted 1"
check_groups "wire-2=wire-2 4" "wire-3=wire-2 4" "wire-4=wire-2 4" "wire-6=wire-2 4" "wire-5=null 1"
expect_eq "$(jqr '[.results[].id] | index("wire-1")')" "null" "wire-1 is gone"

# Nightly run 2: the edited copy becomes another story (it leaves the
# group) and a new copy with a smaller id arrives (it becomes the key).
write_feed "$copy" "$corrected" "$(record wire-4 "Cocoa report" "$bodies/other.txt")" "$topic" "$copy2" "$cocoa" \
  "$(record wire-0 "Bundesbank unchanged, early edition" "$bodies/story.txt")"
expect_status 0 index
check_groups "wire-0=wire-0 4" "wire-2=wire-0 4" "wire-3=wire-0 4" "wire-6=wire-0 4" "wire-5=null 1" \
  "wire-4=wire-4 2" "wire-7=wire-4 2"

# Nightly run 3: the copies go until one is left: it has no group.
write_feed "$corrected" "$topic" "$cocoa" "$(record wire-4 "Cocoa report" "$bodies/other.txt")"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --allow-delete --db "$db" "$in"
check_groups "wire-3=null 1" "wire-5=null 1" "wire-4=wire-4 2" "wire-7=wire-4 2"

# An unchanged run rewrites nothing and keeps the groups.
expect_status 0 index
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0"
check_groups "wire-3=null 1" "wire-4=wire-4 2"

# The groups are the same as a fresh index of the same files gives.
expect_status 0 "$NEWSDEX_INDEX" --no-entities --rebuild --db "$db" "$in"
check_groups "wire-3=null 1" "wire-5=null 1" "wire-4=wire-4 2" "wire-7=wire-4 2"
done_ok
