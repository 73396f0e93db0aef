# --help, --version and usage errors of both programs.
source "$(dirname "$0")/lib.sh"

expect_status 0 "$NEWSDEX_INDEX" --help
expect_contains "$SCRATCH/out" "Usage: newsdex-index"
expect_contains "$SCRATCH/out" "75  another process is writing"
expect_contains "$SCRATCH/out" "--field"
expect_status 0 "$NEWSDEX_INDEX" --version
expect_contains "$SCRATCH/out" "newsdex-index 0."
expect_status 2 "$NEWSDEX_INDEX"
expect_contains "$SCRATCH/err" "no PATH given"
expect_status 2 "$NEWSDEX_INDEX" --no-such-option x
expect_status 2 "$NEWSDEX_INDEX" --field nonsense x
expect_contains "$SCRATCH/err" "bad --field"
# Every Article field the JSON readers map is a --field NAME, the dateline too.
printf '{"id":"f1","title":"T","meta":{"where":"LONDON"},"body":"B"}\n' > "$SCRATCH/field.jsonl"
expect_status 0 "$NEWSDEX_INDEX" --print --field dateline=meta.where "$SCRATCH/field.jsonl"
expect_contains "$SCRATCH/out" '"dateline":"LONDON"'

expect_status 0 "$NEWSDEX_SEARCH" --help
expect_contains "$SCRATCH/out" "Usage: newsdex-search"
expect_contains "$SCRATCH/out" "date:A..B"
expect_contains "$SCRATCH/out" "place:"
expect_contains "$SCRATCH/out" "Exit status:"
expect_contains "$SCRATCH/out" "1   no results"
expect_contains "$SCRATCH/out" "Examples:"
expect_status 0 "$NEWSDEX_SEARCH" --version
expect_status 2 "$NEWSDEX_SEARCH"
expect_status 2 "$NEWSDEX_SEARCH" --sort sideways x
done_ok
