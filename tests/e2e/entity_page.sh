# Entity pages (newsdex-search --entity): a person, a place and an
# organisation, in text and JSON - canonical name and type whatever name
# asks for it, the names it goes by with their counts, article count,
# first and last date, articles per month and undated, related entities,
# newest articles first - and an unknown entity (exit 1, a message on
# stderr, nothing or found:false on stdout). Section 6: the names an
# entity goes by (built-in aliases, an acronym defined and used alone) and
# the ways to ask for it (TYPE:"NAME", a leading "the").
source "$(dirname "$0")/lib.sh"
work=$(realpath -s -m "$SCRATCH/work")
arc=$work/archive
db=$work/db
mkdir -p "$arc"

# Ronald Reagan: 3 dated articles (1985-11, 1986-02 twice; "Reagan" alone
# in one) and an undated text file naming him "Reagan"; Mikhail Gorbachev
# in three of them. The SEC defined in one article and alone in another.
# The United Kingdom as Britain once and as the UK twice, with London.
cat > "$arc/feed.jsonl" <<'EOF'
{"id":"p1","title":"Ronald Reagan meets Mikhail Gorbachev in Geneva","date":"1985-11-19T10:00:00Z","body":"President Ronald Reagan met Soviet leader Mikhail Gorbachev in Geneva on Tuesday. Reagan said the talks were frank. The meeting was held at a villa on the lake."}
{"id":"p2","title":"Reagan signs the budget","date":"1986-02-03T10:00:00Z","body":"Reagan signed the budget bill on Monday in Washington. Aides said Reagan would travel to California later in the week."}
{"id":"p3","title":"Ronald Reagan writes to Gorbachev","date":"1986-02-20T10:00:00Z","body":"Ronald Reagan sent a letter to Mikhail Gorbachev on Thursday proposing new arms talks in Geneva, officials in Washington said. Reagan hopes for a summit this year."}
{"id":"o1","title":"SEC widens insider trading inquiry","date":"1986-11-14T10:00:00Z","body":"The Securities and Exchange Commission (SEC) said on Friday that it had widened its inquiry into insider trading on Wall Street. The SEC said more charges were likely."}
{"id":"o2","title":"SEC fines brokerage","date":"1987-03-02T10:00:00Z","body":"The SEC fined a New York brokerage on Monday for failing to keep proper records, officials said. The SEC did not name the traders involved."}
{"id":"u1","title":"Britain raises interest rates","date":"1987-05-11T10:00:00Z","body":"Britain raised interest rates on Monday as the pound fell against the dollar. Traders in London said Britain could raise them again."}
{"id":"u2","title":"UK exports rise","date":"1987-06-15T10:00:00Z","body":"Exports from the UK rose in May, government figures showed on Monday. The UK trade deficit narrowed to its lowest level this year, officials in London said."}
{"id":"u3","title":"UK inflation steady","date":"1987-06-29T10:00:00Z","body":"Inflation in the UK held steady in June, figures published in London showed on Monday. Economists had expected a small rise."}
EOF
printf 'Reagan visits Moscow\n\nReagan arrived in Moscow on Sunday for talks with Mikhail Gorbachev, his aides said. Reagan will stay three days.\n' \
  > "$arc/undated.txt"
expect_status 0 "$NEWSDEX_INDEX" --db "$db" "$arc"
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }


# --- 1. A person, JSON ------------------------------------------------------
expect_status 0 search --json --entity Reagan
expect_eq "$(jqr '[.found, .name, .type] | map(tostring) | join("|")')" "true|Ronald Reagan|person" "--entity Reagan: the canonical name and type"
expect_eq "$(jqr .query)" 'person:"Ronald Reagan"' "the page's query"
expect_eq "$(jqr .articles)" "4" "Ronald Reagan's articles (three dated, one undated)"
expect_eq "$(jqr '[.first_date, .last_date] | join(" ")')" "1985-11-19 1986-02-20" "first and last date"
expect_eq "$(jqr .undated)" "1" "one undated article"
expect_eq "$(jqr '.months | map("\(.month)=\(.articles)") | join(",")')" "1985-11=1,1986-02=2" "articles per month"
expect_eq "$(jqr '.aliases | map("\(.name)/\(.type)/\(.articles)") | join(",")')" "Reagan/person/2" \
  "the names he goes by: Reagan, alone in two articles"
expect_eq "$(jqr '.related.person | map("\(.value)=\(.count)") | join(",")')" "Mikhail Gorbachev=3" "related people"
expect_eq "$(jqr '[.related.person[].value] | index("Ronald Reagan")')" "null" "not related to himself"
expect_eq "$(jqr '.related.place | map(select(.value == "Geneva" or .value == "Washington")) | map("\(.value)=\(.count)") | join(",")')" \
  "Geneva=2,Washington=2" "related places with their counts"
