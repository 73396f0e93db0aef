# Generated corpora for the re-indexing tests (incremental, crash_safety,
# concurrent_search, two_writers). Source it after lib.sh. Not a test.
#
# Every generated article contains the word "zebracorn", so the query
# `zebracorn` matches all of them and nothing in the shipped corpora.

# make_text_articles DIR COUNT [SUBDIRS [WORDS]]: writes COUNT plain-text
# articles DIR/dK/artNNNNN.txt (K = N mod SUBDIRS, default 10), each a
# title line, a blank line and a body of about WORDS words (default 40)
# drawn deterministically from a small vocabulary. Same arguments, same
# bytes.
make_text_articles() {
  local dir=$1 count=$2 subdirs=${3:-10} words=${4:-40} k
  for ((k = 0; k < subdirs; k++)); do mkdir -p "$dir/d$k"; done
  awk -v dir="$dir" -v count="$count" -v subdirs="$subdirs" -v words="$words" 'BEGIN {
    n = split("harbour crane wheat cocoa shipment sanction tariff grain port " \
              "minister council budget rail freight tanker pipeline bank bond " \
              "election strike union coal copper futures rally forecast drought " \
              "harvest export import customs ferry airline", vocab, " ")
    seed = 12345
    for (i = 1; i <= count; i++) {
      file = sprintf("%s/d%d/art%05d.txt", dir, i % subdirs, i)
      printf "Zebracorn report %d on %s and %s\n\n", i, vocab[i % n + 1], vocab[(i * 7) % n + 1] > file
      body = "Article " i " about zebracorn"
      for (w = 0; w < words; w++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        body = body " " vocab[int(seed / 65536) % n + 1]
      }
      print body "." > file
      close(file)
    }
  }'
}

# make_jsonl_articles FILE FIRST LAST: writes records with ids jFIRST..jLAST
# (zero-padded to 4 digits), one per line, appending to FILE.
make_jsonl_articles() {
  local file=$1 first=$2 last=$3
  awk -v first="$first" -v last="$last" 'BEGIN {
    for (i = first; i <= last; i++) {
      printf "{\"id\":\"j%04d\",\"title\":\"Feed item %d\",\"date\":\"2024-03-%02dT10:00:00Z\",\"body\":\"Zebracorn feed record %d about tariffs and ferries.\"}\n", i, i, i % 28 + 1, i
    }
  }' >> "$file"
}

# index_ids DB: prints the sorted ids of every generated article in DB
# (near-duplicates too: generated bodies overlap, see duplicates.h).
index_ids() {
  local rc=0
  "$NEWSDEX_SEARCH" --db "$1" --json --duplicates show --limit 1000000 zebracorn >"$SCRATCH/ids.json" 2>"$SCRATCH/ids.err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "searching $1 for ids exited $rc: $(cat "$SCRATCH/ids.err")"
  jq -r '.results[].id' "$SCRATCH/ids.json" | LC_ALL=C sort
}

# doc_count DB: the number of articles committed in DB (0 when it cannot
# be opened yet; the error is in $SCRATCH/count.err).
doc_count() {
  "$NEWSDEX_SEARCH" --db "$1" --stats --json 2>"$SCRATCH/count.err" | jq -r '.articles' 2>/dev/null || echo 0
}

# wait_until SECONDS CMD...: polls CMD every 20 ms until it succeeds;
# returns 1 if it has not within SECONDS.
wait_until() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.02
  done
}

# summary_of FILE: the counts part of the summary line in FILE,
# "added A, updated U, deleted D, unchanged N, failed F".
summary_of() {
  sed -n 's/^newsdex-index: \(added .*failed [0-9]*\) in .*/\1/p' "$1"
}
