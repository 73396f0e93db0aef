# JSON nested 200,000 levels deep (a JSON Lines record's body, a .json
# file, an HTML page's JSON-LD headline) beside good files: the run ends
# with exit 1, one line per bad file naming it (and the record), every
# other article indexed; the next run the same, nothing lost. And a FIFO
# named like an article gives one "not a regular file" line, never a hang.
# The deep files are generated here, not committed.
source "$(dirname "$0")/lib.sh"
in=$SCRATCH/in
db=$SCRATCH/db
mkdir -p "$in"
deep() { awk -v n=200000 -v inner="$1" 'BEGIN { for (i = 0; i < n; i++) printf "["; printf "%s", inner; for (i = 0; i < n; i++) printf "]" }'; }

printf 'Quokka plain text\n\nA good quokka article beside the deep ones.\n' > "$in/good.txt"
{
  printf '{"id":"before-deep","title":"Quokka before","body":"The quokka record before the deep one."}\n'
  printf '{"id":"deep-line","title":"Quokka deep","body":'; deep ''; printf '}\n'
  printf '{"id":"after-deep","title":"Quokka after","body":"The quokka record after the deep one."}\n'
} > "$in/feed.jsonl"
{ printf '{"id":"deep-json","title":"Quokka deep file","body":'; deep ''; printf '}\n'; } > "$in/deep.json"
{
  printf '<html><head><title>Quokka page with deep JSON-LD</title>'
  printf '<script type="application/ld+json">{"@type":"NewsArticle","headline":'; deep '"x"'; printf '}</script>'
  printf '</head><body><p>A quokka paragraph, long enough to be the body of this page.</p></body></html>\n'
} > "$in/deep-ld.html"

want=$(LC_ALL=C sort <<IDS
$in/good.txt
before-deep
after-deep
$in/deep-ld.html
IDS
)
for run in first second; do
  expect_status 1 "$NEWSDEX_INDEX" --no-entities --db "$db" "$in"
  err=$SCRATCH/err
  expect_contains "$err" "error: $in/feed.jsonl:2: nested too deeply (more than 100 levels of arrays and objects)"
  expect_contains "$err" "error: $in/deep.json:1: nested too deeply (more than 100 levels of arrays and objects)"
  # The page is indexed without its JSON-LD, which fails (on every run).
  expect_contains "$err" "error: $in/deep-ld.html: JSON-LD nested more than 100 levels deep: not read"
  if [[ $run == first ]]; then
    expect_contains "$err" "added 4, updated 0, deleted 0, unchanged 0, failed 3"
  else
    expect_contains "$err" "added 0, updated 0, deleted 0, unchanged 4, failed 3"
  fi
  expect_eq "$(grep -c "^newsdex-index: error: " "$err")" "3" "one error line per deep record ($run run)"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$db" --json --duplicates show --limit 100 quokka
  expect_eq "$(jqr '.results[].id' | LC_ALL=C sort)" "$want" "every other article indexed ($run run)"
done

# --print reads the same way.
expect_status 1 "$NEWSDEX_INDEX" --print --no-entities "$in/feed.jsonl"
expect_eq "$(jqr '.id' | tr '\n' ' ')" "before-deep after-deep " "--print: the records beside the deep one"
expect_contains "$SCRATCH/err" "$in/feed.jsonl:2: nested too deeply"

# A FIFO named as a text file, read directly (not found by a walk): one
# line, no hang.
mkfifo "$SCRATCH/fifo.txt"
expect_status 1 timeout 20 "$NEWSDEX_INDEX" --print --no-entities "$SCRATCH/fifo.txt"
expect_eq "$(cat "$SCRATCH/err")" "newsdex-index: error: $SCRATCH/fifo.txt: not a regular file" "one line for the FIFO"
expect_status 1 timeout 20 "$NEWSDEX_INDEX" --no-entities --db "$SCRATCH/fifo-db" "$SCRATCH/fifo.txt"
expect_contains "$SCRATCH/err" "error: $SCRATCH/fifo.txt: not a regular file"
done_ok