expect_eq "$(jqr '[.related.place[] | select(.value == "Moscow" or .value == "California") | .count] | join(",")')" "1,1" \
  "places of one article each"
expect_eq "$(jqr '.related.misc | map(.value) | join(",")')" "Soviet" "related misc"
expect_eq "$(jqr '[.examples[].id] | join(",")')" "p3,p2,p1,$arc/undated.txt" "examples: newest first, the undated last"
expect_eq "$(jqr '.examples[0].title')" "Ronald Reagan writes to Gorbachev" "the newest example's title"
expect_eq "$(jqr '.examples[1].entities.person | join(",")')" "Ronald Reagan" "an example's entities are canonical"
expect_eq "$(jqr '.examples[1].snippet | test("<b>Reagan</b>")')" "true" "examples are highlighted"
# --limit bounds the examples, not the counts.
expect_status 0 search --json --limit 2 --entity Reagan
expect_eq "$(jqr '[(.examples | length), .articles] | map(tostring) | join(" ")')" "2 4" "--limit 2: two examples of four articles"
# Every name and spelling of him gives the same page.
reference=$(search --json --entity Reagan | jq -c 'del(.examples)')
for name in 'Ronald Reagan' 'person:Reagan' 'person:Ronald Reagan' 'RONALD reagan'; do
  expect_status 0 search --json --entity "$name"
  expect_eq "$(jq -c 'del(.examples)' "$SCRATCH/out")" "$reference" "--entity '$name' is Ronald Reagan's page"
done
expect_status 0 search --json --entity Ronald Reagan   # the NAME's words as separate arguments
expect_eq "$(jqr .name)" "Ronald Reagan" "--entity Ronald Reagan (two arguments)"

# --- 2. The same person, text ----------------------------------------------
expect_status 0 search --color never --entity Reagan
expect_eq "$(head -1 "$SCRATCH/out")" "Ronald Reagan (person)" "text: the heading"
expect_contains "$SCRATCH/out" "  articles: 4, 1985-11-19 to 1986-02-20 (1 undated)"
expect_contains "$SCRATCH/out" '  search:   person:"Ronald Reagan"'
expect_contains "$SCRATCH/out" "  also:     Reagan (2)"
expect_eq "$(grep -cE '^    1985-11 #+ 1$' "$SCRATCH/out")" "1" "text: 1985-11 with one article"
expect_eq "$(grep -cE '^    1986-02 #{40} 2$' "$SCRATCH/out")" "1" "text: 1986-02, the busiest month, a full bar"
expect_contains "$SCRATCH/out" "    person:  Mikhail Gorbachev (3)"
expect_contains "$SCRATCH/out" "Geneva (2)"
expect_contains "$SCRATCH/out" "  newest articles:"
expect_contains "$SCRATCH/out" "    1986-02-20  Ronald Reagan writes to Gorbachev"
expect_eq "$(grep -n '1986-02-20  \|1986-02-03  \|1985-11-19  ' "$SCRATCH/out" | cut -d: -f1 | paste -sd' ' | awk '{print ($1 < $2 && $2 < $3)}')" "1" \
  "text: examples newest first"
expect_eq "$(wc -c < "$SCRATCH/err")" "0" "text: nothing on stderr"

# --- 3. A place, by a built-in alias ----------------------------------------
expect_status 0 search --json --entity Britain
expect_eq "$(jqr '[.name, .type, .articles] | map(tostring) | join("|")')" "United Kingdom|place|3" "--entity Britain: the United Kingdom"
expect_eq "$(jqr '[.first_date, .last_date] | join(" ")')" "1987-05-11 1987-06-29" "place: first and last date"
expect_eq "$(jqr '.months | map("\(.month)=\(.articles)") | join(",")')" "1987-05=1,1987-06=2" "place: per month"
expect_eq "$(jqr .undated)" "0" "place: none undated"
expect_eq "$(jqr '.related.place | map("\(.value)=\(.count)") | join(",")')" "London=3" "place: related places"
expect_eq "$(jqr '.related.person | length')" "0" "place: no related people"
expect_eq "$(jqr '[.examples[].id] | join(",")')" "u3,u2,u1" "place: examples newest first"
place_page=$(jq -c 'del(.examples)' "$SCRATCH/out")
for name in UK U.K. 'place:UK' 'United Kingdom' 'place:united KINGDOM'; do
  expect_status 0 search --json --entity "$name"
  expect_eq "$(jq -c 'del(.examples)' "$SCRATCH/out")" "$place_page" "--entity '$name' is the United Kingdom's page"
done
expect_status 0 search --color never --entity UK
expect_eq "$(head -1 "$SCRATCH/out")" "United Kingdom (place)" "text: the place's heading"
expect_contains "$SCRATCH/out" "  articles: 3, 1987-05-11 to 1987-06-29"
expect_not_contains "$SCRATCH/out" "undated"
expect_contains "$SCRATCH/out" "    place:  London (3)"

