# newsdex-serve's JSON API against newsdex-search over the same index:
# /api/search equals newsdex-search --json for a set of queries and
# parameters (parsed JSON compared), /api/entity equals --entity --json,
# /api/complete --entity-list --json, /api/export --export byte for byte,
# /api/stats --stats --json; /api/article/ID; every error status with its
# JSON message; the security headers; the access log; SIGTERM exits 0.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_serve.sh"
db=$SCRATCH/db
"$NEWSDEX_INDEX" -q --db "$db" "$NEWSDEX_SOURCE_DIR/corpus" || [[ $? == 1 ]]
search() { "$NEWSDEX_SEARCH" --db "$db" "$@"; }
start_server api --db "$db"

# 1. Searches: the same JSON as the CLI. Each row: the API's parameters,
#    then the CLI's arguments.
same_json() {
  local params=$1; shift
  expect_get 200 "/api/search?$params"
  jq -S . "$SCRATCH/out" > "$SCRATCH/api.json"
  search --json "$@" | jq -S . > "$SCRATCH/cli.json" || true
  if ! cmp -s "$SCRATCH/api.json" "$SCRATCH/cli.json"; then
    fail "/api/search?$params differs from newsdex-search --json $*:
$(diff "$SCRATCH/cli.json" "$SCRATCH/api.json" | head -40)"
  fi
  checks=$((checks + 1))
}
same_json "q=Tartus" Tartus
jq -e '.results[0].snippet | contains("<b>Tartus</b>")' "$SCRATCH/api.json" >/dev/null || fail "no <b> marks in the snippet"
same_json "q=$(urlq 'title:cocoa OR oil')" 'title:cocoa OR oil'
same_json "q=$(urlq '"interest rates"')" '"interest rates"'
same_json "q=said&sort=date&limit=3&offset=2" --sort date --limit 3 --offset 2 said
same_json "q=said&sort=date-asc&histogram=month&duplicates=show" --sort date-asc --histogram month --duplicates show said
same_json "q=oil%20gas&op=and&facets=3" --default-op and --facet-limit 3 oil gas
same_json "all=1&limit=5" --all --limit 5
same_json "q=Tartuss" Tartuss
expect_eq "$(jq -r .suggestion.query "$SCRATCH/api.json")" Tartus "suggestion"
id=$(search --json Tartus | jq -r '.results[0].id')
same_json "like=$(urlq "$id")" --like "$id"
same_json "duplicates_of=$(urlq "$id")" --duplicates-of "$id"

# 2. One article: the search result's fields and the body.
expect_get 200 "/api/article/$(urlq "$id")"
expect_eq "$(jqr .id)" "$id" "article id"
search --json Tartus | jq -r '.results[0].title' > "$SCRATCH/title"
expect_eq "$(jqr .title)" "$(cat "$SCRATCH/title")" "article title"
[[ $(jqr '.body | length') -gt 100 ]] || fail "article body missing"
expect_get 404 "/api/article/no-such-article"
expect_eq "$(jqr .error)" "no article of id 'no-such-article'" "unknown article message"

# 3. Entity page and completion.
name=$(search --entity-list place --json | jq -r '.[0].value')
expect_get 200 "/api/entity?name=$(urlq "$name")"
jq -S . "$SCRATCH/out" > "$SCRATCH/api.json"
search --entity "$name" --json | jq -S . > "$SCRATCH/cli.json"
cmp -s "$SCRATCH/api.json" "$SCRATCH/cli.json" || fail "/api/entity differs: $(diff "$SCRATCH/cli.json" "$SCRATCH/api.json" | head -20)"
expect_get 404 "/api/entity?name=Nobody%20Atall"
expect_contains "$SCRATCH/out" "no entity 'Nobody Atall' in the archive"
prefix=${name:0:3}
expect_get 200 "/api/complete?type=place&prefix=$(urlq "$prefix")"
jq -S . "$SCRATCH/out" > "$SCRATCH/api.json"
search --entity-list place "$prefix" --json | jq -S . > "$SCRATCH/cli.json"
cmp -s "$SCRATCH/api.json" "$SCRATCH/cli.json" || fail "/api/complete differs"
expect_eq "$(jqr "map(.value) | index(\"$name\") != null")" true "completion holds $name"
expect_get 400 "/api/complete?type=planet&prefix=x"
expect_eq "$(jqr .error)" "unknown entity type 'planet' (use person, place, org or misc)" "bad type message"

# 4. Export, streamed: the CLI's bytes.
expect_get 200 "/api/export?q=said&format=csv&fields=id,date,title"
search --export csv --fields id,date,title said > "$SCRATCH/cli.csv"
cmp -s "$SCRATCH/out" "$SCRATCH/cli.csv" || fail "/api/export csv differs"
grep -qi '^transfer-encoding: chunked' "$SCRATCH/headers" || fail "export is not chunked"
checks=$((checks + 1))
expect_get 200 "/api/export?all=1&format=jsonl"
search --export jsonl --all > "$SCRATCH/cli.jsonl"
cmp -s "$SCRATCH/out" "$SCRATCH/cli.jsonl" || fail "/api/export jsonl differs"
[[ $(wc -l < "$SCRATCH/out") -gt 10 ]] || fail "export too short"
expect_get 400 "/api/export?q=oil&format=xml"
expect_get 400 "/api/export?q=oil&format=csv&fields=id,nonsense"
expect_contains "$SCRATCH/out" "fields:"

