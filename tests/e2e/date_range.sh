# Dates at both ends of years 0001..9999 (after conversion to UTC): a date
# its zone pushes past either end is clamped to that end, so every stored
# date has a four-digit year: --sort date puts year 9999 first, date:
# ranges find both ends, --shard-by year names four-digit shards, and
# printed dates have four-digit years.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
db=$SCRATCH/db
mkdir -p "$in"
article() { printf '{"id":"%s","title":"Zebracorn %s","date":"%s","body":"A zebracorn dated %s."}\n' "$1" "$1" "$2" "$2"; }
{
  article y9999 "9999-12-31T23:59:59Z"
  article y9999-zone "9999-12-31T23:59:59-14:00"   # 10000-01-01T13:59:59Z: clamped to the end
  article y2025 "2025-10-15T08:00:00Z"
  article y1987 "9-MAR-1987 04:58:41.12"
  article y1000-zone "1000-01-01T00:00:00+14:00"   # 0999-12-31T10:00:00Z
  article y0001 "0001-01-01T00:00:00Z"
} > "$in/feed.jsonl"

expect_status 0 "$NEWSDEX_INDEX" --no-entities --shard-by year --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 6, updated 0, deleted 0, unchanged 0, failed 0"
expect_eq "$(sed 's|.*/||' "$db/XAPIANDB" | tr '\n' ' ')" "shard-0001 shard-0999 shard-1987 shard-2025 shard-9999 " \
  "four-digit year shards"

expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --sort date --limit 10 zebracorn
expect_eq "$(jqr '[.results[] | .id + "=" + .date] | join(" ")')" \
  "y9999-zone=9999-12-31T23:59:59Z y9999=9999-12-31T23:59:59Z y2025=2025-10-15T08:00:00Z y1987=1987-03-09T04:58:41Z y1000-zone=0999-12-31T10:00:00Z y0001=0001-01-01T00:00:00Z" \
  "--sort date: newest first (the two year-9999 ties by id), both ends in order"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'date:9999..'
expect_eq "$(jqr '[.results[].id] | sort | join(" ")')" "y9999 y9999-zone" "date:9999.. finds year 9999"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'date:..0999'
expect_eq "$(jqr '[.results[].id] | sort | join(" ")')" "y0001 y1000-zone" "date:..0999 finds years 0001 and 0999"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'date:0999-12-31..0999-12-31'
expect_eq "$(jqr '[.results[].id] | join(" ")')" "y1000-zone" "a day in year 999"

# Text output and --print: four-digit years.
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" 'id:y1000-zone'
expect_contains "$SCRATCH/out" "0999-12-31"
expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$in/feed.jsonl"
expect_eq "$(jqr '.date' | tr '\n' ' ')" \
  "9999-12-31T23:59:59Z 9999-12-31T23:59:59Z 2025-10-15T08:00:00Z 1987-03-09T04:58:41Z 0999-12-31T10:00:00Z 0001-01-01T00:00:00Z " \
  "--print dates"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --stats --json
expect_eq "$(jqr '.first_date + " " + .last_date')" "0001-01-01T00:00:00Z 9999-12-31T23:59:59Z" "--stats date range"
done_ok