# --- 4. An organisation, by its acronym -------------------------------------
expect_status 0 search --json --entity SEC
expect_eq "$(jqr '[.name, .type, .articles] | map(tostring) | join("|")')" "Securities and Exchange Commission|org|2" \
  "--entity SEC: the expansion the archive defines"
expect_eq "$(jqr .query)" 'org:"Securities and Exchange Commission"' "org: the page's query"
expect_eq "$(jqr '[.first_date, .last_date] | join(" ")')" "1986-11-14 1987-03-02" "org: first and last date"
expect_eq "$(jqr '.months | map("\(.month)=\(.articles)") | join(",")')" "1986-11=1,1987-03=1" "org: per month"
expect_eq "$(jqr '[.aliases[].name] | unique | join(",")')" "SEC" "org: goes by SEC"
expect_eq "$(jqr '[.related.place[] | "\(.value)=\(.count)"] | sort | join(",")')" "New York=1,Wall Street=1" "org: related places"
expect_eq "$(jqr '[.examples[].id] | join(",")')" "o2,o1" "org: examples newest first"
org_page=$(jq -c 'del(.examples)' "$SCRATCH/out")
for name in 'org:SEC' 'Securities and Exchange Commission' 'org:securities and exchange COMMISSION' 'org:the SEC'; do
  expect_status 0 search --json --entity "$name"
  expect_eq "$(jq -c 'del(.examples)' "$SCRATCH/out")" "$org_page" "--entity '$name' is the SEC's page"
done
expect_status 0 search --color never --entity SEC
expect_eq "$(head -1 "$SCRATCH/out")" "Securities and Exchange Commission (org)" "text: the org's heading"
expect_contains "$SCRATCH/out" "  also:     SEC ("

# --- 5. Unknown entities ----------------------------------------------------
for name in 'Nobody Here' 'org:Reagan' 'place:SEC' 'planet:Mars' 'Reag'; do
  expect_status 1 search --entity "$name"
  expect_eq "$(cat "$SCRATCH/err")" "newsdex-search: no entity '$name' in the archive (see --entity-list)" "--entity '$name': the message"
  expect_eq "$(wc -c < "$SCRATCH/out")" "0" "--entity '$name': nothing on stdout"
done
expect_status 1 search --json --entity 'Nobody Here'
expect_eq "$(jqr '[.found, .name, .type, .articles, (.examples | length), (.aliases | length)] | map(tostring) | join(" ")')" \
  "false null null 0 0 0" "--json: found false and nothing else"
expect_contains "$SCRATCH/err" "no entity 'Nobody Here' in the archive"
expect_status 1 search --entity '...'
expect_status 2 search --db "$work/missing.db" --entity Reagan
expect_eq "$(wc -c < "$SCRATCH/out")" "0" "no database: nothing on stdout"

# --- 6. Names an entity goes by, and the ways to name it -------------------
# The built-in aliases the archive writes are among the United Kingdom's
# names; an acronym defined in one article and used alone in another is one
# name for both; --entity takes TYPE:"NAME" as the page prints it; a leading
# "the" is no part of a name.
expect_status 0 search --json --entity Britain
expect_eq "$(jqr '[.aliases[] | select(.name == "Britain" or .name == "UK") | "\(.name)=\(.articles)"] | sort | join(",")')" \
  "Britain=1,UK=2" "the United Kingdom's page lists Britain (1 article) and UK (2) among its names"
expect_status 0 search --json --entity SEC
expect_eq "$(jqr '[.aliases[] | select(.name == "SEC")] | map("\(.name)=\(.articles)") | join(",")')" "SEC=2" \
  "SEC listed once, for its two articles"
expect_status 0 search --color never --entity SEC
expect_contains "$SCRATCH/out" "  also:     SEC (2)"
expect_status 0 search --json --entity-list org
expect_eq "$(jqr '[.[] | select(.value == "Securities and Exchange Commission") | .aliases[].name] | join(",")')" "SEC" \
  "--entity-list lists SEC once among the SEC's names"

expect_status 0 search --json --entity 'person:"Ronald Reagan"'
expect_eq "$(search --json --entity 'person:"Ronald Reagan"' | jq -r .name)" "Ronald Reagan" \
  "--entity 'person:\"Ronald Reagan\"' is Ronald Reagan's page"
expect_status 0 search --json --entity 'org:the Securities and Exchange Commission'
expect_eq "$(search --json 'org:"the Securities and Exchange Commission"' | jq -r '[.results[].id] | sort | join(",")')" "o1,o2" \
  "org:\"the Securities and Exchange Commission\" is org:SEC"

done_ok
