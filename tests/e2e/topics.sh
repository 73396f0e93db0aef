# The publisher's topics (tests/corpora/topics): each format's topics come
# out as given (--print, --json results), topic: finds exactly the articles
# with a topic (whole value, any case), the topic facet counts them (one
# value for "POLITICS" and "politics"), and hostile topics (markup, control
# characters, 10 MB of categories) are bounded, reported and shown as text.
source "$(dirname "$0")/lib.sh"
topics=$NEWSDEX_SOURCE_DIR/tests/corpora/topics
db=$SCRATCH/db

# Each format's topics, as --print gives them: file | topics (JSON).
while IFS='|' read -r file want; do
  expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$topics/$file"
  expect_eq "$(jq -c -s '[.[] | .topics // []]' "$SCRATCH/out")" "$want" "$file: topics"
done <<'ROWS'
council-vote.nitf|[["POLITICS","Politics and Government","Top/News/World/Europe","Transport","night trams"]]
port-strike.nml|[["politique","economy, business and finance","grève"]]
energy-newsml1.xml|[["Energy","gas storage"]]
harbour.rss|[["Weather","Politics","Harbour"],["Harbour"]]
desk.atom|[["Marine ecology","climate"]]
wire.jsonl|[["Agriculture","politics","grain","harvest","Markets"],["Harbour","Shipping","Climate"]]
market-day.html|[["Local","Fishing","Harbour","fish market","quay","markets"]]
ROWS
# A subject given only as a code is counted, not kept.
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$topics/port-strike.nml"
expect_contains "$SCRATCH/err" "1 subject given only as a code (no name) not kept as topics"
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$topics/energy-newsml1.xml"
expect_contains "$SCRATCH/err" "1 subject given only as a code (no name) not kept as topics"

expect_status 0 "$NEWSDEX_INDEX" --db "$db" --no-entities "$topics"
expect_contains "$SCRATCH/err" "added 10, updated 0, deleted 0, unchanged 0, failed 0"

# topic: is the whole value, case and accents ignored, ORed within the
# field; a trailing * any topic that begins so. query | ids (sorted).
while IFS='|' read -r query want; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 50 "$query"
  expect_eq "$(jq -r '[.results[].id | sub(".*/corpora/topics/"; "")] | sort | join(" ")' "$SCRATCH/out")" "$want" "$query"
done <<'ROWS'
topic:politics|https://gazette.example.org/2025/09/15/gales topics-json-1 topics-nitf-1
topic:"Politics and Government"|topics-nitf-1
topic:"POLITICS AND   government"|topics-nitf-1
topic:HARBOUR|https://gazette.example.org/2025/09/15/gales https://gazette.example.org/2025/09/16/drone market-day.html topics-json-2
topic:Greve|urn:newsml:wire.example.com:20250913:port-strike
topic:"Top/News/World/Europe"|topics-nitf-1
topic:polit*|https://gazette.example.org/2025/09/15/gales topics-json-1 topics-nitf-1 urn:newsml:wire.example.com:20250913:port-strike
topic:climate topic:energy|ENERGY-0914 tag:sciencedesk.example.com,2025:seagrass topics-json-2
gales topic:weather|https://gazette.example.org/2025/09/15/gales
ROWS
# A word of a topic is not the topic; a topic is not body text.
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:government'
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:news'
expect_status 1 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:""'
expect_eq "$(jqr '.warnings[0]')" "'topic:' has no value: ignored" "an empty topic: warns"

