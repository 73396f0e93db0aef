# Entity filters, facets and the entity list, on the bundled corpus.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
corpus=$NEWSDEX_SOURCE_DIR/corpus
seed=$corpus/seed/000_bac239f258cd2375.txt
expect_status 0 "$NEWSDEX_INDEX" "$corpus"

# --print carries each article's entities.
expect_status 0 "$NEWSDEX_INDEX" --print "$seed"
for name in "Vladimir Putin" "Ahmad al-Sharaa" "Bashar al-Assad" "Donald Trump"; do
  expect_eq "$(jq -r --arg n "$name" '[.entities[] | select(.type == "person" and .name == $n)] | length' "$SCRATCH/out")" "1" "person $name once"
done
for name in Syria Russia Moscow Tartus Latakia Hmeimim Qamishli; do
  expect_eq "$(jq -r --arg n "$name" '[.entities[] | select(.type == "place" and .name == $n)] | length' "$SCRATCH/out")" "1" "place $name once"
done
for name in Reuters SANA; do
  expect_eq "$(jq -r --arg n "$name" '[.entities[] | select(.type == "org" and .name == $n)] | length' "$SCRATCH/out")" "1" "org $name once"
done
expect_eq "$(jq -r '[.entities[] | select(.type == "org" and (.name | test("OFAC")))] | length' "$SCRATCH/out")" "1" "org OFAC once"
for bad in According During Just President News Dismiss Putin al-Sharaa "The Kremlin"; do
  expect_eq "$(jq -r --arg n "$bad" '[.entities[] | select(.name == $n and (.type == "person" or $n != "The Kremlin"))] | length' "$SCRATCH/out")" "0" "no entity '$bad'"
done

# Entity filters: exact, case- and accent-insensitive, combined with words and dates.
expect_status 0 "$NEWSDEX_SEARCH" --json 'place:Tartus'
expect_eq "$(jqr '.results[0].path')" "$seed" "place:Tartus"
expect_status 0 "$NEWSDEX_SEARCH" --json 'person:"Vladimir Putin"'
expect_eq "$(jqr '.results[0].path')" "$seed" "person:\"Vladimir Putin\""
# The seed never writes "Putin" alone (the article's own rules fold it
# into the full name), yet his surname names him in this archive.
for q in person:Putin person:putin; do
  expect_status 0 "$NEWSDEX_SEARCH" --json "$q"
  expect_eq "$(jqr '[.results[].path] | join(",")')" "$seed" "$q is person:\"Vladimir Putin\""
done
expect_status 0 "$NEWSDEX_SEARCH" --json --entity Putin
expect_eq "$(jqr .name)" "Vladimir Putin" "--entity Putin is Vladimir Putin's page"
expect_status 0 "$NEWSDEX_SEARCH" --json 'person:"vladimir PUTIN" date:2025-10-01..2025-10-31'
expect_eq "$(jqr '.total')" "1" "case-insensitive entity with a date range"
expect_status 1 "$NEWSDEX_SEARCH" --json 'person:"Vladimir Putin" date:2024'
expect_status 0 "$NEWSDEX_SEARCH" --json 'place:ḤMEIMIM'
expect_eq "$(jqr '.results[0].path')" "$seed" "accent-insensitive entity"
expect_status 0 "$NEWSDEX_SEARCH" --json 'entity:Tartus'
expect_eq "$(jqr '.results[0].path')" "$seed" "entity: matches any type"
expect_status 0 "$NEWSDEX_SEARCH" --json 'org:Reuters sanctions'
expect_eq "$(jqr '.results[0].path')" "$seed" "entity filter with a word"
expect_status 1 "$NEWSDEX_SEARCH" --json 'person:Tartus'

# Each JSON result carries its entities; the text output shows them on one line.
expect_status 0 "$NEWSDEX_SEARCH" --json Tartus
expect_eq "$(jqr '.results[0].entities.place | index("Tartus") != null')" "true" "result entities"
expect_status 0 "$NEWSDEX_SEARCH" Tartus
expect_contains "$SCRATCH/out" "person: Ahmad al-Sharaa, Vladimir Putin"

# Facets: always in --json, with --facets in text; Syria among places for sanctions.
expect_status 0 "$NEWSDEX_SEARCH" --json sanctions
expect_eq "$(jqr '[.facets.place[] | select(.value == "Syria")] | length')" "1" "Syria among sanction places"
expect_eq "$(jqr '.facets_exact')" "true" "facet counts are exact"
expect_eq "$(jqr '.facets | keys_unsorted | join(",")')" "person,place,org,misc,topic,source,language,year" "facet lists: every entity type, misc included, then topics, sources, languages and years"
expect_eq "$(jqr '.results[0].entities | keys_unsorted | join(",")')" "person,place,org,misc" "result entities: every type"
expect_status 0 "$NEWSDEX_SEARCH" --facets sanctions
expect_contains "$SCRATCH/out" "Entities in all"
expect_contains "$SCRATCH/out" "Syria (1)"

# The entity list, for completion and browsing.
expect_status 0 "$NEWSDEX_SEARCH" --entity-list place --limit 1000
expect_contains "$SCRATCH/out" "	Tartus"
expect_status 0 "$NEWSDEX_SEARCH" --entity-list place tart
expect_eq "$(cat "$SCRATCH/out")" "1	Tartus" "entity list with a prefix, text"
expect_status 0 "$NEWSDEX_SEARCH" --json --entity-list person vlad
expect_eq "$(jqr '.[0].value')" "Vladimir Putin" "entity list with a prefix"
expect_eq "$(jqr '.[0].count')" "1" "entity list counts articles"
expect_status 2 "$NEWSDEX_SEARCH" --entity-list planet
done_ok
