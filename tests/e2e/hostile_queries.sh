# Hostile queries: each ends in bounded time with results (exit 0), no
# results (exit 1) or a one-line error naming the problem (exit 2).
source "$(dirname "$0")/lib.sh"
db=$SCRATCH/db
expect_status 0 "$NEWSDEX_INDEX" --no-entities --db "$db" "$NEWSDEX_SOURCE_DIR/corpus/sample-jsonl"
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }

# expect_error QUERY TEXT: exit 2 with one line on stderr containing TEXT.
expect_error() {
  expect_status 2 search "$1"
  expect_contains "$SCRATCH/err" "$2"
  expect_eq "$(wc -l < "$SCRATCH/err")" "1" "one line of error for '${1:0:40}'"
}

long=$(printf 'w%d ' $(seq 1 3000))
expect_error "$long" "query too long"
many=$(printf 'a%d ' $(seq 1 2000) | head -c 9000)
expect_error "$many" "too many terms"
expect_error 'date:2025-13..' "not a date in date range"
expect_error 'date:..' "date range with no ends"
expect_error 'date:2025..2024' "ends before it starts"
expect_error 'date:2019-13' "date:2019-13: not a date"
expect_error "$(printf '(%.0s' $(seq 1 200))oil" "nests parentheses more than 100 deep"

# Sane results: exit 0 or 1, never 2, and quickly.
for q in '"unbalanced quote' '-' '+' '*' 'a*' 'nosuchprefix:word' '(((' ')))' \
         'title:' 'person:' 'entity:""' $'caf\xe9' 'AND' 'NOT' 'oil OR' 'NEAR' \
         "$(printf '(%.0s' $(seq 1 100))oil" ; do
  start=$SECONDS
  rc=0; search --json "$q" >"$SCRATCH/out" 2>"$SCRATCH/err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] || fail "query '$q' exited $rc: $(cat "$SCRATCH/err")"
  jq -e '.total >= 0' "$SCRATCH/out" >/dev/null || fail "query '$q' printed no JSON result"
  ((SECONDS - start < 20)) || fail "query '$q' took $((SECONDS - start)) s"
  checks=$((checks + 1))
done
done_ok
