# The real corpora in ../shared: every article indexed, and the acceptance
# queries of the foundation issue. Skipped when ../shared is absent.
# Reuters-21578 has 737 records with neither title nor body: each is a
# failed record (exit 1), not an empty article.
source "$(dirname "$0")/lib.sh"
need_shared
db=$SCRATCH/db
expect_status 1 "$NEWSDEX_INDEX" --no-entities --db "$db" \
  "$NEWSDEX_SHARED/corpus/seed" "$NEWSDEX_SHARED/corpus/bbc" "$NEWSDEX_SHARED/corpus/reuters21578.jsonl"
expect_contains "$SCRATCH/err" "added 23067, updated 0, deleted 0, unchanged 0, failed 737"
expect_contains "$SCRATCH/err" "error: $NEWSDEX_SHARED/corpus/reuters21578.jsonl:99: no title or body"
expect_eq "$(grep -c ': no title or body$' "$SCRATCH/err")" "737" "one line per empty Reuters record"
# The one Latin-1 byte in the BBC corpus is repaired and reported.
expect_contains "$SCRATCH/err" "bbc/sport/199.txt: invalid UTF-8 repaired"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --stats --json
expect_eq "$(jqr '.articles')" "23067" "1 + 2,225 + 20,841 articles (21,578 records, 737 of them empty)"

expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json Tartus
expect_eq "$(jqr '.results[0].path')" "$NEWSDEX_SHARED/corpus/seed/000_bac239f258cd2375.txt" "Tartus ranks the seed first"
expect_contains "$SCRATCH/out" "<b>Tartus</b>"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json Hmeimim
expect_eq "$(jqr '.results[0].path')" "$NEWSDEX_SHARED/corpus/seed/000_bac239f258cd2375.txt" "Hmeimim"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 100 '"wheat shipments"'
# Phrases match stems and skip stopwords: "wheat shipments" is written so
# in two Reuters articles and the seed article; "wheat shipment" (any case)
# and "wheat for shipment" also match.
expect_eq "$(jqr '[.results[].id] | (index("reuters-1907") != null) and (index("reuters-9793") != null)')" "true" "both Reuters articles with the exact phrase"
expect_eq "$(jqr '[.results[].path] | index("'"$NEWSDEX_SHARED"'/corpus/seed/000_bac239f258cd2375.txt") != null')" "true" "the seed article"
expect_eq "$(jqr '.total >= 5 and .total < 30')" "true" "inflections match, unrelated articles do not ($(jqr .total))"
expect_eq "$(jqr '[.results[] | select(.snippet | test("<b>wheat</b> <b>shipments</b>"; "i"))] | length')" "3" "the exact wording highlighted in three snippets"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 50 'title:cocoa date:1987-03-01..1987-03-31'
expect_eq "$(jqr '(.results | length) as $n | [.results[] | select((.date | startswith("1987-03")) and (.title | test("cocoa"; "i")))] | length == $n')" "true" "only March 1987 cocoa titles"
expect_eq "$(jqr '.results | length > 3')" "true" "several cocoa articles in March 1987"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json sanctions
expect_eq "$(jqr '.total > 50')" "true" "sanctions matches many articles"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:reuters-3001'
expect_eq "$(jqr '.results[0].id')" "reuters-3001" "JSONL ids are the articles' own"

# Dotted abbreviations are one word in the index and in queries: the
# Reuters articles that write "U.S. Treasury" (172 lines of the corpus)
# and "E.F. Hutton" (84) are found.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json '"U.S. Treasury"'
expect_eq "$(jqr '.total >= 160')" "true" "\"U.S. Treasury\" finds its articles ($(jqr .total))"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json '"E.F. Hutton"'
expect_eq "$(jqr '.total >= 80')" "true" "\"E.F. Hutton\" finds its articles ($(jqr .total))"

# The text count is the JSON total, exact up to --facet-depth matches
# (10,000); beyond, "about N".
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json cocoa
total=$(jqr '.total')
expect_eq "$(jqr '.total_exact')" "true" "cocoa: an exact count"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" cocoa
expect_contains "$SCRATCH/out" "$total matches, showing 1-10"
expect_not_contains "$SCRATCH/out" "about"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'date:1987'
expect_eq "$(jqr '.total_exact')" "false" "date:1987 has more matches than --facet-depth: an estimate"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" 'date:1987'
expect_contains "$SCRATCH/out" "about "
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 1000 'date:1987'
ids1=$(jqr '[.results[].id] | join(" ")')
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 1000 'date:1987..1987'
expect_eq "$(jqr '[.results[].id] | join(" ")')" "$ids1" "date:1987 is date:1987..1987"
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'date:2019 apple'
done_ok