# The facet: spellings of one topic counted as one, in the most used one.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --facet-limit 50 'topic:politics OR topic:harbour'
expect_eq "$(jqr '[.facets.topic[] | select(.value == "Harbour")][0].count')" "4" "Harbour facet"
expect_eq "$(jqr '[.facets.topic[] | select(.value | ascii_downcase == "politics")] | length')" "1" "one politics facet value"
expect_eq "$(jqr '[.facets.topic[] | select(.value | ascii_downcase == "politics")][0].count')" "3" "politics facet count"
expect_eq "$(jqr '.facets.topic[0].value')" "Harbour" "most counted first"
# The facet's value, as a filter, finds what it counted.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:"Harbour"'
expect_eq "$(jqr '.total')" "4" "the facet value as a filter"
# Text output: the facet line and each result's topics.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --facets 'topic:"Politics and Government"'
expect_contains "$SCRATCH/out" "  topic:  POLITICS (1)  Politics and Government (1)  Top/News/World/Europe (1)"
expect_contains "$SCRATCH/out" "   topics: POLITICS, Politics and Government, Top/News/World/Europe, Transport, night trams"
# JSON results list the article's topics.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:"marine ecology"'
expect_eq "$(jqr '.results[0].topics | join("|")')" "Marine ecology|climate" "topics in a JSON result"

# Export: topics joined by "; " in CSV, an array in JSON Lines.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export jsonl --fields id,topics 'topic:"marine ecology"'
expect_eq "$(jqr '.topics | join("|")')" "Marine ecology|climate" "exported topics (JSON Lines)"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --export csv --fields topics 'topic:"marine ecology"'
expect_contains "$SCRATCH/out" "Marine ecology; climate"

# Hostile topics: markup stays text, control characters are spaces, and
# nothing reaches the terminal raw.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'topic:"<script>alert(1)</script>"'
expect_eq "$(jqr '.results[0].topics | join("|")')" "<script>alert(1)</script>|bell and [31mred|spaced out" "hostile topics as text"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --facets 'topic:"spaced out"'
expect_not_contains "$SCRATCH/out" $'\x1b'
expect_not_contains "$SCRATCH/out" $'\x07'
expect_contains "$SCRATCH/out" "topics: <script>alert(1)</script>, bell and [31mred, spaced out"

# 10 MB of categories in one feed item, and 10 MB of tags in one JSON
# record: at most 64 topics of at most 200 bytes each, the rest reported.
{
  printf '<rss version="2.0"><channel><title>Flood</title><item><title>Flooded</title><link>https://f.example/1</link><description>Many categories.</description>\n'
  long=$(printf 'c%.0s' {1..330})
  for i in $(seq 1 30000); do printf '<category>%d %s</category>' "$i" "$long"; done
  printf '</item></channel></rss>\n'
} >"$SCRATCH/flood.rss"
expect_eq "$(( $(stat -c %s "$SCRATCH/flood.rss") > 10000000 ))" "1" "the feed holds over 10 MB of categories"
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$SCRATCH/flood.rss"
expect_eq "$(jqr '.topics | length')" "64" "feed: topics kept"
expect_eq "$(jqr '[.topics[] | length] | max <= 200')" "true" "feed: each topic cut"
expect_contains "$SCRATCH/err" "too many topics: the first 64 kept, 29936 more dropped"
expect_contains "$SCRATCH/err" "too long, cut: topic ("
{
  printf '{"id": "flood", "title": "Flooded", "body": "Many tags.", "tags": ['
  for i in $(seq 1 200000); do printf '"tag number %040d",' "$i"; done
  printf '"last"]}\n'
} >"$SCRATCH/flood.jsonl"
expect_eq "$(( $(stat -c %s "$SCRATCH/flood.jsonl") > 10000000 ))" "1" "the record holds over 10 MB of tags"
expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/flood.db" --no-entities "$SCRATCH/flood.jsonl"
expect_contains "$SCRATCH/err" "too many topics: the first 64 kept, 199937 more dropped"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/flood.db" --json "topic:\"tag number $(printf '%040d' 64)\""
expect_eq "$(jqr '.total')" "1" "the 64th topic is indexed"
expect_status 1 "$NEWSDEX_SEARCH" --db "$SCRATCH/flood.db" --json "topic:\"tag number $(printf '%040d' 65)\""

done_ok
