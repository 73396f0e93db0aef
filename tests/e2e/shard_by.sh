# --shard-by: one shard per year (month, source), a stub naming them, and a
# re-run that changes one article touches only that article's shard.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
db=$SCRATCH/db
mkdir -p "$in"
# Articles from three years plus undated ones.
: > "$in/feed.jsonl"
for y in 2019 2021 2023; do
  for i in 1 2 3 4 5; do
    id="y$y-$i" title="Report $i from $y" date="$y-0$i-1${i}T10:00:00Z" source="Wire $y" body="Harbour cranes story $i of $y."
    printf '{"id":"%s","title":"%s","date":"%s","source":"%s","body":"%s"}\n' "$id" "$title" "$date" "$source" "$body" >> "$in/feed.jsonl"
  done
done
for i in 1 2 3; do printf 'Undated note %s\n\nHarbour cranes without a date, note %s.\n' "$i" "$i" > "$in/note$i.txt"; done

expect_status 0 "$NEWSDEX_INDEX" --no-entities --shard-by year --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 18,"
expect_eq "$(sed 's|.*/||' "$db/XAPIANDB" | tr '\n' ' ')" "shard-2019 shard-2021 shard-2023 shard-undated " "one shard per year, plus undated"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 100 cranes
expect_eq "$(jqr '.total')" "18" "the stub searches every shard"

# Fingerprint every shard's files.
fingerprint() { (cd "$db/gen-1/$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum); }
declare -A before
for s in shard-2019 shard-2021 shard-2023 shard-undated; do before[$s]=$(fingerprint "$s"); done

# Change one 2021 article: only shard-2021 is written.
sed -i 's/Harbour cranes story 3 of 2021\./Harbour cranes story 3 of 2021, corrected./' "$in/feed.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 0, updated 1, deleted 0, unchanged 17, failed 0"
for s in shard-2019 shard-2023 shard-undated; do
  expect_eq "$(fingerprint "$s")" "${before[$s]}" "$s untouched by a change in 2021"
done
[[ "$(fingerprint shard-2021)" != "${before[shard-2021]}" ]] || fail "shard-2021 was not written"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json corrected
expect_eq "$(jqr '.results[0].id')" "y2021-3" "the change is searchable"

# A new year makes a new shard, named in the stub atomically.
printf '{"id":"y2025-1","title":"New year","date":"2025-01-02","body":"Harbour cranes in 2025."}\n' >> "$in/feed.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 1, updated 0, deleted 0, unchanged 18, failed 0"
expect_contains "$db/XAPIANDB" "gen-1/shard-2025"
# An article whose date moves it to another year moves shard, once.
sed -i 's/"id":"y2019-1","title":"Report 1 from 2019","date":"2019-/"id":"y2019-1","title":"Report 1 from 2019","date":"2023-/' "$in/feed.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
expect_contains "$SCRATCH/err" "added 0, updated 1, deleted 0, unchanged 18, failed 0"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json 'id:y2019-1'
expect_eq "$(jqr '.total')" "1" "a moved article is in one shard only"
expect_eq "$(jqr '.results[0].date | startswith("2023")')" "true" "and has its new date"

# Another policy needs --rebuild; --rebuild may change it.
expect_status 2 "$NEWSDEX_INDEX" --no-entities --shard-by month --db "$db" "$in"
expect_contains "$SCRATCH/err" "use --rebuild to change its sharding"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --rebuild --shard-by source --db "$db" "$in"
expect_contains "$db/XAPIANDB" "gen-2/shard-wire-2019"
expect_contains "$db/XAPIANDB" "gen-2/shard-unknown"
expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --limit 100 cranes
expect_eq "$(jqr '.total')" "19" "every article after re-sharding by source"
expect_status 2 "$NEWSDEX_INDEX" --shard-by decade --db "$db" "$in"

# The real corpora: Reuters (1987) and BBC (undated) give one shard per year present.
if [[ -d $NEWSDEX_SHARED/corpus ]]; then
  copy=$SCRATCH/reuters
  mkdir -p "$copy"
  # Without its 737 records that have neither title nor body (each would be
  # a failed record, see shared_corpora.sh).
  grep -v '"title": "".*"body": ""}$' "$NEWSDEX_SHARED/corpus/reuters21578.jsonl" > "$copy/reuters21578.jsonl"
  real=$SCRATCH/real
  expect_status 0 "$NEWSDEX_INDEX" --no-entities --shard-by year --db "$real" "$copy" "$NEWSDEX_SHARED/corpus/bbc"
  expect_eq "$(sed 's|.*/||' "$real/XAPIANDB" | tr '\n' ' ')" "shard-1987 shard-undated " "Reuters (1987) and BBC (undated) shards"
  bbc_before=$(cd "$real/gen-1/shard-undated" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum)
  sed -i '1s/Showers continued throughout the week/Showers continued all week/' "$copy/reuters21578.jsonl"
  expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$real" "$copy" "$NEWSDEX_SHARED/corpus/bbc"
  expect_contains "$SCRATCH/err" "added 0, updated 1, deleted 0,"
  expect_eq "$(cd "$real/gen-1/shard-undated" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum)" "$bbc_before" "changing a 1987 article leaves the other shard alone"
fi
done_ok
