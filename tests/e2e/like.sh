# More like this (--like ID) and top words (--top-words): an article's
# neighbours are the articles on its subject, the article itself left out,
# within the query's filters; top words are the matches' own vocabulary,
# not the archive's common words, numbers or stopwords, in written form.
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
arc=$work/archive
db=$work/db
mkdir -p "$arc"

cat > "$arc/news.jsonl" <<'EOF'
{"id":"c1","title":"Cocoa prices rise","date":"1987-03-02T10:00:00Z","body":"Cocoa prices rose in London as Ivory Coast growers held back beans. The cocoa buffer stock manager bought 5,000 tonnes, traders said."}
{"id":"c2","title":"Ivory Coast cocoa crop","date":"1987-04-02T10:00:00Z","body":"The Ivory Coast cocoa harvest is expected to fall, growers said, and the buffer stock may buy more beans in London."}
{"id":"c3","title":"Ghana cocoa arrivals","date":"1988-03-02T10:00:00Z","body":"Cocoa arrivals in Ghana rose to 200,000 tonnes as growers sold beans to the buffer stock."}
{"id":"w1","title":"Wheat shipments rise","date":"1987-05-05T10:00:00Z","body":"Wheat shipments from the Gulf ports rose last week as exporters loaded more grain, traders said in London."}
{"id":"w2","title":"Grain exports","date":"1987-05-12T10:00:00Z","body":"Exporters said wheat shipments to Egypt would continue through June as grain piled up at the Gulf ports, traders said."}
{"id":"w3","title":"Wheat crop","date":"1987-06-12T10:00:00Z","body":"The wheat crop in Kansas is expected to rise, and exporters said grain shipments would follow."}
{"id":"o1","title":"Oil prices fall","date":"1987-05-20T10:00:00Z","body":"Crude oil prices fell in London as OPEC output rose, traders said."}
{"id":"o2","title":"Bank rates steady","date":"1987-07-20T10:00:00Z","body":"The central bank held interest rates steady, economists said in London."}
{"id":"f1","title":"Shares rise","date":"1987-07-21T10:00:00Z","body":"Shares rose in London as traders said the market was calm last week."}
{"id":"f2","title":"Gold steady","date":"1987-07-22T10:00:00Z","body":"Gold prices rose slightly in London, traders said, in thin trading."}
{"id":"f3","title":"Sterling firm","date":"1987-07-23T10:00:00Z","body":"Sterling rose against the dollar in London, traders said, as rates held."}
{"id":"f4","title":"Copper eases","date":"1987-07-24T10:00:00Z","body":"Copper prices eased in London after they rose last week, traders said."}
EOF
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }

# --- 1. More like this ------------------------------------------------------
expect_status 0 search --json --like c1
expect_eq "$(jqr '[.results[].id] | .[0:2] | sort | join(",")')" "c2,c3" "the other cocoa stories come first"
expect_eq "$(jqr '[.results[].id] | index("c1")')" "null" "the article itself is left out"
expect_eq "$(jqr '.like')" "c1" "the JSON says which article"
expect_status 0 search --json --like w1
expect_eq "$(jqr '[.results[].id] | .[0:2] | sort | join(",")')" "w2,w3" "wheat stories are like a wheat story"
# With a query: only its matches, ranked by likeness.
expect_status 0 search --json --like c1 date:1987
expect_eq "$(jqr '[.results[].id] | .[0]')" "c2" "filters restrict the neighbours (c3 is of 1988)"
expect_eq "$(jqr '[.results[].id] | index("c3")')" "null" "nothing outside the filter"
expect_status 0 search --json --like c1 -- -Ghana
expect_eq "$(jqr '[.results[].id] | index("c3")')" "null" "an excluded word restricts too"
# The query syntax form, combined with a filter.
expect_status 0 search --json 'like:c1 date:1987'
expect_eq "$(jqr '[.results[].id] | .[0]')" "c2" "like:ID in a query"
expect_eq "$(jqr '[.results[].id] | index("c1")')" "null" "like:ID leaves the article out"
# Text output names the article.
expect_status 0 search --like c1
expect_contains "$SCRATCH/out" "Cocoa"
# An unknown id is an error of the user's: one line, exit 2.
expect_status 2 search --like nosuch
expect_contains "$SCRATCH/err" "no article with id 'nosuch'"
expect_eq "$(wc -l < "$SCRATCH/err")" "1" "one line"
expect_status 2 search 'like:nosuch'

# --- 2. Top words -----------------------------------------------------------
expect_status 0 search --json --top-words 5 cocoa
words=$(jqr '[.top_words[].word] | join(",")')
for w in growers beans buffer; do
  [[ ",$words," == *",$w,"* ]] || fail "top words of cocoa ($words) lack $w"
  checks=$((checks + 1))
done
for w in cocoa traders london said the 5,000 000 tonnes; do
  # cocoa: the query's own word; traders, london, said: everywhere in the
  # archive; the: a stopword; numbers are left out; tonnes is in 2 of 3
  # but less unusual than the rest.
  [[ ",$words," != *",$w,"* ]] || fail "top words of cocoa ($words) include $w"
  checks=$((checks + 1))
done
expect_eq "$(jqr '.top_words | length')" "5" "--top-words 5"
expect_eq "$(jqr '[.top_words[] | select(.word == "growers")][0] | "\(.matches) \(.archive)"')" "3 3" \
  "growers: in all 3 matches and 3 articles (its written form, not the stem grower)"
expect_eq "$(jqr '.top_words_sample')" "3" "the sample is every match here"
# Two-word phrases too, marked as such.
expect_status 0 search --json --top-words 10 cocoa
expect_eq "$(jqr '[.top_words[] | select(.phrase) | "\(.word)=\(.matches)"] | join(",")')" "buffer stock=3,ivory coast=2" \
  "the phrases of the cocoa stories"
expect_status 0 search --top-words 3 wheat
expect_contains "$SCRATCH/out" "Top words in 3 matches"
expect_contains "$SCRATCH/out" "shipments"
# Without the option, none.
expect_status 0 search --json cocoa
expect_eq "$(jqr '.top_words')" "null" "no top words unless asked"

done_ok
