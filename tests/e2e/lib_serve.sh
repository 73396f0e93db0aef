# Helpers for the newsdex-serve end-to-end tests; source after lib.sh.
# start_server starts newsdex-serve on a free loopback port and waits for
# it; every server started is stopped with SIGTERM when the test exits.
: "${NEWSDEX_SERVE:?}"
SERVER_PID=
SERVER_URL=
SERVER_LOG=
server_pids=()

stop_all_servers() {
  local p
  for p in "${server_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
}
trap stop_all_servers EXIT

# start_server NAME ARGS...: runs newsdex-serve ARGS --listen 127.0.0.1:0
# (unless ARGS has a --listen), its stderr (the access log) in
# $SCRATCH/NAME.log; sets SERVER_PID, SERVER_URL and SERVER_LOG.
start_server() {
  local name=$1; shift
  SERVER_LOG=$SCRATCH/$name.log
  local listen=(--listen 127.0.0.1:0)
  [[ " $* " == *" --listen "* ]] && listen=()
  "$NEWSDEX_SERVE" "${listen[@]}" "$@" 2>"$SERVER_LOG" &
  SERVER_PID=$!
  server_pids+=("$SERVER_PID")
  local i
  for i in $(seq 1 100); do
    SERVER_URL=$(sed -n 's#^newsdex-serve: listening on \(http://[^ ]*\)/$#\1#p' "$SERVER_LOG" | head -1)
    [[ -n $SERVER_URL ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || fail "newsdex-serve exited: $(cat "$SERVER_LOG")"
    sleep 0.1
  done
  fail "newsdex-serve did not start: $(cat "$SERVER_LOG")"
}

# stop_server: SIGTERM, then it must exit 0 within 10 s.
stop_server() {
  kill -TERM "$SERVER_PID"
  local i
  for i in $(seq 1 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  local status=0
  wait "$SERVER_PID" || status=$?
  expect_eq "$status" 0 "newsdex-serve exit status after SIGTERM"
}

# get PATH [CURL ARGS...]: GET $SERVER_URL/PATH; body in $SCRATCH/out,
# headers in $SCRATCH/headers, status in $STATUS.
get() {
  local path=$1; shift
  STATUS=$(curl -sS --path-as-is -o "$SCRATCH/out" -D "$SCRATCH/headers" -w '%{http_code}' "$@" "$SERVER_URL$path")
}

# expect_get CODE PATH [CURL ARGS...]
expect_get() {
  local want=$1; shift
  get "$@"
  [[ $STATUS == "$want" ]] || fail "GET $1: status $STATUS, expected $want:
$(head -c 2000 "$SCRATCH/out")"
  checks=$((checks + 1))
}

# urlq TEXT: TEXT percent-encoded for a query string.
urlq() { jq -rn --arg v "$1" '$v|@uri'; }
