# Peak memory per file is bounded by --max-article-size (A), not by the
# file's size (README "Limits": 12 x A + 32 MiB with one writer thread, and
# up to 10 x A more for each further thread): with --max-article-size 1
# (MiB), a 64 MB text file, a 24 MB HTML page of short paragraphs and a
# 24 MB JSON line are each indexed within 44 MiB, and 48 JSON records of
# 1.2 MB each, queued to two writer threads, within 54 MiB. bench/memory
# measures the same at the default 8 MiB on files of 100 MB to 1 GB.
# Skipped in sanitizer builds, whose memory is not the program's.
source "$(dirname "$0")/lib.sh"
# (ldd's output is read whole: grep -q closing the pipe early would make
# ldd fail, and pipefail turn the skip into a run.)
libs=$(ldd "$NEWSDEX_INDEX" 2>/dev/null || true)
if grep -q -e libasan -e libtsan -e libmsan <<<"$libs"; then
  echo "SKIP: sanitizer build" >&2
  exit 77
fi
command -v /usr/bin/time >/dev/null || { echo "SKIP: needs /usr/bin/time" >&2; exit 77; }
in=$SCRATCH/in
mkdir -p "$in"
awk 'BEGIN {
  print "Quokka text of 64 MB\n"
  line = "A quokka crossed the harbour at dawn and the crane operators stopped to watch it."
  for (i = 0; i < 800000; i++) print line
}' > "$in/big.txt"
awk 'BEGIN {
  print "<html><head><title>Quokka page of short paragraphs</title></head><body>"
  for (i = 0; i < 600000; i++) printf "<p>Quokka paragraph %d.</p>\n", i
  print "</body></html>"
}' > "$in/big.html"
awk 'BEGIN {
  printf "{\"id\":\"big-line\",\"title\":\"Quokka\",\"body\":\""
  for (i = 0; i < 1000000; i++) printf "quokka harbour crane "
  printf "\"}\n{\"id\":\"after\",\"title\":\"Quokka after\",\"body\":\"The record after the big line.\"}\n"
}' > "$in/line.jsonl"
awk 'BEGIN {
  for (r = 0; r < 48; r++) {
    printf "{\"id\":\"rec%d\",\"title\":\"Quokka record %d\",\"body\":\"", r, r
    for (i = 0; i < 60000; i++) printf "quokka harbour crane "
    printf "\"}\n"
  }
}' > "$in/records.jsonl"

measure() {  # measure WANT_EXIT BOUND_MIB FILE OPTIONS...: runs newsdex-index on FILE, checks peak RSS
  local want=$1 bound_mib=$2 file=$3; shift 3
  rm -rf "$SCRATCH/db"
  expect_status "$want" /usr/bin/time -f '%M' -o "$SCRATCH/rss" "$NEWSDEX_INDEX" -q --no-entities \
    --max-article-size 1 --db "$SCRATCH/db" "$@" "$in/$file"
  local mib=$(( $(tail -1 "$SCRATCH/rss") / 1024 ))
  echo "$file: peak $mib MiB (bound $bound_mib MiB)"
  ((mib <= bound_mib)) || fail "$file: peak RSS $mib MiB is over $bound_mib MiB"
  checks=$((checks + 1))
}
measure 0 44 big.txt --threads 1 --shards 1
measure 0 44 big.html --threads 1 --shards 1
measure 1 44 line.jsonl --threads 1 --shards 1
expect_contains "$SCRATCH/err" "line.jsonl:1: record too large (20 MiB, limit 3 MiB; see --max-article-size)"
measure 0 54 records.jsonl --threads 2 --shards 2
done_ok
