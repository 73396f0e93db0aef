# newsdex-serve while the index changes under it, with no restart: 4
# clients send searches, the page and health checks without pause while a
# nightly run adds articles, a --rebuild and two --compact runs replace
# the live generation; no request fails, every search during --rebuild and
# --compact sees the whole index, and the added articles are served once
# the nightly run has committed them. SIGTERM lets a request in flight
# finish.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_generate.sh"
source "$(dirname "$0")/lib_serve.sh"
in=$(realpath -s -m "$SCRATCH/in")
make_text_articles "$in" 1500 10 50
db=$SCRATCH/db
"$NEWSDEX_INDEX" -q --no-entities --db "$db" "$in"
start_server reload --db "$db" --threads 4

# during WHAT [LOAD ARGS...] -- INDEX ARGS...: 4 clients send requests
# from before newsdex-index INDEX ARGS starts until after it has ended;
# none may fail.
during() {
  local what=$1; shift
  local load_args=()
  while [[ $1 != -- ]]; do load_args+=("$1"); shift; done
  shift
  rm -f "$SCRATCH/stop" "$SCRATCH/ready"
  python3 "$NEWSDEX_SOURCE_DIR/tests/e2e/serve_load.py" "$SERVER_URL" --clients 4 --until-file "$SCRATCH/stop" \
    --ready-file "$SCRATCH/ready" "${load_args[@]}" > "$SCRATCH/load.json" &
  local load_pid=$!
  local i
  for i in $(seq 1 300); do [[ -e $SCRATCH/ready ]] && break; sleep 0.1; done
  [[ -e $SCRATCH/ready ]] || fail "the clients did not start"
  sleep 0.3
  local rc=0
  "$NEWSDEX_INDEX" --no-entities --db "$db" "$@" >"$SCRATCH/bg.out" 2>"$SCRATCH/bg.err" || rc=$?
  sleep 0.5
  touch "$SCRATCH/stop"
  wait "$load_pid"
  expect_eq "$rc" 0 "$what exit status ($(tail -3 "$SCRATCH/bg.err"))"
  echo "$what: $(cat "$SCRATCH/load.json")"
  expect_eq "$(jq -r .failures "$SCRATCH/load.json")" 0 "failed requests during $what: $(jq -c .first_failures "$SCRATCH/load.json")"
  [[ $(jq -r .requests "$SCRATCH/load.json") -gt 0 ]] || fail "no request during $what"
}

# 1. A nightly run adding 300 articles, committing every 20.
make_text_articles "$SCRATCH/new" 300 3 50
mv "$SCRATCH/new" "$in/new"
during "a nightly run" -- --batch-size 20 "$in"
expect_get 200 /api/health
expect_eq "$(jqr .articles)" 1800 "articles served after the nightly run"

# 2. --rebuild and --compact: the whole index, all the time.
during "--rebuild" --expect-total 1800 -- --batch-size 100 --rebuild "$in"
for n in 1 2; do
  before=$(cat "$db/XAPIANDB")
  during "--compact #$n" --expect-total 1800 -- --compact
  [[ $(cat "$db/XAPIANDB") != "$before" ]] || fail "--compact did not switch the generation"
done
expect_get 200 "/api/search?q=zebracorn&duplicates=show"
expect_eq "$(jqr .total)" 1800 "total after the switches"
# The server holds no generation between requests: the next index run
# removes every replaced one (a generation a request still read at the
# switch is kept until then).
expect_status 0 "$NEWSDEX_INDEX" -q --no-entities --db "$db" "$in"
expect_eq "$(ls -d "$db"/gen-* | wc -l)" 1 "generations left"

# 3. SIGTERM during a request: the answer is finished, then the server
#    exits 0. A client reading the export slowly (2 s or more) is in
#    flight when the signal comes.
"$NEWSDEX_SEARCH" --db "$db" --export jsonl --fields id,title,body zebracorn > "$SCRATCH/cli.jsonl"
size=$(wc -c < "$SCRATCH/cli.jsonl")
curl -sS --limit-rate $((size / 2)) -o "$SCRATCH/slow.jsonl" \
  "$SERVER_URL/api/export?q=zebracorn&format=jsonl&fields=id,title,body" &
curl_pid=$!
# The answer has begun (on a loaded machine curl may take a while to
# connect; a signal before the request arrives would test nothing).
for i in $(seq 1 200); do [[ -s $SCRATCH/slow.jsonl ]] && break; sleep 0.05; done
[[ -s $SCRATCH/slow.jsonl ]] || fail "the slow export did not start"
stop_server
wait "$curl_pid" || fail "the export in flight failed"
cmp -s "$SCRATCH/slow.jsonl" "$SCRATCH/cli.jsonl" || fail "the export in flight was cut: $(wc -c < "$SCRATCH/slow.jsonl") of $size bytes"
checks=$((checks + 1))
done_ok
