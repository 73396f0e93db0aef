# Index the bundled corpus/ and search it the way the README does.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
corpus=$NEWSDEX_SOURCE_DIR/corpus

# Default database is ./newsdex.db; NEWSDEX_DB and --db override it.
expect_status 0 "$NEWSDEX_INDEX" --no-entities "$corpus"
expect_contains "$SCRATCH/err" "failed 0"
[[ -d newsdex.db ]] || fail "default database ./newsdex.db not created"
added=$(sed -n 's/.*added \([0-9]*\),.*/\1/p' "$SCRATCH/err")
[[ $added -ge 8 ]] || fail "expected at least 8 sample articles, added $added"

expect_status 0 "$NEWSDEX_SEARCH" --json Tartus
expect_eq "$(jqr '.results[0].path')" "$corpus/seed/000_bac239f258cd2375.txt" "Tartus ranks the seed article first"
expect_contains "$SCRATCH/out" "<b>Tartus</b>"
expect_eq "$(jqr '.results[0].date')" "2025-10-15T00:00:00Z" "seed date from its byline"
expect_eq "$(jqr '.results[0].author')" "bna Cairo bureau" "seed author from its byline"
expect_eq "$(jqr '.results[0].title')" "Syria’s al-Sharaa seeks to rebuild ties with Russia in first Kremlin talks" "seed title"

# Stemmed and accent-insensitive matching, highlighting the written form.
expect_status 0 "$NEWSDEX_SEARCH" --json sanctions
expect_contains "$SCRATCH/out" "<b>sanctions</b>"
expect_status 0 "$NEWSDEX_SEARCH" --json Ḥmeimim
expect_contains "$SCRATCH/out" "<b>Hmeimim</b>"
expect_status 0 "$NEWSDEX_SEARCH" --json Sharaa
expect_eq "$(jqr '.results[0].path')" "$corpus/seed/000_bac239f258cd2375.txt" "Sharaa finds al-Sharaa’s"
expect_status 0 "$NEWSDEX_SEARCH" --json '"wheat shipments"'
expect_contains "$SCRATCH/out" "<b>wheat</b> <b>shipments</b>"

# JSON Lines sample: own ids, synonyms, fields and dates.
expect_status 0 "$NEWSDEX_SEARCH" --json 'author:Haddad'
expect_eq "$(jqr '.results[0].id')" "harbourwire-2025-0412" "JSONL id kept"
expect_eq "$(jqr '.results[0].source')" "Harbour Wire" "publisher mapped to source"
expect_eq "$(jqr '.results[0].date')" "2025-10-20T04:45:00Z" "zoned date converted to UTC"
expect_status 0 "$NEWSDEX_SEARCH" --json 'source:"market desk" date:2025-11-01..2025-11-05'
expect_eq "$(jqr '.total')" "1" "source phrase with a date range"
expect_eq "$(jqr '.results[0].id')" "marketdesk-88231" "date range keeps only early November"
expect_status 0 "$NEWSDEX_SEARCH" --json --sort date 'grain OR wheat'
first=$(jqr '.results[0].date'); second=$(jqr '.results[1].date')
[[ "$first" > "$second" || "$first" == "$second" ]] || fail "--sort date is newest first ($first, $second)"

# Text output: [..] markers when piped, and a count line.
expect_status 0 "$NEWSDEX_SEARCH" Tartus
expect_contains "$SCRATCH/out" "[Tartus]"
expect_contains "$SCRATCH/out" "1. Syria’s al-Sharaa"
expect_not_contains "$SCRATCH/out" $'\e['

# Limit and offset.
expect_status 0 "$NEWSDEX_SEARCH" --json --limit 1 --offset 1 'Latakia OR grain'
expect_eq "$(jqr '.results | length')" "1" "--limit 1"
expect_eq "$(jqr '.results[0].rank')" "2" "--offset 1 starts at rank 2"

# No match exits 1; bad query and missing database exit 2 with a message.
expect_status 1 "$NEWSDEX_SEARCH" zzzyzzx
expect_status 2 "$NEWSDEX_SEARCH" 'date:2025-10-31..2025-10-01'
expect_contains "$SCRATCH/err" "date range ends before it starts"
expect_status 2 "$NEWSDEX_SEARCH" --db "$SCRATCH/nowhere.db" Tartus
expect_contains "$SCRATCH/err" "no database at"
NEWSDEX_DB="$SCRATCH/nowhere.db" expect_status 2 "$NEWSDEX_SEARCH" Tartus
expect_contains "$SCRATCH/err" "nowhere.db"

# Re-indexing an unchanged corpus changes nothing and duplicates nothing.
expect_status 0 "$NEWSDEX_INDEX" --no-entities "$corpus"
expect_contains "$SCRATCH/err" "added 0, updated 0, deleted 0, unchanged $added, failed 0"
expect_status 0 "$NEWSDEX_SEARCH" --stats --json
expect_eq "$(jqr '.articles')" "$added" "no duplicates after re-indexing"

# --print shows what would be indexed and writes nothing.
expect_status 0 "$NEWSDEX_INDEX" --no-entities --print --db "$SCRATCH/print.db" "$corpus/seed"
expect_eq "$(jqr '.title')" "Syria’s al-Sharaa seeks to rebuild ties with Russia in first Kremlin talks" "--print title"
expect_eq "$(jqr '.body | startswith("Syrian President Ahmad al-Sharaa met")')" "true" "--print body starts after the byline"
expect_eq "$(jqr '.body | contains("Dismiss")')" "false" "page furniture dropped"
[[ ! -e "$SCRATCH/print.db" ]] || fail "--print created a database"
# --print given a relative path shows the ids and paths the index holds.
cp -r "$corpus" "$SCRATCH/rel-corpus"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --print rel-corpus
printed=$(jq -r '.id + " " + .path' "$SCRATCH/out" | sort)
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db rel.db rel-corpus
expect_status 0 "$NEWSDEX_SEARCH" --db rel.db --json --limit 1000 'date:..2100 OR NOT id:none'
indexed=$(jq -r '.results[] | .id + " " + .path' "$SCRATCH/out" | sort)
expect_eq "$printed" "$indexed" "--print ids and paths are those of the index"
[[ $printed == *"$SCRATCH/rel-corpus/"* ]] || fail "--print paths are absolute: $printed"
done_ok