# 5. Stats and health.
expect_get 200 /api/stats
jq -S . "$SCRATCH/out" > "$SCRATCH/api.json"
search --stats --json | jq -S 'del(.path, .roots)' > "$SCRATCH/cli.json"
cmp -s "$SCRATCH/api.json" "$SCRATCH/cli.json" || fail "/api/stats differs: $(diff "$SCRATCH/cli.json" "$SCRATCH/api.json" | head)"
expect_not_contains "$SCRATCH/out" "$db"
expect_get 200 /api/health
expect_eq "$(jqr .status)" ok "health"
expect_eq "$(jqr .articles)" "$(search --stats --json | jq -r '.articles')" "health articles"

# 6. Errors: the CLI's messages, JSON, the right status.
for q in 'date:foo' 'Tartus date:2025-13'; do
  expect_get 400 "/api/search?q=$(urlq "$q")"
  search "$q" 2> "$SCRATCH/cli.err" >/dev/null || true
  msg=$(sed 's/^newsdex-search: //' "$SCRATCH/cli.err")
  expect_eq "$(jqr .error)" "$msg" "error for $q"
done
expect_get 400 "/api/search?q=oil&sort=size"
expect_eq "$(jqr .error)" "sort must be relevance, date or date-asc" "bad sort"
expect_get 400 "/api/search?q=oil&limit=ten"
expect_get 400 "/api/search?q=oil&limit=100000"
expect_get 400 "/api/search"
expect_eq "$(jqr .error)" "no query given" "no query"
expect_get 400 "/api/search?q=oil&histogram=decade"
expect_get 404 "/nothing/here"
expect_eq "$(jqr .error)" "not found" "404 message"
expect_get 404 "/api/article/"
expect_get 405 "/api/search?q=oil" -X POST
grep -qi '^allow: GET, HEAD' "$SCRATCH/headers" || fail "405 without Allow"
expect_get 405 "/" -X DELETE
expect_get 200 "/api/search?q=oil" -I
grep -qi '^content-type: application/json' "$SCRATCH/headers" || fail "API content type"
checks=$((checks + 1))

# 7. Security headers on the API, the page and the static files.
for path in "/api/search?q=oil" "/?q=oil" /static/style.css /nothing; do
  get "$path"
  for h in "content-security-policy: default-src 'self'" "x-content-type-options: nosniff" \
           "referrer-policy: no-referrer" "x-frame-options: DENY"; do
    grep -qiF "$h" "$SCRATCH/headers" || fail "$path: no '$h' header"
    checks=$((checks + 1))
  done
  if grep -qi "unsafe-inline" "$SCRATCH/headers"; then fail "$path: unsafe-inline in CSP"; fi
done

# 8. The page: the form, the results with <mark>, paging, a suggestion.
expect_get 200 "/?q=Tartus"
expect_contains "$SCRATCH/out" '<label for="q">'
expect_contains "$SCRATCH/out" '<mark>Tartus</mark>'
expect_contains "$SCRATCH/out" 'href="/static/style.css"'
expect_contains "$SCRATCH/out" 'src="/static/app.js"'
expect_not_contains "$SCRATCH/out" 'style='
expect_not_contains "$SCRATCH/out" '<script>'
expect_get 200 "/?q=said&limit=2&offset=2"
expect_contains "$SCRATCH/out" 'rel="prev" href="/?q=said&amp;limit=2"'
expect_contains "$SCRATCH/out" 'rel="next" href="/?q=said&amp;limit=2&amp;offset=4"'
expect_contains "$SCRATCH/out" '<ol class="results" id="results" start="3">'
expect_get 200 "/?q=Tartuss"
expect_contains "$SCRATCH/out" 'Did you mean: <a href="/?q=Tartus">Tartus</a>?'
expect_get 400 "/?q=date:foo"
expect_contains "$SCRATCH/out" 'class="error"'
expect_get 200 "/"
expect_not_contains "$SCRATCH/out" 'class="count"'
expect_get 200 /static/app.js
grep -qi '^content-type: text/javascript' "$SCRATCH/headers" || fail "app.js content type"

# 9. The access log: one line a request, no query string.
expect_contains "$SERVER_LOG" " 127.0.0.1 GET /api/health 200 "
expect_contains "$SERVER_LOG" " POST /api/search 405 "
expect_not_contains "$SERVER_LOG" "q=Tartus"
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\.0\.0\.1 GET /api/export 200 [1-9][0-9]* [0-9.]+ms$' "$SERVER_LOG" ||
  fail "no export line with its bytes in the access log: $(grep export "$SERVER_LOG" | head -3)"
checks=$((checks + 1))

# 10. SIGTERM: a clean stop.
stop_server
expect_contains "$SERVER_LOG" "newsdex-serve: stopped"

# 11. No index: 503, no path in the answer (the log has the details).
#     The access log in a file of its own.
start_server missing --db "$SCRATCH/no-such.db" --access-log "$SCRATCH/access.log"
expect_get 503 "/api/search?q=oil"
expect_eq "$(jqr .error)" "the index is unavailable" "503 message"
expect_not_contains "$SCRATCH/out" "$SCRATCH"
expect_get 503 /api/health
expect_get 503 "/?q=oil"
expect_not_contains "$SCRATCH/out" "$SCRATCH"
expect_get 404 "/api/$(printf 'x%.0s' 1 2 3)%0a%1b%5b2J"
stop_server
expect_contains "$SCRATCH/access.log" " 127.0.0.1 GET /api/search 503 "
expect_contains "$SCRATCH/access.log" "no-such.db"
# Control characters in a path are written %XX: one line a request.
expect_contains "$SCRATCH/access.log" " GET /api/xxx%0A%1B[2J 404 "
expect_not_contains "$SERVER_LOG" " GET /api/search 503 "
done_ok
