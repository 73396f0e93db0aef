# newsdex-serve against hostile input: articles whose fields are markup
# and script (tests/corpora/xss) shown as text on the page and as JSON
# strings in the API; /static/ path traversal, plain and encoded;
# oversized request line, headers and query; a slow client that is cut
# off while others are served; credentials (--auth-file, basic and
# bearer) and the refusal to listen publicly without them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_serve.sh"
db=$SCRATCH/db
"$NEWSDEX_INDEX" -q --db "$db" "$NEWSDEX_SOURCE_DIR/tests/corpora/xss" "$NEWSDEX_SOURCE_DIR/corpus/seed"
start_server sec --db "$db" --timeout 1 --threads 4

# 1. Markup in every field is text.
expect_get 200 "/?q=quokka&limit=20"
page=$SCRATCH/page.html
cp "$SCRATCH/out" "$page"
for id in xss-title xss-url xss-plain xss-entities; do expect_contains "$page" "data-id=\"$id\""; done
expect_contains "$page" "<h2 class=\"title\">&lt;script&gt;alert('title')&lt;/script&gt; <mark>quokka</mark></h2>"
expect_contains "$page" "&lt;b onmouseover=alert(5)&gt;Wire&lt;/b&gt;"
# Only the page's own tags: no script element but app.js's, no event
# handler attribute, no javascript: or data: link, no style attribute.
[[ $(grep -c '<script' "$page") == 1 ]] || fail "a <script> tag besides app.js: $(grep '<script' "$page")"
checks=$((checks + 1))
if grep -Eiq '<[^>]* on[a-z]+=' "$page"; then fail "an event handler attribute: $(grep -Eio '<[^>]* on[a-z]+=[^>]*>' "$page")"; fi
if grep -Eiq 'href="[[:space:]]*(javascript|data):' "$page"; then fail "a javascript: or data: link"; fi
if grep -Eiq '<img' "$page"; then fail "an <img> element from an article"; fi
checks=$((checks + 3))
expect_not_contains "$page" 'style="'
# The one http(s) URL is a link, escaped; the others are no link at all.
expect_contains "$page" 'href="https://example.org/quokka?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer"'
[[ $(grep -c 'rel="noopener noreferrer"' "$page") == 1 ]] || fail "links from non-http URLs"
checks=$((checks + 1))
# The marks are the page's own: a </mark> in the body is text.
expect_contains "$page" "&lt;/mark&gt;&lt;mark&gt;"
expect_contains "$page" "<mark>quokka</mark>"
# The query itself, reflected in the form and the title, is text too.
expect_get 400 "/?q=$(urlq 'date:foo "><script>alert(11)</script>')"
expect_not_contains "$SCRATCH/out" "<script>alert(11)"
expect_contains "$SCRATCH/out" 'value="date:foo &quot;&gt;&lt;script&gt;alert(11)&lt;/script&gt;"'
# The API keeps the text as it is, in JSON strings.
expect_get 200 "/api/article/xss-title"
expect_eq "$(jqr .title)" "<script>alert('title')</script> quokka" "title in JSON"
expect_eq "$(jqr .url)" "javascript:alert(4)" "url in JSON"
grep -qi '^content-type: application/json' "$SCRATCH/headers" || fail "article content type"
expect_get 200 "/api/article/xss-entities"
expect_eq "$(jqr '.entities.person[0]')" "<script>alert(8)</script>" "entity in JSON"

# 2. Static files cannot leave their folder.
expect_get 200 /static/style.css
for path in /static/../../etc/passwd /static/..%2f..%2fetc%2fpasswd /static/%2e%2e/%2e%2e/etc/passwd \
            /static/%2e%2e%2f%2e%2e%2fetc%2fpasswd /static/.. /static/%2e%2e /static//etc/passwd \
            /static/..%5c..%5cetc%5cpasswd /static/style.css%00.js /static/.hidden.css /static/CMakeLists.txt/ \
            /static/%252e%252e%252fetc%252fpasswd; do
  get "$path"
  [[ $STATUS == 404 || $STATUS == 400 ]] || fail "GET $path: status $STATUS"
  expect_not_contains "$SCRATCH/out" "root:"
done

# 3. Oversized requests: request line, one header, many headers, query.
long=$(head -c 9000 /dev/zero | tr '\0' a)
expect_get 414 "/api/search?q=$long"
get "/api/health" -H "X-Big: $long"
[[ $STATUS == 400 || $STATUS == 431 ]] || fail "an 9000-byte header: status $STATUS"
headers=()
for i in $(seq 1 80); do headers+=(-H "X-H$i: v"); done
expect_get 431 /api/health "${headers[@]}"
expect_get 400 "/api/search?q=$(head -c 5000 /dev/zero | tr '\0' b)"
expect_contains "$SCRATCH/out" "longer than 4096 bytes"
head -c 2000 /dev/zero > "$SCRATCH/body"
expect_get 413 /api/health -X GET --data-binary @"$SCRATCH/body"
head -c 10 /dev/zero > "$SCRATCH/body"
expect_get 413 /api/health -X GET --data-binary @"$SCRATCH/body"
expect_get 200 /api/health

# 4. Slow clients: three connections that send half a request and stall
#    are cut off after --timeout, while other requests are answered.
python3 - "$SERVER_URL" <<'PY' > "$SCRATCH/slow" &
import socket, sys, time
host, port = sys.argv[1].split("//")[1].split(":")
socks = []
for _ in range(3):
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
start = time.time()
closed = 0
for s in socks:
    s.settimeout(30)
    try:
        while s.recv(4096):
            pass
    except (socket.timeout, ConnectionResetError):
        continue
    closed += 1
print(closed, round(time.time() - start))
PY
slow_pid=$!
sleep 0.3
expect_get 200 /api/health
expect_get 200 "/api/search?q=quokka"
wait "$slow_pid"
read -r closed _ < "$SCRATCH/slow"
expect_eq "$closed" 3 "slow connections closed by the server"

# 5. Credentials.
stop_server
start_server auth --db "$db" --auth-file <(printf '# users\nalice:s3cret:with:colons\ntoken-123\n')
expect_get 401 /api/health
grep -qi '^www-authenticate: Basic' "$SCRATCH/headers" || fail "no WWW-Authenticate"
expect_get 401 /api/health -u alice:wrong
expect_get 401 /api/health -u bob:s3cret:with:colons
expect_get 200 /api/health -u alice:s3cret:with:colons
expect_get 200 /api/health -H "Authorization: Bearer token-123"
expect_get 401 /api/health -H "Authorization: Bearer token-12"
expect_get 401 /static/style.css
stop_server
expect_status 2 "$NEWSDEX_SERVE" --db "$db" --listen 0.0.0.0:0
expect_contains "$SCRATCH/err" "give --auth-file (or --insecure-no-auth)"
expect_status 2 "$NEWSDEX_SERVE" --db "$db" --listen 127.0.0.1:0 --auth-file "$SCRATCH/none"
expect_contains "$SCRATCH/err" "cannot read the auth file"
expect_status 2 "$NEWSDEX_SERVE" --db "$db" --listen nowhere
expect_contains "$SCRATCH/err" "--listen must be HOST:PORT"
done_ok
