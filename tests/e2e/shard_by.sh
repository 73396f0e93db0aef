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

# One id in two records with different dates: one article, in the shard of
# the record read last, in a new database and in a re-run; the other
# record is reported on every run.
dup=$SCRATCH/dup
mkdir -p "$dup"
printf '{"id":"twin","title":"Twin 2019","date":"2019-05-01","body":"Quokka twin story."}\n' > "$dup/a.jsonl"
printf '{"id":"twin","title":"Twin 2021","date":"2021-05-01","body":"Quokka twin story, later."}\n' > "$dup/b.jsonl"
printf '{"id":"solo","title":"Solo","date":"2020-01-01","body":"Quokka solo."}\n{"id":"twin2","title":"Twin in one file","date":"2018-01-01","body":"Quokka first."}\n{"id":"twin2","title":"Twin in one file, again","date":"2022-01-01","body":"Quokka second."}\n' > "$dup/c.jsonl"
for run in 1 2; do
  expect_status 0 "$NEWSDEX_INDEX" --no-entities --shard-by year --db "$SCRATCH/dupdb" "$dup"
  expect_contains "$SCRATCH/err" "$dup/a.jsonl:1: id 'twin' is also at $dup/b.jsonl:1"
  expect_contains "$SCRATCH/err" "$dup/c.jsonl:2: id 'twin2' is also at line 3 of this file"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/dupdb" --json --limit 10 quokka
  expect_eq "$(jqr '[.results[].title] | sort | join("|")')" "Solo|Twin 2021|Twin in one file, again" "one article per id (run $run)"
done
for s in shard-2018 shard-2019; do
  expect_eq "$(xapian-delve "$SCRATCH/dupdb/gen-1/$s" | sed -n 's/^number of documents = //p')" "0" "$s holds no stale copy"
done
# The holder's file gone: the other record is indexed, in its own shard.
rm "$dup/b.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$SCRATCH/dupdb" "$dup"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/dupdb" --json --limit 10 quokka
expect_eq "$(jqr '[.results[].title] | sort | join("|")')" "Solo|Twin 2019|Twin in one file, again" "the other record takes over"
expect_eq "$(xapian-delve "$SCRATCH/dupdb/gen-1/shard-2021" | sed -n 's/^number of documents = //p')" "0" "shard-2021 emptied"

# Articles that change year, killed at random moments: after a re-run each
# id is in exactly one shard, the one of its date.
moves=$SCRATCH/moves
mkdir -p "$moves"
for i in $(seq 1 3000); do printf '{"id":"m%d","title":"Move %d","date":"2001-01-%02d","body":"Wombat story %d."}\n' "$i" "$i" $((i % 28 + 1)) "$i"; done > "$moves/feed.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --no-entities --shard-by year --db "$SCRATCH/movedb" --batch-size 100 "$moves"
for year in 2002 2003 2004; do
  sed -i "s/\"date\":\"[0-9]*-/\"date\":\"$year-/" "$moves/feed.jsonl"
  "$NEWSDEX_INDEX" --db "$SCRATCH/movedb" --batch-size 100 "$moves" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 4 + 1))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  expect_status 0 "$NEWSDEX_INDEX" --db "$SCRATCH/movedb" "$moves"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/movedb" --json --stats
  expect_eq "$(jqr .articles)" "3000" "3000 articles after a killed move to $year and a re-run"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/movedb" --json --limit 1 "date:$year-01-01..$year-12-31 OR NOT wombat"
  expect_eq "$(jqr .total)" "3000" "every article dated $year"
done

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
