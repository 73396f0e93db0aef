# JSON numbers in id and text fields are kept as written, never through a
# double: 18446744073709551616 (2^64), 1e400, -0 and 1.50 are ids that
# id: finds and --print shows unchanged.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
mkdir -p "$in"
for n in 18446744073709551616 1e400 -0 1.50 42; do
  printf '{"id":%s,"title":%s,"body":"A zebracorn numbered %s."}\n' "$n" "$n" "$n"
done > "$in/numbers.jsonl"

expect_status 0 "$NEWSDEX_INDEX" --print --no-entities "$in/numbers.jsonl"
expect_eq "$(jqr '.id + "|" + .title' | tr '\n' ' ')" \
  "18446744073709551616|18446744073709551616 1e400|1e400 -0|-0 1.50|1.50 42|42 " "--print: ids and titles as written"

expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$SCRATCH/db" "$in"
expect_contains "$SCRATCH/err" "added 5, updated 0, deleted 0, unchanged 0, failed 0"
for n in 18446744073709551616 1e400 -0 1.50; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/db" --json "id:\"$n\""
  expect_eq "$(jqr '[.results[].id] | join(" ")')" "$n" "id:$n"
done
done_ok
